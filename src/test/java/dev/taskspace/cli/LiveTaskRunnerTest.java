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

    private Map<String, String> env() {
        return new HashMap<>(Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString(), "HF_HUB_OFFLINE", "1"));
    }

    /** A 40-document corpus embedded with the tiny Qwen3 model ({@code embedFlags} added) and projected. */
    private ProjectDir project(Map<String, String> env, String... embedFlags) throws Exception {
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
        List<String> embed = new ArrayList<>(List.of("embed", "--model", model.toString(), "--tasks", "default,topic", "--out", out.toString(), "-q"));
        embed.addAll(List.of(embedFlags));
        assertThat(run(env, embed.toArray(String[]::new))).isZero();
        assertThat(run(env, "project", "--out", out.toString(), "-q")).isZero();
        return new ProjectDir(out);
    }

    @Test
    void aLiveTaskIsAddedAndTheExistingLayoutsDoNotMove() throws Exception {
        Map<String, String> env = env();
        ProjectDir project = project(env);
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

    @Test
    void aLiveTaskIsEmbeddedWithTheTokenCapTheMapWasEmbeddedWith() throws Exception {
        Map<String, String> env = env();
        ProjectDir project = project(env, "--max-tokens", "3");
        LiveTaskRunner runner = new LiveTaskRunner(project, env, dir.resolve("cache"), ProjectStage.Options.DEFAULT);
        runner.run("legal", "Classify the legal area of the given text", (stage, done, total) -> {});

        com.fasterxml.jackson.databind.JsonNode tasks = dev.taskspace.embed.EmbeddingArtefact.manifest(project).path("tasks");
        assertThat(tasks).hasSize(3);
        // every prompt with an instruction is longer than 3 tokens: cut, as the map's own "topic" was
        // ("embed" embeds each of the 10 distinct texts once through its vector cache; the live task all 40)
        assertThat(tasks.get(1).path("name").asText()).isEqualTo("topic");
        assertThat(tasks.get(1).path("stats").path("truncated").asInt()).isEqualTo(10);
        assertThat(tasks.get(2).path("name").asText()).isEqualTo("legal");
        assertThat(tasks.get(2).path("stats").path("truncated").asInt()).isEqualTo(40);
    }

    @Test
    void settingsThatCannotBeReproducedAreRefusedInOneLine() throws Exception {
        Map<String, String> env = env();
        ProjectDir project = project(env);
        Path manifest = project.embeddingsDir().resolve("embeddings.json");
        String json = Files.readString(manifest);
        Files.writeString(manifest, json.replaceFirst("(\"embedder\"\\s*:\\s*\"onnx )", "$1/elsewhere/model.onnx 1 2 "));
        LiveTaskRunner runner = new LiveTaskRunner(project, env, dir.resolve("cache"), ProjectStage.Options.DEFAULT);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> runner.run("legal", "Classify the legal area", (s, d, t) -> {}))
                .hasMessageContaining("other engine settings").hasMessageNotContaining("\n");
        assertThat(Files.readString(manifest)).as("nothing lost").contains("/elsewhere/model.onnx");
    }
}
