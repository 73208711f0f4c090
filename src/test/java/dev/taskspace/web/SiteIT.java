package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapArtefact;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** The static site that {@code taskspace site} writes: on a plain static host, and opened as a file. */
class SiteIT {
    static Path site;
    static Browser browser;

    @TempDir
    static Path dir;

    @BeforeAll
    static void writeTheSite() throws IOException {
        MapArtefact.write(dir.resolve("map"), TestMaps.small(true));
        site = SiteWriter.write(dir.resolve("map"), dir.resolve("site")).site();
        browser = Browser.open(1280, 800);
    }

    @AfterAll
    static void close() {
        if (browser != null) browser.close();
    }

    @Test
    void aPlainStaticHostServesAWorkingPageWithoutTheLiveBox() throws IOException {
        try (StaticHost host = new StaticHost(site)) {
            browser.driver().get(host.url() + "#task=sentiment");
            Map<String, Object> s = browser.until(d -> {
                Map<String, Object> st = browser.state();
                return st != null && Boolean.TRUE.equals(st.get("extrasLoaded")) && "sentiment".equals(st.get("task")) ? st : null;
            });
            assertThat(s.get("renderer")).isEqualTo("webgl2");
            browser.driver().findElement(By.cssSelector("#tasks button[data-task='topic']")).click();
            browser.until(d -> "topic".equals(browser.state().get("task")) && Boolean.FALSE.equals(browser.state().get("morphing")));
            assertThat(browser.driver().findElement(By.id("live-open")).isDisplayed()).isFalse();
            assertThat(browser.driver().findElement(By.id("notice")).isDisplayed()).as("Qwen3 is instruction-tuned: no notice").isFalse();
            // Search by meaning needs the server's model: the static copy says so instead of searching.
            new org.openqa.selenium.support.ui.Select(browser.driver().findElement(By.id("search-mode"))).selectByValue("meaning");
            browser.driver().findElement(By.id("search")).sendKeys("rockets into orbit", org.openqa.selenium.Keys.ENTER);
            String note = browser.until(d -> (String) browser.state().get("searchNote"));
            assertThat(note).contains("needs the page served by ‘taskspace serve’").contains("Search by words here");
            assertThat(browser.driver().findElement(By.id("results-panel")).getText()).contains("taskspace serve");
            assertThat(browser.state().get("matches")).isNull();
            assertThat(PageBrowserTest.errors(browser.console())).isEmpty();
            browser.saveScreenshot(PageBrowserTest.SHOTS.resolve("static-site-1280x800.png"));
        }
    }

    @Test
    void openedAsAFileThePageSaysHowToServeIt() {
        browser.driver().get(site.resolve("index.html").toUri().toString());
        var fatal = browser.driver().findElement(By.id("fatal"));
        browser.until(d -> fatal.isDisplayed());
        assertThat(fatal.getText()).contains("served over HTTP").contains("python3 -m http.server").contains("taskspace serve");
        assertThat(browser.js("return window.taskspace === undefined;")).isEqualTo(true);
        // Chromium refuses the ES module from a file:// page (origin 'null'): that, and only that, is in the console.
        assertThat(PageBrowserTest.errors(browser.console())).isNotEmpty().allMatch(m -> m.contains("CORS") || m.contains("main.js"));
        browser.saveScreenshot(PageBrowserTest.SHOTS.resolve("opened-as-file.png"));
    }
}
