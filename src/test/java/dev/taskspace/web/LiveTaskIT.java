package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.TaskspaceException;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebElement;

/** The live instruction box against a server whose live tasks are a fake that rewrites the map. */
class LiveTaskIT extends PageBrowserTest {
    static MapData map = TestMaps.small(false);

    @Test
    void aLiveInstructionBecomesATaskAndErrorsAreShown(@TempDir Path own) throws IOException {
        MapArtefact.write(own.resolve("map"), map);
        try (PageServer live = PageServer.start(own.resolve("map"), InetAddress.getLoopbackAddress(), 0, new FakeLiveTasks(own.resolve("map")))) {
            open(live, "");
            addATaskLive();
        }
    }

    @Test
    void withoutLiveTasksTheBoxSaysWhy(@TempDir Path own) throws IOException {
        MapArtefact.write(own.resolve("map"), map);
        try (PageServer off = PageServer.start(own.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("not in this test"))) {
            open(off, "");
            saysWhy();
        }
    }

    private static void saysWhy() {
        byId("live-open").click();
        assertThat(byId("live-message").getText()).isEqualTo("not in this test");
        assertThat(byId("live-submit").isEnabled()).isFalse();
    }

    private static void addATaskLive() {
        assertThat(byId("live-panel").isDisplayed()).isFalse();
        byId("live-open").click();
        WebElement instruction = byId("live-instruction");
        WebElement name = byId("live-name");
        instruction.sendKeys("Classify the emotion expressed in the given text");
        name.sendKeys("topic");
        byId("live-submit").click();
        assertThat(byId("live-message").getText()).contains("already");
        name.clear();
        name.sendKeys("fail-please");
        byId("live-submit").click();
        browser.until(d -> byId("live-message").getText().contains(FakeLiveTasks.FAILURE));
        name.clear();
        name.sendKeys("emotion");
        byId("live-submit").click();
        Map<String, Object> s = settled("emotion");
        assertThat(s.get("tasks")).isEqualTo(List.of("default", "topic", "sentiment", "toxicity", "emotion"));
        assertThat(browser.driver().findElements(By.cssSelector("#tasks button"))).hasSize(5);
        assertThat(byId("live-panel").isDisplayed()).as("the box closes to show the new task").isFalse();
        assertThat(byId("task-panel").getText()).contains("Classify the emotion");
        assertThat(byId("figures-panel").getText()).contains("emotion");
        browser.saveScreenshot(SHOTS.resolve("live-task-added.png"));
    }

    /** Adds the task to the map on disk, as the real embed + project code will. */
    static final class FakeLiveTasks implements LiveTasks {
        static final String FAILURE = "the model ran out of memory (a test failure)";
        private final Path mapDir;

        FakeLiveTasks(Path mapDir) {
            this.mapDir = mapDir;
        }

        @Override
        public void run(String name, String instruction, ProgressListener progress) {
            if (name.startsWith("fail")) throw new TaskspaceException(FAILURE);
            MapData m = MapArtefact.read(mapDir);
            int n = m.ids().size();
            for (int i = 0; i <= n; i += 10) progress.update("embedding", Math.min(i, n), n);
            MapData.TaskLayer topic = m.tasks().get(1);
            float[][] xy = new float[n][2];
            for (int i = 0; i < n; i++) { xy[i][0] = -topic.coords()[i][1]; xy[i][1] = topic.coords()[i][0] * 0.5f; }
            List<MapData.TaskLayer> tasks = new ArrayList<>(m.tasks());
            Map<String, Double> figures = new HashMap<>(topic.figures());
            tasks.add(new MapData.TaskLayer(name, instruction, "what your instruction does", xy, topic.drift(), topic.neighbours(), figures));
            double[][] jaccard = new double[tasks.size()][tasks.size()];
            MapArtefact.write(mapDir, new MapData(m.ids(), m.labels(), m.previews(), tasks, m.axes(), jaccard, m.provenance()));
        }
    }
}
