package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.EmbeddingManifest;
import dev.taskspace.project.ProjectStage;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * embeddings.json records the engine settings as a record ("engine") beside their line
 * ("embedder"); manifests written before the record existed still read, and a live task on one
 * says in one line what to do.
 */
class EngineSettingsManifestTest {
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(Map<String, String> env, String... args) {
        out.reset();
        return Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), env, args);
    }

    private Map<String, String> env() {
        return new HashMap<>(Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString(), "HF_HUB_OFFLINE", "1"));
    }

    private String[] embed(Path out) throws Exception {
        Path model = Path.of(getClass().getResource("/dev/taskspace/embed/onnx/tiny-qwen3").toURI());
        return new String[] {"embed", "--model", model.toString(), "--tasks", "default,topic", "--max-tokens", "7", "--out", out.toString()};
    }

    private ProjectDir project(Map<String, String> env) throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 30; i++) jsonl.append("{\"text\": \"text number ").append(i).append(" about ").append(i % 3 == 0 ? "space" : "cars")
                .append("\", \"label\": \"c").append(i % 2).append("\"}\n");
        Path input = Files.writeString(dir.resolve("docs.jsonl"), jsonl);
        Path p = dir.resolve("p");
        assertThat(run(env, "corpus", "-i", input.toString(), "--out", p.toString(), "-q")).isZero();
        assertThat(run(env, embed(p))).isZero();
        return new ProjectDir(p);
    }

    @Test
    void theManifestRecordsTheEngineAsARecordAndItsLineDerivedFromIt() throws Exception {
        ProjectDir p = project(env());
        EmbeddingManifest m = EmbeddingArtefact.recorded(p);
        assertThat(m.engine().backend()).isEqualTo("onnx");
        assertThat(m.engine().pooling()).isEqualTo("LAST_TOKEN");
        assertThat(m.engine().maxTokens()).isEqualTo(7);
        assertThat(m.engine().modelFile().bytes()).isPositive();
        assertThat(m.embedder()).isEqualTo(m.engine().line());
        assertThat(m.tasks()).extracting(EmbeddingManifest.TaskEntry::name).containsExactly("default", "topic");
    }

    @Test
    void aManifestFromBeforeTheEngineRecordStillReadsAndARerunKeepsItsTasksAndRecordsIt() throws Exception {
        Map<String, String> env = env();
        ProjectDir p = project(env);
        Path manifest = p.embeddingsManifest();
        ObjectMapper json = new ObjectMapper();
        ObjectNode old = (ObjectNode) json.readTree(manifest.toFile());
        old.remove("engine"); // as taskspace wrote it before the record
        Files.write(manifest, json.writerWithDefaultPrettyPrinter().writeValueAsBytes(old));

        assertThat(EmbeddingArtefact.recorded(p).engine()).isNull();
        assertThat(EmbeddingArtefact.read(p, "topic")).hasNumberOfRows(30);
        LiveTaskRunner live = new LiveTaskRunner(p, env, dir.resolve("cache"), ProjectStage.Options.DEFAULT);
        assertThatThrownBy(() -> live.run("legal", "Classify the legal area", (s, d, t) -> {}))
                .hasMessageContaining("older taskspace").hasMessageContaining("taskspace embed --out").hasMessageNotContaining("\n");

        assertThat(run(env, embed(p.root()))).isZero();
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("topic        already embedded").doesNotContain("replaced");
        assertThat(EmbeddingArtefact.recorded(p).engine()).isNotNull();
        assertThat(EmbeddingArtefact.recorded(p).engine().maxTokens()).isEqualTo(7);
    }

    @Test
    void anUnknownPoolingIsAnErrorNotADefault() throws Exception {
        Map<String, String> env = env();
        ProjectDir p = project(env);
        Path manifest = p.embeddingsManifest();
        Files.writeString(manifest, Files.readString(manifest).replace("\"pooling\" : \"LAST_TOKEN\"", "\"pooling\" : \"MAX\""));
        LiveTaskRunner live = new LiveTaskRunner(p, env, dir.resolve("cache"), ProjectStage.Options.DEFAULT);
        assertThatThrownBy(() -> live.run("legal", "Classify the legal area", (s, d, t) -> {}))
                .hasMessageContaining("unknown pooling \"MAX\"").hasMessageNotContaining("\n");
    }
}
