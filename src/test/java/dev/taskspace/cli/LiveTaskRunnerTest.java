package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.ProjectDir;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.project.ProjectStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A live instruction on a real project: embedded with the map's model, projected, appended; the other tasks stay put. */
class LiveTaskRunnerTest {
    @TempDir
    Path dir;

    private int run(Map<String, String> env, String... args) {
        return Cli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env, args);
    }

    @Test
    void aLiveTaskIsAddedAndTheExistingLayoutsDoNotMove() throws Exception {
        Map<String, String> env = new HashMap<>(Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString(), "HF_HUB_OFFLINE", "1"));
        Path model = Path.of(getClass().getResource("/dev/taskspace/embed/onnx/tiny-qwen3").toURI());
        StringBuilder jsonl = new StringBuilder();
        String[] words = {"capital", "China", "Beijing", "gravity", "force", "bodies", "planets", "sun", "hello", "engine"};
        for (int i = 0; i < 40; i++) {
            jsonl.append("{\"text\": \"the ").append(words[i % 10]).append(' ').append(words[(i * 3) % 10]).append(' ')
                    .append(words[(i * 7) % 10]).append("\", \"label\": \"c").append(i % 2).append("\"}\n");
        }
        Path input = Files.writeString(dir.resolve("docs.jsonl"), jsonl);
        Path out = dir.resolve("p");
        assertThat(run(env, "corpus", "-i", input.toString(), "--out", out.toString(), "-q")).isZero();
        assertThat(run(env, "embed", "--model", model.toString(), "--tasks", "default,topic", "--out", out.toString(), "-q")).isZero();
        assertThat(run(env, "project", "--out", out.toString(), "-q")).isZero();
        ProjectDir project = new ProjectDir(out);
        MapData before = MapArtefact.read(project.mapDir());

        List<String> stages = new ArrayList<>();
        LiveTaskRunner runner = new LiveTaskRunner(project, env, dir.resolve("cache"), ProjectStage.Options.DEFAULT);
        assertThat(runner.available()).as(runner.reason()).isTrue();
        runner.run("legal", "Classify the legal area of the given text", (stage, done, total) -> stages.add(stage));

        MapData after = MapArtefact.read(project.mapDir());
        assertThat(after.tasks()).extracting(MapData.TaskLayer::name).containsExactly("default", "topic", "legal");
        assertThat(after.tasks().get(2).instruction()).isEqualTo("Classify the legal area of the given text");
        for (int t = 0; t < 2; t++) {
            assertThat(after.tasks().get(t).coords()).as("task %d did not move", t).isDeepEqualTo(before.tasks().get(t).coords());
        }
        assertThat(stages).contains("embedding", "projecting");
    }
}
