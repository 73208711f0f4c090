package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** The page without a mouse: Tab reaches every control; Enter, Space, arrows and Escape do what a click does. */
class KeyboardIT extends PageBrowserTest {
    static final MapData MAP = TestMaps.small(false);
    static PageServer server;

    @TempDir
    static Path dir;

    @BeforeAll
    static void serve() throws IOException {
        server = serveMap(dir, MAP);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static WebElement focused() {
        return browser.driver().switchTo().activeElement();
    }

    /** What has the focus, as "#id", "task:NAME" or ".class". */
    static String describe(WebElement e) {
        String id = e.getAttribute("id"), task = e.getAttribute("data-task"), cls = e.getAttribute("class");
        if (id != null && !id.isEmpty()) return "#" + id;
        if (task != null && !task.isEmpty()) return "task:" + task;
        return "." + (cls == null || cls.isEmpty() ? e.getTagName() : cls.split(" ")[0]);
    }

    static void press(CharSequence... keys) {
        new Actions(browser.driver()).sendKeys(keys).perform();
    }

    @Test
    void tabReachesEveryControl() {
        open(server, "");
        Set<String> reached = new LinkedHashSet<>();
        for (int i = 0; i < 90; i++) {
            press(Keys.TAB);
            reached.add(describe(focused()));
        }
        assertThat(reached).contains("task:default", "task:topic", "task:sentiment", "task:toxicity", "#live-open", "#colour-mode", "#search-mode",
                "#search", "#explain-open", ".legend-item", ".legend-fold", "#reset-view");
        assertThat(reached.stream().filter(s -> s.startsWith(".tool") || s.contains("tool")).count()).as("the map tools in " + reached).isPositive();
    }

    @Test
    @SuppressWarnings("unchecked")
    void enterSpaceArrowsAndEscapeDoWhatClicksDo() {
        open(server, "");
        // A legend entry: Enter hides its category, Space shows it again.
        browser.js("document.querySelector('#legend .legend-item').focus();");
        press(Keys.ENTER);
        assertThat((List<String>) browser.state().get("hiddenCategories")).hasSize(1);
        browser.js("document.querySelector('#legend .legend-item').focus();");
        press(Keys.SPACE);
        assertThat((List<String>) browser.state().get("hiddenCategories")).isEmpty();

        // Search, then into the results with ArrowDown; Enter selects; Escape goes back to the box and keeps the search.
        byId("search").sendKeys("the");
        browser.until(d -> browser.state().get("matches") != null);
        press(Keys.ARROW_DOWN);
        press(Keys.ARROW_DOWN);
        String second = focused().getAttribute("data-index");
        press(Keys.ESCAPE);
        assertThat(describe(focused())).isEqualTo("#search");
        assertThat(browser.state().get("query")).isEqualTo("the");
        press(Keys.ARROW_DOWN);
        press(Keys.ARROW_DOWN);
        press(Keys.SPACE);
        assertThat(browser.state().get("selected")).isEqualTo(MAP.ids().get(Integer.parseInt(second)));

        // Back (Shift+Tab) into the card's neighbours; arrows move through them; Enter follows one, and the keys stay in the new card.
        List<String> walked = new java.util.ArrayList<>();
        for (int i = 0; i < 60 && !describe(focused()).equals(".neighbour"); i++) {
            press(Keys.chord(Keys.SHIFT, Keys.TAB));
            walked.add(describe(focused()));
        }
        assertThat(describe(focused())).as("walked " + walked).isEqualTo(".neighbour");
        press(Keys.HOME);
        press(Keys.ARROW_DOWN);
        String neighbour = MAP.ids().get(Integer.parseInt(focused().getAttribute("data-index")));
        assertThat((List<String>) browser.state().get("neighbours")).contains(neighbour);
        assertThat(((List<String>) browser.state().get("neighbours")).indexOf(neighbour)).isEqualTo(1);
        press(Keys.ENTER);
        assertThat(browser.state().get("selected")).isEqualTo(neighbour);
        assertThat(describe(focused())).isEqualTo(".neighbour");
        press(Keys.ESCAPE);
        assertThat(browser.state().get("selected")).isNull();

        // The explainer: Enter opens it with the focus on Close; Escape closes it and gives the focus back.
        browser.js("document.getElementById('explain-open').focus();");
        press(Keys.ENTER);
        assertThat(byId("explainer").isDisplayed()).isTrue();
        assertThat(describe(focused())).isEqualTo("#explain-close");
        press(Keys.ESCAPE);
        assertThat(byId("explainer").isDisplayed()).isFalse();
        assertThat(describe(focused())).isEqualTo("#explain-open");
    }
}
