package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.ProjectDir;
import dev.taskspace.cli.Cli;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/**
 * The compare page: the original demo's real Qwen3 maps (../shared/data) imported, the same 800
 * posts embedded here under the sentiment instruction by a bundled model (all-minilm-l6-v2-q, not
 * instruction-tuned), one map. A person morphs from the bundled model's sentiment map to real
 * Qwen3's; the imported tasks say what they are and their full-space figures read n/a.
 */
class ImportedPageIT extends PageBrowserTest {
    @TempDir
    static Path dir;
    static PageServer server;
    static MapData map;

    @BeforeAll
    static void importEmbedAndProject() throws IOException {
        Path data = SharedData.require("original-demo-data.json");
        String out = dir.resolve("p").toString();
        Map<String, String> env = Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString(), "TASKSPACE_OFFLINE", "1");
        cli(env, "import", data.toString(), "--model", "Qwen3-Embedding-0.6B", "--out", out, "-q");
        cli(env, "embed", "--out", out, "--model", "minilm-q", "--tasks", "sentiment", "-q");
        cli(env, "project", "--out", out, "-q");
        Path mapDir = new ProjectDir(dir.resolve("p")).mapDir();
        map = MapArtefact.read(mapDir);
        server = PageServer.start(mapDir, InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("not in this test"));
    }

    private static void cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        assertThat(code).as(String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void theMapHasTheBundledTaskThenTheFourImportedOnes() {
        assertThat(map.tasks().stream().map(MapData.TaskLayer::name).toList())
                .containsExactly("sentiment", "default-qwen3", "sentiment-qwen3", "topic-qwen3", "toxicity-qwen3");
        assertThat(map.tasks().get(0).importedFrom()).isNull();
        assertThat(map.tasks().get(2).importedFrom()).isEqualTo("Qwen3-Embedding-0.6B");
    }

    @Test
    void morphingFromTheBundledSentimentMapToRealQwen3sMovesTheDocumentsAndSaysWhatItShows() throws IOException {
        open(server, "");
        settled("sentiment");
        WebElement imported = browser.driver().findElement(By.cssSelector("#tasks button[data-task='sentiment-qwen3']"));
        assertThat(imported.getAttribute("textContent")).as("the mark, also when the button has scrolled out of the task bar").contains("imported · 2-D");
        assertThat(browser.driver().findElement(By.cssSelector("#tasks button[data-task='sentiment']")).getText())
                .doesNotContain("imported");
        String id = map.ids().get(0);
        double[] before = position(id);
        java.awt.image.BufferedImage bundled = canvasImage();

        new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys("3").perform(); // its key: the task bar may scroll the button out of view
        settled("sentiment-qwen3");
        double[] after = position(id);
        assertThat(Math.hypot(after[0] - before[0], after[1] - before[1])).as("the document moved").isGreaterThan(5);
        assertThat(differingPixels(bundled, canvasImage())).as("pixels that changed").isGreaterThan(0.01);
        assertThat(byId("task-panel").getText()).contains("Imported map made by Qwen3-Embedding-0.6B")
                .contains("2-D coordinates only").contains("Classify the sentiment");

        // The figures side by side: the bundled task has every figure, the imported ones only the 2-D ones.
        WebElement knn = browser.driver().findElement(By.cssSelector("tr.figure-row[data-figure='knnAccuracy']"));
        List<String> cells = knn.findElements(By.tagName("td")).stream().map(WebElement::getText).toList();
        assertThat(cells).hasSize(5);
        assertThat(cells.get(0)).matches("0\\.\\d\\d");
        assertThat(cells.subList(1, 5)).containsOnly("n/a");
        WebElement knn2d = browser.driver().findElement(By.cssSelector("tr.figure-row[data-figure='knnAccuracy2d']"));
        assertThat(knn2d.findElements(By.tagName("td")).stream().map(WebElement::getText).toList()).allMatch(v -> v.matches("0\\.\\d\\d"));
        Files.createDirectories(SHOTS);
        browser.saveScreenshot(SHOTS.resolve("imported-sentiment-qwen3.png"));

        new org.openqa.selenium.interactions.Actions(browser.driver()).sendKeys("1").perform();
        settled("sentiment");
        double[] back = position(id);
        assertThat(Math.hypot(back[0] - before[0], back[1] - before[1])).as("back where it was").isLessThan(1);
    }

    @Test
    void anImportedTasksNewNeighboursAreCountedAgainstTheFirstImportedMapAsItsStoredDriftIs() {
        // The stored drift of an imported task compares 2-D neighbours with the first imported
        // map's (no full vectors were imported); the panel's "N new" must count the same lists.
        MapData.TaskLayer sentiment = map.tasks().get(2);
        int doc = -1;
        for (int i = 0; i < map.ids().size() && doc < 0; i++) if (sentiment.drift()[i] > 0.25f) doc = i;
        assertThat(doc).as("a document the imported sentiment map moved").isNotNegative();
        int k = sentiment.neighbours()[doc].length;
        String id = map.ids().get(doc);
        open(server, "#task=sentiment-qwen3&doc=" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
        String said = browser.until(d -> {
            List<WebElement> p = browser.driver().findElements(By.cssSelector("#selection-panel .selection-drift"));
            return p.isEmpty() || !p.get(0).getText().contains("new compared with") ? null : p.get(0).getText();
        });
        assertThat(said).contains(Math.round(sentiment.drift()[doc] * k) + " new compared with \u201cdefault-qwen3\u201d");
    }

    @Test
    void importedTextsWithMarkupStayText() {
        int hostile = -1;
        for (int i = 0; i < map.ids().size() && hostile < 0; i++) if (map.previews().get(i).contains("<")) hostile = i;
        assertThat(hostile).as("a text with markup characters in the original's data").isNotNegative();
        String id = map.ids().get(hostile);
        open(server, "#doc=" + java.net.URLEncoder.encode(id, StandardCharsets.UTF_8));
        browser.until(d -> id.equals(browser.state().get("selected")));
        String shown = browser.until(d -> {
            String text = byId("selection-panel").findElement(By.className("selection-text")).getText();
            return text.isEmpty() ? null : text;
        });
        assertThat(shown).as("the text, shown literally").contains("<").startsWith(map.previews().get(hostile).substring(0, 120));
        assertThat(browser.driver().findElements(By.cssSelector("main img, main script"))).isEmpty();
    }
}
