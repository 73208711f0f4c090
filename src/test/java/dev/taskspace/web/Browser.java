package dev.taskspace.web;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Debian's headless Chromium, driven by its own chromedriver, both given by path so that
 * Selenium downloads nothing (Selenium Manager is never asked). Without them, tests skip
 * with a message, except under CI ({@code CI=true}), where the browser tests must run.
 *
 * <p>Paths: {@code TASKSPACE_CHROMIUM} and {@code TASKSPACE_CHROMEDRIVER}, else
 * {@code /usr/bin/chromium} and {@code /usr/bin/chromedriver}
 * ({@code apt-get install -y chromium chromium-driver}).
 */
public final class Browser implements AutoCloseable {
    /** How long {@link #until} waits: 30 s, or {@code -Dtaskspace.browserWait=SECONDS} (benchmarks of a million points on a busy machine). */
    public static final Duration WAIT = Duration.ofSeconds(Long.getLong("taskspace.browserWait", 30));
    private final ChromeDriver driver;
    private final Path profile;

    private Browser(ChromeDriver driver, Path profile) {
        this.driver = driver;
        this.profile = profile;
    }

    /** Opens a browser with a fresh profile; {@code software WebGL} lets SwiftShader give WebGL2 without a GPU. */
    public static Browser open(int width, int height) {
        Path chromium = Path.of(env("TASKSPACE_CHROMIUM", "/usr/bin/chromium"));
        Path chromedriver = Path.of(env("TASKSPACE_CHROMEDRIVER", "/usr/bin/chromedriver"));
        if (!Files.isExecutable(chromium) || !Files.isExecutable(chromedriver)) {
            String msg = "skipped: the browser tests need " + chromium + " and " + chromedriver
                    + " (apt-get install -y chromium chromium-driver)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail("CI must run the browser tests: " + msg);
            System.err.println(msg);
            Assumptions.abort(msg);
        }
        try {
            Path profile = Files.createTempDirectory("taskspace-chromium-");
            ChromeOptions options = new ChromeOptions();
            options.setBinary(chromium.toFile());
            options.addArguments("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                    "--disable-component-update", "--no-first-run", "--disable-sync", "--disable-extensions",
                    "--disable-default-apps", "--no-default-browser-check",
                    // tests that select hundreds of documents through the address would be throttled as a navigation flood
                    "--disable-ipc-flooding-protection", "--user-data-dir=" + profile,
                    "--window-size=" + width + "," + height, "--force-device-scale-factor=1",
                    // WebGL2 without a GPU: SwiftShader, asked for explicitly (Chromium no longer falls back to it silently)
                    "--use-angle=swiftshader", "--enable-unsafe-swiftshader");
            LoggingPreferences logs = new LoggingPreferences();
            logs.enable(LogType.BROWSER, Level.ALL);
            options.setCapability("goog:loggingPrefs", logs);
            ChromeDriverService service = new ChromeDriverService.Builder()
                    .usingDriverExecutable(chromedriver.toFile())
                    .usingAnyFreePort()
                    .withLogOutput(java.io.OutputStream.nullOutputStream())
                    .build();
            return new Browser(new ChromeDriver(service, options), profile);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String env(String name, String fallback) {
        String v = System.getenv(name);
        return v == null || v.isBlank() ? fallback : v;
    }

    public WebDriver driver() {
        return driver;
    }

    /** Runs a script in the page and returns its value. */
    public Object js(String script, Object... args) {
        return ((JavascriptExecutor) driver).executeScript(script, args);
    }

    /** window.taskspace.state(), or null before the page has started. */
    @SuppressWarnings("unchecked")
    public Map<String, Object> state() {
        return (Map<String, Object>) js("return window.taskspace ? window.taskspace.state() : null;");
    }

    /** Waits (polling every 25 ms, up to {@link #WAIT}) until the condition holds. */
    public <T> T until(Function<WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT, Duration.ofMillis(25)).until(condition);
    }

    /** The browser's console since the last call. */
    public List<LogEntry> console() {
        return driver.manage().logs().get(LogType.BROWSER).getAll();
    }

    /** A PNG of the whole window. */
    public byte[] screenshot() {
        return driver.getScreenshotAs(OutputType.BYTES);
    }

    public void saveScreenshot(Path file) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, screenshot());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        try {
            driver.quit();
        } finally {
            try (Stream<Path> files = Files.walk(profile)) {
                files.sorted(Comparator.reverseOrder()).map(Path::toFile).forEach(File::delete);
            } catch (IOException ignored) {
                // a temporary profile left behind is harmless
            }
        }
    }
}
