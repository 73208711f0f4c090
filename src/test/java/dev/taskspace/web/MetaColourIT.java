package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Colouring and filtering by corpus fields (meta): the small map's categorical "author" (one value
 * is hostile markup) and numeric "replies"; one document has no fields. Expected counts and the
 * robust range are computed here from the map's own values.
 */
class MetaColourIT extends PageBrowserTest {
    static final MapData MAP = TestMaps.small(false);
    @TempDir
    static Path dir;
    static PageServer server;

    @BeforeAll
    static void serve() throws IOException {
        server = serveMap(dir, MAP);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static long count(String field, Object value) {
        return MAP.meta().stream().filter(m -> value.equals(m.get(field))).count();
    }

    static int shown() {
        return browser.until(d -> {
            Map<String, Object> s = browser.state();
            return ((Number) s.get("shown")).intValue();
        });
    }

    static WebElement legendItem(String key) {
        for (WebElement e : browser.driver().findElements(By.cssSelector("#legend .legend-item"))) {
            if (key.equals(e.getAttribute("data-key"))) return e;
        }
        throw new AssertionError("no legend entry " + key + " in " + byId("legend").getText());
    }

    @Test
    void aCategoricalFieldColoursTheMapAndItsValuesFilterIt() {
        open(server, "");
        browser.until(d -> ((List<?>) browser.state().get("metaFields")).size() == 3);
        new Select(byId("colour-mode")).selectByValue("meta:author");
        browser.until(d -> "author".equals(browser.state().get("legendTitle")));
        int n = MAP.ids().size();
        // Every value is an entry with its count; the document without fields is "(no value)".
        assertThat(legendItem(TestMaps.META_SCRIPT).getText()).contains(TestMaps.META_SCRIPT).contains("1");
        assertThat(legendItem("author a").getText()).endsWith(String.valueOf(count("author", "author a")));
        assertThat(legendItem("(no value)").getText()).endsWith("1");
        assertThat(browser.js("return document.querySelectorAll('#legend b').length === 0 && window.__pwned === undefined;")).isEqualTo(true);

        legendItem("author a").click();
        assertThat(shown()).isEqualTo(n - (int) count("author", "author a"));
        assertThat(byId("legend").getText()).contains("Filtered by author: 1 value hidden; " + (n - count("author", "author a")) + " of " + n + " shown.");
        new Actions(browser.driver()).doubleClick(legendItem(TestMaps.META_SCRIPT)).perform();
        browser.until(d -> shown() == 1);
        assertThat(browser.driver().getCurrentUrl()).contains("filter=author");
        browser.saveScreenshot(SHOTS.resolve("meta-categorical-1440.png"));
        byId("legend").findElement(By.xpath(".//button[text()='show all']")).click();
        assertThat(shown()).isEqualTo(n);
        assertThat(browser.state().get("metaFilter")).isNull();
        assertThat(browser.js("return window.__pwned === undefined;")).isEqualTo(true);
    }

    @Test
    void aNumericFieldGetsARobustRampAndARangeFilterThatHoldsInEveryModeAndInTheAddress() {
        open(server, "");
        browser.until(d -> ((List<?>) browser.state().get("metaFields")).size() == 3);
        new Select(byId("colour-mode")).selectByValue("meta:replies");
        browser.until(d -> "replies".equals(browser.state().get("legendTitle")));
        List<Integer> values = new ArrayList<>();
        for (Map<String, Object> m : MAP.meta()) if (m.get("replies") != null) values.add(((Number) m.get("replies")).intValue());
        values.sort(null);
        int lo = values.get((int) Math.round(0.02 * (values.size() - 1)));
        int hi = values.get((int) Math.round(0.98 * (values.size() - 1)));
        String legend = byId("legend").getText();
        assertThat(legend).contains("2nd–98th percentile (" + lo + " to " + hi + ")").contains("1 without a value are grey");
        assertThat(byId("legend").findElement(By.className("bar-left")).getText()).isEqualTo(String.valueOf(lo));

        WebElement from = byId("legend").findElement(By.cssSelector("input[aria-label='replies: show from']"));
        from.sendKeys("10", Keys.TAB);
        long expected = values.stream().filter(v -> v >= 10).count();
        browser.until(d -> shown() == expected);
        assertThat(browser.driver().getCurrentUrl()).contains("filter=replies%3A10..");
        browser.saveScreenshot(SHOTS.resolve("meta-numeric-1440.png"));

        // Colour by category: the filter holds, and the legend says so.
        new Select(byId("colour-mode")).selectByValue("category");
        assertThat(shown()).isEqualTo((int) expected);
        assertThat(byId("legend").getText()).contains("Filtered by replies 10 to …");

        // A link keeps it.
        String url = browser.driver().getCurrentUrl();
        browser.driver().get("about:blank");
        browser.driver().get(url);
        browser.until(d -> browser.state() != null && ((List<?>) browser.state().get("metaFields")).size() == 3);
        assertThat(shown()).isEqualTo((int) expected);
        byId("legend").findElement(By.xpath(".//button[text()='clear filter']")).click();
        assertThat(shown()).isEqualTo(MAP.ids().size());
    }
}
