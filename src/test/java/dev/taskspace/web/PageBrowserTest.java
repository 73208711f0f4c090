package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.logging.Level;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.openqa.selenium.By;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.logging.LogEntry;

/**
 * What the page's browser tests share: one headless Chromium per test class (1440 x 900), a
 * clean console after every test, and ways to find, hover and click documents on the map.
 */
abstract class PageBrowserTest {
    static final Path SHOTS = Path.of("target", "screenshots");
    static Browser browser;

    @BeforeAll
    static void openTheBrowser() {
        browser = Browser.open(1440, 900);
    }

    @AfterAll
    static void closeTheBrowser() {
        if (browser != null) browser.close();
        browser = null;
    }

    /** Every test ends with a clean browser console. */
    @AfterEach
    void noConsoleErrors() {
        if (browser == null) return;
        assertThat(errors(browser.console())).as("errors in the browser console").isEmpty();
    }

    /**
     * Errors and warnings, less the GL driver's performance notes that the test's own
     * screenshots cause (reading pixels back stalls SwiftShader).
     */
    static List<String> errors(List<LogEntry> entries) {
        return entries.stream().filter(e -> e.getLevel().intValue() >= Level.WARNING.intValue()).map(LogEntry::getMessage)
                .filter(m -> !m.contains("GL Driver Message (OpenGL, Performance")).toList();
    }

    /** Writes {@code map} to {@code dir}/map and serves it on loopback, without live tasks. */
    static PageServer serveMap(Path dir, MapData map) throws IOException {
        MapArtefact.write(dir.resolve("map"), map);
        return PageServer.start(dir.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("not in this test"));
    }

    /** Loads the page afresh (not just a hash change) and waits until everything is in. */
    static void open(PageServer on, String suffix) {
        browser.driver().get("about:blank");
        browser.driver().get(on.uri() + suffix);
        browser.until(d -> {
            Map<String, Object> s = browser.state();
            return s != null && Boolean.TRUE.equals(s.get("extrasLoaded")) && ((Number) s.get("framesDrawn")).intValue() > 0;
        });
    }

    static Map<String, Object> settled(String task) {
        return browser.until(d -> {
            Map<String, Object> s = browser.state();
            return task.equals(s.get("task")) && Boolean.FALSE.equals(s.get("morphing")) ? s : null;
        });
    }

    @SuppressWarnings("unchecked")
    static double[] position(String id) {
        Map<String, Object> p = (Map<String, Object>) browser.js("return window.taskspace.screenPosition(arguments[0]);", id);
        return new double[] {((Number) p.get("x")).doubleValue(), ((Number) p.get("y")).doubleValue()};
    }

    static void hover(String id) {
        double[] p = position(id);
        new Actions(browser.driver()).moveToLocation((int) Math.round(p[0]), (int) Math.round(p[1])).perform();
    }

    static void clickDocument(String id) {
        double[] p = position(id);
        new Actions(browser.driver()).moveToLocation((int) Math.round(p[0]), (int) Math.round(p[1])).click().perform();
    }

    static WebElement byId(String id) {
        return browser.driver().findElement(By.id(id));
    }

    static BufferedImage canvasImage() throws IOException {
        byte[] png = browser.driver().findElement(By.cssSelector("canvas.plot")).getScreenshotAs(OutputType.BYTES);
        return ImageIO.read(new ByteArrayInputStream(png));
    }

    static double differingPixels(BufferedImage a, BufferedImage b) {
        int w = Math.min(a.getWidth(), b.getWidth()), h = Math.min(a.getHeight(), b.getHeight());
        long differ = 0;
        for (int y = 0; y < h; y++) for (int x = 0; x < w; x++) if (a.getRGB(x, y) != b.getRGB(x, y)) differ++;
        return differ / (double) (w * h);
    }
}
