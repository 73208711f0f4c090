package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.ProjectDir;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The demo sample through corpus, embed (a bundled real model) and project: the figures are sane. */
class DemoPipelineIT {
    @TempDir
    Path dir;

    @Test
    void theDemoSampleGivesSaneFigures() {
        Path archive = SharedData.require("20news-bydate.tar.gz");
        Map<String, String> env = new HashMap<>();
        env.put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        env.put("TASKSPACE_NEWSGROUPS", archive.toString());
        env.put("HF_HUB_OFFLINE", "1");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env,
                "demo", "--model", "minilm-q", "--tasks", "default,sentiment", "--out", dir.resolve("p").toString(), "-q",
                "--site", dir.resolve("site").toString());
        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();

        MapData map = MapArtefact.read(new ProjectDir(dir.resolve("p")).mapDir());
        assertThat(map.ids()).hasSize(800);
        MapData.TaskLayer reference = map.tasks().get(0);
        assertThat(reference.name()).isEqualTo("default");
        assertThat(reference.figures().get("knnAccuracy")).as("10 categories: chance is 0.1").isGreaterThan(0.5);
        assertThat(reference.figures().get("trustworthiness")).isGreaterThan(0.85);
        assertThat(reference.figures().get("silhouette")).isBetween(-1.0, 1.0);
        assertThat(map.axes()).extracting(MapData.Axis::name).containsExactly("sentiment");
        assertThat(map.provenance().get("model").toString()).contains("all-minilm-l6-v2-q").contains("instructionAware=false");
        assertThat(dir.resolve("site/index.html")).isRegularFile();
        assertThat(dir.resolve("site/map/map.json")).isRegularFile();
        assertThat(printed).contains("[3/4] project").containsPattern("default +0\\.\\d{3} +0\\.\\d{3}").contains("trust.");
    }
}
