package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskspace.map.MapData;
import dev.taskspace.project.ProjectStage;
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
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;
import org.openqa.selenium.support.ui.Select;

/**
 * Region labels, the change view, side by side and the score legend in headless Chromium, on
 * the small test map with regions found and named by the projection stage's own code.
 * Screenshots go to target/screenshots/.
 */
class RegionsPageIT extends PageBrowserTest {
    @TempDir
    static Path dir;
    static PageServer server;
    static MapData map;

    @BeforeAll
    static void serve() throws IOException {
        MapData small = TestMaps.small(true);
        map = ProjectStage.withRegions(small, small.previews());
        server = serveMap(dir, map);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> labels() {
        return (List<Map<String, Object>>) ((Map<String, Object>) browser.state().get("regionLabels")).get("labels");
    }

    private static String name(MapData.Region r) {
        return String.join(" · ", r.words().subList(0, Math.min(3, r.words().size())));
    }

    /** Where region r of task t should be drawn: the mean screen position of its documents. */
    private static double[] centre(int t, int r) {
        double x = 0, y = 0;
        int count = 0;
        int[] regions = map.tasks().get(t).regions();
        for (int i = 0; i < regions.length; i++) {
            if (regions[i] != r) continue;
            double[] p = position(map.ids().get(i));
            x += p[0];
            y += p[1];
            count++;
        }
        double[] canvas = canvasOrigin();
        return new double[] {x / count - canvas[0], y / count - canvas[1]};
    }

    private static double[] canvasOrigin() {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.js("const r = document.getElementById('plot').getBoundingClientRect(); return {x: r.left, y: r.top};");
        return new double[] {((Number) r.get("x")).doubleValue(), ((Number) r.get("y")).doubleValue()};
    }

    private static void assertLabelsOf(int t) {
        List<Map<String, Object>> drawn = browser.until(d -> labels().isEmpty() ? null : labels());
        List<MapData.Region> regions = map.tasks().get(t).regionInfo();
        for (Map<String, Object> label : drawn) {
            int r = ((Number) label.get("region")).intValue();
            assertThat(label.get("text")).isEqualTo(name(regions.get(r)));
            double[] c = centre(t, r);
            assertThat(((Number) label.get("anchorX")).doubleValue()).as("x of %s", label.get("text")).isCloseTo(c[0], within(1.5));
            assertThat(((Number) label.get("anchorY")).doubleValue()).as("y of %s", label.get("text")).isCloseTo(c[1], within(1.5));
            assertLabelInside(label);
        }
    }

    /**
     * A label's box lies within the map; it is drawn at its region's centre unless that would put
     * it past an edge, and then moved in no further than needed.
     */
    static void assertLabelInside(Map<String, Object> label) {
        @SuppressWarnings("unchecked")
        List<Number> box = (List<Number>) label.get("box");
        double w = ((Number) label.get("width")).doubleValue(), h = ((Number) label.get("height")).doubleValue();
        assertThat(box.get(0).doubleValue()).as("left of %s", label.get("text")).isGreaterThanOrEqualTo(0);
        assertThat(box.get(1).doubleValue()).as("top of %s", label.get("text")).isGreaterThanOrEqualTo(0);
        assertThat(box.get(2).doubleValue()).as("right of %s in a map %s px wide", label.get("text"), w).isLessThanOrEqualTo(w);
        assertThat(box.get(3).doubleValue()).as("bottom of %s", label.get("text")).isLessThanOrEqualTo(h);
        double x = ((Number) label.get("x")).doubleValue(), ax = ((Number) label.get("anchorX")).doubleValue();
        double half = (box.get(2).doubleValue() - box.get(0).doubleValue()) / 2;
        if (ax - half >= 2 && ax + half <= w - 2) assertThat(x).as("x of %s, which fits where it belongs", label.get("text")).isCloseTo(ax, within(0.01));
    }

    @Test
    void labelsSitAtTheirRegionsAndChangeWithTheTask() {
        open(server, "#task=topic");
        assertThat(map.tasks().get(1).regionInfo()).anyMatch(r -> !r.words().isEmpty());
        assertLabelsOf(1);
        browser.saveScreenshot(SHOTS.resolve("labels-topic.png"));
        List<Object> before = labels().stream().map(l -> l.get("text")).toList();
        browser.driver().findElement(By.cssSelector("#tasks button[data-task='default']")).click();
        settled("default");
        browser.until(d -> !labels().stream().map(l -> l.get("text")).toList().equals(before) || labels().isEmpty() ? true : null);
        if (!labels().isEmpty()) assertLabelsOf(0);
        byId("labels-toggle").click();
        browser.until(d -> labels().isEmpty() ? true : null);
        assertThat(byId("labels-toggle").getAttribute("aria-pressed")).isEqualTo("false");
        byId("labels-toggle").click();
    }

    @Test
    void labelsMoveWithTheMorph() {
        open(server, "?debug=frames#task=default");
        browser.driver().findElement(By.cssSelector("#tasks button[data-task='topic']")).click();
        // mid-morph, the labels of the task being morphed to are drawn between their two places
        List<Map<String, Object>> mid = browser.until(d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> l = (Map<String, Object>) browser.state().get("regionLabels");
            double t = ((Number) l.get("t")).doubleValue();
            return ((Number) l.get("task")).intValue() == 1 && t > 0.1 && t < 0.9 && !labels().isEmpty() ? labels() : null;
        });
        Map<String, Object> s = settled("topic");
        assertThat(s.get("task")).isEqualTo("topic");
        List<Map<String, Object>> end = labels();
        boolean moved = false;
        for (Map<String, Object> m : mid) {
            for (Map<String, Object> e : end) {
                if (m.get("region").equals(e.get("region")) && Math.hypot(((Number) m.get("x")).doubleValue() - ((Number) e.get("x")).doubleValue(),
                        ((Number) m.get("y")).doubleValue() - ((Number) e.get("y")).doubleValue()) > 2) moved = true;
            }
        }
        assertThat(moved).as("a label drawn mid-morph was elsewhere than at the end").isTrue();
        assertLabelsOf(1);
    }

    @Test
    void theChangeViewShowsTheStoredCategoryCountsRegionsAndTheTextsThatMovedMost() {
        open(server, "#task=sentiment");
        byId("change-open").click();
        WebElement panel = browser.until(d -> byId("change-panel").isDisplayed() ? byId("change-panel") : null);
        assertThat(new Select(byId("change-from")).getFirstSelectedOption().getText()).isEqualTo("default");
        assertThat(new Select(byId("change-to")).getFirstSelectedOption().getText()).isEqualTo("sentiment");
        int[][] from = map.tasks().get(0).categoryNeighbours(), to = map.tasks().get(2).categoryNeighbours();
        List<WebElement> cells = panel.findElements(By.cssSelector(".category-matrix td"));
        assertThat(cells).hasSize(4 * 4);
        for (WebElement cell : cells) {
            int r = Integer.parseInt(cell.getAttribute("data-row")), c = Integer.parseInt(cell.getAttribute("data-col"));
            assertThat(cell.getAttribute("data-count")).isEqualTo(String.valueOf(to[r][c]));
            assertThat(cell.getAttribute("data-count-from")).isEqualTo(String.valueOf(from[r][c]));
        }
        assertThat(panel.getText()).contains("Regions:").contains("Moved most");
        browser.saveScreenshot(SHOTS.resolve("change-view.png"));
        // the most moved text: the one with the most new neighbours
        WebElement first = panel.findElements(By.cssSelector(".moved li")).get(0);
        int index = Integer.parseInt(first.getAttribute("data-index"));
        float most = 0;
        for (float d : map.tasks().get(2).drift()) most = Math.max(most, d);
        assertThat(map.tasks().get(2).drift()[index]).isEqualTo(most);
        first.click();
        browser.until(d -> map.ids().get(index).equals(browser.state().get("selected")));
        // another pair
        new Select(byId("change-from")).selectByVisibleText("topic");
        browser.until(d -> byId("change-panel").findElements(By.cssSelector(".category-matrix td")).get(0).getAttribute("data-count-from")
                .equals(String.valueOf(map.tasks().get(1).categoryNeighbours()[0][0])) ? true : null);
        byId("change-open").click();
        assertThat(byId("change-panel").isDisplayed()).isFalse();
    }

    @Test
    void sideBySideShowsAnotherTaskWithLinkedHoverAndSelection() {
        open(server, "#task=topic");
        byId("side-open").click();
        @SuppressWarnings("unchecked")
        Map<String, Object> side = browser.until(d -> (Map<String, Object>) browser.state().get("side"));
        assertThat(side.get("task")).isEqualTo("default");
        String id = "ball-07";
        @SuppressWarnings("unchecked")
        Map<String, Object> p = browser.until(d -> (Map<String, Object>) browser.js("return window.taskspace.sidePosition(arguments[0]);", id));
        new Actions(browser.driver()).moveToLocation((int) Math.round(((Number) p.get("x")).doubleValue()),
                (int) Math.round(((Number) p.get("y")).doubleValue())).perform();
        browser.until(d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) browser.state().get("side");
            return map.ids().indexOf(id) == ((Number) s.get("hover")).intValue() ? true : null;
        });
        assertThat(byId("tooltip").findElement(By.className("tooltip-text")).getText()).isEqualTo(map.previews().get(map.ids().indexOf(id)));
        browser.saveScreenshot(SHOTS.resolve("side-by-side.png"));
        new Actions(browser.driver()).click().perform();
        browser.until(d -> id.equals(browser.state().get("selected")));
        // hovering the main map rings the same text on the side (linked both ways)
        hover("space-02");
        browser.until(d -> "space-02".equals(browser.state().get("hover")));
        new Select(byId("side-task")).selectByVisibleText("sentiment");
        browser.until(d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> s = (Map<String, Object>) browser.state().get("side");
            return "sentiment".equals(s.get("task")) ? true : null;
        });
        byId("side-open").click();
        browser.until(d -> browser.state().get("side") == null ? true : null);
    }

    @Test
    void scoreAxesAreCentredOnZeroWithTheToxicEndWarmAndShortNamesAtTheEnds() {
        open(server, "#task=toxicity&colour=axis:toxicity");
        WebElement legend = browser.until(d -> byId("legend").findElements(By.className("bar-right")).isEmpty() ? null : byId("legend"));
        MapData.Axis axis = map.axes().get(1);
        assertThat(legend.findElement(By.className("bar-right")).getAttribute("title")).isEqualTo(axis.positive());
        assertThat(legend.findElement(By.className("bar-left")).getAttribute("title")).isEqualTo(axis.negative());
        assertThat(legend.findElement(By.className("bar-middle")).getText()).isEqualTo("0");
        assertThat(legend.findElement(By.className("bar-right")).getText()).startsWith("toxic +");
        // warm (red) at the toxic end: the gradient ends with the red stop
        String gradient = legend.findElement(By.className("colour-bar")).getCssValue("background-image");
        assertThat(gradient).endsWith("rgb(178, 24, 43))");
        assertThat(legend.getText()).contains("98th percentile of |score|");
        open(server, "#task=sentiment&colour=axis:sentiment");
        String sentiment = browser.until(d -> byId("legend").findElements(By.className("colour-bar")).isEmpty() ? null
                : byId("legend").findElement(By.className("colour-bar")).getCssValue("background-image"));
        assertThat(sentiment).startsWith("linear-gradient(to right, rgb(178, 24, 43)");
    }

    @Test
    void theTaskPanelSaysWhatWasMeasuredAgainstTheFirstTask() {
        open(server, "#task=sentiment");
        double a = map.tasks().get(0).figures().get("knnAccuracy"), b = map.tasks().get(2).figures().get("knnAccuracy");
        String how = Math.abs(b - a) < 0.01 ? "about as well as" : b < a ? "less than" : "better than";
        assertThat(byId("task-panel").getText()).doesNotContain("null");
        assertThat(byId("task-panel").findElement(By.className("verdict")).getText())
                .contains("categories separate " + how + " with no instruction: kNN " + String.format(java.util.Locale.ROOT, "%.2f vs %.2f", b, a));
    }
}
