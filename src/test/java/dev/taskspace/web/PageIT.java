package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * The page in headless Chromium against {@code taskspace serve}'s server and the small test
 * map (37 posts, four tasks, two hostile texts). Screenshots go to target/screenshots/.
 */
class PageIT extends PageBrowserTest {
    @TempDir
    static Path dir;
    static PageServer server;
    static MapData map = TestMaps.small(false);

    @BeforeAll
    static void serveTheSmallMap() throws IOException {
        server = serveMap(dir, map);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    /** Loads the page afresh (not just a hash change) and waits until everything is in. */
    static void open(String suffix) {
        open(server, suffix);
    }

    static int index(String id) {
        return map.ids().indexOf(id);
    }

    @Test
    void thePageLoadsWithWebGl2AndAPlainConsole() {
        open("");
        Map<String, Object> s = browser.state();
        assertThat(s.get("renderer")).isEqualTo("webgl2");
        assertThat(s.get("tasks")).isEqualTo(List.of("default", "topic", "sentiment", "toxicity"));
        assertThat(s.get("documents")).isEqualTo(37L);
        assertThat(browser.driver().findElements(By.cssSelector("#tasks button"))).hasSize(4);
        assertThat(byId("fatal").isDisplayed()).isFalse();
    }

    @Test
    void eachTaskButtonMorphsToADifferentLayout() throws IOException {
        open("");
        Files.createDirectories(SHOTS);
        List<BufferedImage> images = new ArrayList<>();
        List<double[]> positions = new ArrayList<>();
        for (String task : List.of("default", "topic", "sentiment", "toxicity")) {
            if (!task.equals("default")) {
                browser.driver().findElement(By.cssSelector("#tasks button[data-task='" + task + "']")).click();
                browser.until(d -> Boolean.TRUE.equals(browser.state().get("morphing")) || task.equals(browser.state().get("task")));
            }
            settled(task);
            assertThat(browser.driver().findElement(By.cssSelector("#tasks button[data-task='" + task + "']")).getAttribute("aria-pressed"))
                    .isEqualTo("true");
            assertThat(byId("task-panel").getText()).contains(task);
            positions.add(position("space-02"));
            images.add(canvasImage());
            browser.saveScreenshot(SHOTS.resolve("task-" + task + ".png"));
        }
        for (int a = 0; a < images.size(); a++) {
            for (int b = a + 1; b < images.size(); b++) {
                assertThat(differingPixels(images.get(a), images.get(b))).as("pixels differing between tasks %d and %d", a, b).isGreaterThan(0.001);
                assertThat(Math.hypot(positions.get(a)[0] - positions.get(b)[0], positions.get(a)[1] - positions.get(b)[1]))
                        .as("space-02 moved between tasks %d and %d", a, b).isGreaterThan(5);
            }
        }
    }

    @Test
    void aMorphPassesThroughIntermediatePositions() {
        open("?debug=frames");
        browser.driver().findElement(By.cssSelector("#tasks button[data-task='sentiment']")).click();
        settled("sentiment");
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> frames = (List<Map<String, Object>>) browser.js("return window.taskspace.frames();");
        assertThat(frames).hasSize(1);
        assertThat(frames.get(0).get("renderer")).isEqualTo("webgl2");
        @SuppressWarnings("unchecked")
        List<Number> stamps = (List<Number>) frames.get(0).get("stamps");
        assertThat(stamps.size()).as("frames drawn during one morph").isGreaterThan(5);
        double duration = stamps.get(stamps.size() - 1).doubleValue() - stamps.get(0).doubleValue();
        assertThat(duration).as("morph duration, ms").isBetween(900.0, 3000.0);
    }

    @Test
    void numberKeysSwitchTasks() {
        open("");
        new Actions(browser.driver()).sendKeys("3").perform();
        settled("sentiment");
        new Actions(browser.driver()).sendKeys("2").perform();
        settled("topic");
        assertThat(browser.driver().getCurrentUrl()).contains("task=topic");
    }

    @Test
    void hoverShowsThatDocumentsPreviewAndCategory() {
        open("#task=topic");
        for (String id : List.of("med-03", "ball-07", "misc-01")) {
            hover(id);
            browser.until(d -> id.equals(browser.state().get("hover")));
            WebElement tip = byId("tooltip");
            assertThat(tip.isDisplayed()).isTrue();
            String label = map.labels().get(index(id));
            assertThat(tip.findElement(By.className("tooltip-text")).getText()).isEqualTo(map.previews().get(index(id)));
            assertThat(tip.findElement(By.className("tooltip-label")).getText()).isEqualTo(label == null ? "(no category)" : label);
        }
    }

    @Test
    void hostileTextsAreShownLiterallyAndNothingRuns() {
        open("");
        hover("guns-09");
        browser.until(d -> "guns-09".equals(browser.state().get("hover")));
        assertThat(byId("tooltip").findElement(By.className("tooltip-text")).getText()).isEqualTo(TestMaps.IMG);
        clickDocument("space-09");
        browser.until(d -> "space-09".equals(browser.state().get("selected")));
        assertThat(byId("selection-panel").findElement(By.className("selection-text")).getText()).isEqualTo(TestMaps.SCRIPT);
        WebElement search = byId("search");
        search.sendKeys("onerror", Keys.ENTER);
        long hostile = java.util.stream.IntStream.range(0, map.ids().size()).filter(i -> map.text(i).contains("onerror")).count();
        assertThat(hostile).isEqualTo(2); // one in a preview, one past it in a whole text
        browser.until(d -> Long.valueOf(hostile).equals(browser.state().get("matches")));
        assertThat(browser.driver().findElements(By.cssSelector("main img, main script, #tooltip *[onerror]"))).isEmpty();
        assertThat(browser.js("return typeof window.__pwned;")).isEqualTo("undefined");
    }

    @Test
    void searchHighlightsTheMatchingTexts() {
        open("");
        byId("search").sendKeys("LAUNCH");
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < map.ids().size(); i++) {
            if (map.text(i).toLowerCase(Locale.ROOT).contains("launch")) expected.add(map.ids().get(i));
        }
        assertThat(expected).hasSizeGreaterThan(1);
        browser.until(d -> Long.valueOf(expected.size()).equals(browser.state().get("matches")));
        assertThat(browser.state().get("matchIds")).isEqualTo(expected);
        assertThat(byId("search-count").getText()).isEqualTo(expected.size() + " matches");
        assertThat(browser.driver().getCurrentUrl()).contains("q=LAUNCH");
        byId("search").sendKeys(Keys.ESCAPE);
    }

    @Test
    void clickingATextListsItsNeighboursInTheCurrentTask() {
        open("#task=topic");
        clickDocument("ball-01");
        browser.until(d -> "ball-01".equals(browser.state().get("selected")));
        assertNeighbourList("ball-01", 1);
        assertThat(browser.driver().getCurrentUrl()).contains("doc=ball-01");
        // Another task, other neighbours, with the ones new since the first task marked.
        browser.driver().findElement(By.cssSelector("#tasks button[data-task='sentiment']")).click();
        settled("sentiment");
        assertNeighbourList("ball-01", 2);
        // A neighbour is a link to itself.
        WebElement first = browser.driver().findElements(By.cssSelector("#selection-panel .neighbour")).get(0);
        String next = map.ids().get(Integer.parseInt(first.getAttribute("data-index")));
        first.click();
        browser.until(d -> next.equals(browser.state().get("selected")));
    }

    private static void assertNeighbourList(String id, int task) {
        int[] expected = map.tasks().get(task).neighbours()[index(id)];
        List<WebElement> items = browser.until(d -> {
            List<WebElement> li = d.findElements(By.cssSelector("#selection-panel .neighbour"));
            return li.size() == expected.length && li.get(0).getAttribute("data-index").equals(String.valueOf(expected[0])) ? li : null;
        });
        java.util.Set<Integer> reference = new java.util.HashSet<>();
        for (int j : map.tasks().get(0).neighbours()[index(id)]) reference.add(j);
        for (int r = 0; r < expected.length; r++) {
            WebElement item = items.get(r);
            assertThat(item.getAttribute("data-index")).isEqualTo(String.valueOf(expected[r]));
            assertThat(item.getText()).contains(map.previews().get(expected[r]));
            assertThat(item.findElements(By.className("badge")).isEmpty()).isEqualTo(reference.contains(expected[r]));
        }
        assertThat(browser.state().get("neighbours")).isEqualTo(java.util.Arrays.stream(expected).mapToObj(j -> map.ids().get(j)).toList());
    }

    @Test
    void aSharedAddressRestoresTheView() {
        open("#task=toxicity&colour=drift&doc=med-04&q=doctor");
        Map<String, Object> s = settled("toxicity");
        assertThat(s.get("colour")).isEqualTo("drift");
        assertThat(s.get("selected")).isEqualTo("med-04");
        assertThat(s.get("query")).isEqualTo("doctor");
        assertThat(new Select(byId("colour-mode")).getFirstSelectedOption().getAttribute("value")).isEqualTo("drift");
        assertThat(byId("search").getAttribute("value")).isEqualTo("doctor");
        assertThat(byId("legend").getText()).contains("Drift from");
        assertThat(byId("selection-panel").getText()).contains(map.previews().get(index("med-04")));
        browser.saveScreenshot(SHOTS.resolve("shared-view.png"));
    }

    @Test
    void colourModesHaveTheirLegends() {
        open("#task=sentiment");
        Select mode = new Select(byId("colour-mode"));
        assertThat(mode.getOptions().stream().map(o -> o.getAttribute("value")).toList())
                .startsWith("category", "drift", "axis:sentiment", "axis:toxicity"); // then the corpus fields (MetaColourIT)
        assertThat(byId("legend").getText()).contains("sci.med").contains("talk.politics.guns");
        mode.selectByValue("axis:sentiment");
        browser.until(d -> "axis:sentiment".equals(browser.state().get("colour")));
        assertThat(byId("legend").findElements(By.className("colour-bar"))).hasSize(1);
        assertThat(byId("legend").getText()).contains("negative").contains("positive");
        browser.saveScreenshot(SHOTS.resolve("colour-sentiment-score.png"));
        mode.selectByValue("drift");
        browser.until(d -> "drift".equals(browser.state().get("colour")));
        assertThat(byId("legend").getText()).contains("Drift from").contains("all new");
        assertThat(browser.driver().getCurrentUrl()).contains("colour=drift");
    }

    @Test
    void theLegendHidesAndIsolatesCategories() {
        open("#task=topic");
        WebElement med = browser.driver().findElement(By.cssSelector("#legend .legend-item[data-index='" + map.labels().stream()
                .filter(java.util.Objects::nonNull).distinct().sorted().toList().indexOf("sci.med") + "']"));
        med.click();
        browser.until(d -> List.of("sci.med").equals(browser.state().get("hiddenCategories")));
        hover("med-03"); // hidden dots cannot be hovered
        hover("ball-03");
        browser.until(d -> "ball-03".equals(browser.state().get("hover")));
        hover("med-03");
        browser.until(d -> browser.state().get("hover") == null);
        browser.driver().findElement(By.cssSelector("#legend .legend-title button")).click();
        browser.until(d -> ((List<?>) browser.state().get("hiddenCategories")).isEmpty());
    }

    @Test
    void aModelThatIsNotInstructionTunedIsNamedAsSuch(@TempDir Path other) throws IOException {
        open("");
        assertThat(byId("notice").isDisplayed()).isTrue();
        assertThat(byId("notice").getText()).contains("not instruction-tuned").contains("bge-small-en-v1.5-q");
        MapArtefact.write(other.resolve("map"), TestMaps.small(true));
        try (PageServer aware = PageServer.start(other.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"))) {
            browser.driver().get(aware.uri().toString());
            browser.until(d -> browser.state() != null);
            assertThat(byId("notice").isDisplayed()).isFalse();
            assertThat(byId("status").getText()).contains("Qwen3-Embedding-0.6B");
        }
    }

    @Test
    void theWheelZoomsDraggingPansAndFitRestores() {
        open("#task=topic");
        double[] a0 = position("space-01"), b0 = position("ball-01");
        double spread0 = Math.hypot(a0[0] - b0[0], a0[1] - b0[1]);
        var origin = org.openqa.selenium.interactions.WheelInput.ScrollOrigin.fromViewport((int) a0[0], (int) a0[1]);
        new Actions(browser.driver()).scrollFromOrigin(origin, 0, -400).perform();
        browser.until(d -> {
            double[] a = position("space-01"), b = position("ball-01");
            return Math.hypot(a[0] - b[0], a[1] - b[1]) > 1.5 * spread0;
        });
        double[] a1 = position("space-01");
        assertThat(Math.hypot(a1[0] - a0[0], a1[1] - a0[1])).as("the point under the wheel stays put").isLessThan(3);
        new Actions(browser.driver()).moveToLocation(700, 600).clickAndHold().moveByOffset(60, -40).moveByOffset(60, -40).release().perform();
        browser.until(d -> Math.abs(position("space-01")[0] - a1[0] - 120) < 2);
        assertThat(position("space-01")[1] - a1[1]).isCloseTo(-80, org.assertj.core.data.Offset.offset(2.0));
        assertThat(browser.state().get("selected")).as("a drag is not a click").isNull();
        byId("reset-view").click();
        browser.until(d -> Math.abs(position("space-01")[0] - a0[0]) < 1 && Math.abs(position("space-01")[1] - a0[1]) < 1);
    }

    @Test
    void hiddenCategoriesAndTheZoomTravelInTheAddress() {
        open("#task=topic&hide=sci.med&hide=no.such.label");
        browser.until(d -> List.of("sci.med").equals(browser.state().get("hiddenCategories")));
        String guns = "talk.politics.guns";
        int gunsIndex = map.labels().stream().filter(java.util.Objects::nonNull).distinct().sorted().toList().indexOf(guns);
        browser.driver().findElement(By.cssSelector("#legend .legend-item[data-index='" + gunsIndex + "']")).click();
        browser.until(d -> d.getCurrentUrl().contains("hide=sci.med&hide=talk.politics.guns"));

        double[] a0 = position("space-01");
        var origin = org.openqa.selenium.interactions.WheelInput.ScrollOrigin.fromViewport((int) a0[0] + 40, (int) a0[1] + 30);
        new Actions(browser.driver()).scrollFromOrigin(origin, 0, -300).perform();
        browser.until(d -> d.getCurrentUrl().contains("view="));
        double[] zoomed = position("space-01");
        double[] other = position("ball-01");
        String link = browser.driver().getCurrentUrl();

        open(link.substring(link.indexOf('#')));
        assertThat(browser.state().get("hiddenCategories")).isEqualTo(List.of("sci.med", guns));
        double[] again = position("space-01");
        double[] otherAgain = position("ball-01");
        assertThat(Math.hypot(again[0] - zoomed[0], again[1] - zoomed[1])).as("the same spot on screen").isLessThan(2);
        assertThat(Math.hypot(otherAgain[0] - other[0], otherAgain[1] - other[1])).as("at the same zoom").isLessThan(2);

        byId("reset-view").click();
        browser.until(d -> !d.getCurrentUrl().contains("view="));
        browser.until(d -> Math.abs(position("space-01")[0] - a0[0]) < 1 && Math.abs(position("space-01")[1] - a0[1]) < 1);
        // solo one category: the address names the one shown instead of the many hidden
        browser.driver().findElement(By.cssSelector("#legend .legend-item[data-index='" + gunsIndex + "']")).click(); // show guns again
        new Actions(browser.driver()).doubleClick(browser.driver().findElement(By.cssSelector("#legend .legend-item[data-index='" + gunsIndex + "']")))
                .perform();
        browser.until(d -> d.getCurrentUrl().contains("only=" + guns) && !d.getCurrentUrl().contains("hide="));
    }

    @Test
    void theWholePageFitsALaptopScreenWithoutScrolling() {
        var window = browser.driver().manage().window();
        var size = window.getSize();
        try {
            window.setSize(new org.openqa.selenium.Dimension(1366, 768));
            open("#task=topic&doc=guns-05");
            @SuppressWarnings("unchecked")
            Map<String, Object> fit = (Map<String, Object>) browser.js("const d = document.documentElement, side = document.querySelector('.side');"
                    + "return {page: d.scrollHeight <= innerHeight && d.scrollWidth <= innerWidth, side: side.scrollHeight <= side.clientHeight,"
                    + " height: innerHeight};");
            assertThat(fit.get("page")).as("the page scrolls at 1366 x 768 (viewport height %s)", fit.get("height")).isEqualTo(true);
            assertThat(fit.get("side")).as("the side panels overflow").isEqualTo(true);
            assertThat(byId("selection-panel").isDisplayed()).isTrue();
            browser.saveScreenshot(SHOTS.resolve("laptop-1366x768.png"));
        } finally {
            window.setSize(size);
        }
    }

    @Test
    void theExplainerOpensAndCloses() {
        open("");
        assertThat(byId("explainer").isDisplayed()).isFalse();
        byId("explain-open").click();
        assertThat(byId("explainer").isDisplayed()).isTrue();
        assertThat(byId("explainer").getText()).contains("embedding model").contains("once per task");
        browser.saveScreenshot(SHOTS.resolve("explainer.png"));
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.until(d -> !byId("explainer").isDisplayed());
    }
}
