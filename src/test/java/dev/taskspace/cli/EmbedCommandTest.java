package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.internal.Npy;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code taskspace embed} end to end on the synthetic Qwen3 model: files, resume, errors. */
class EmbedCommandTest {
    @TempDir
    Path dir;

    Map<String, String> env = new HashMap<>();
    String out;
    String err;
    Path model;
    Path project;

    @BeforeEach
    void corpus() throws IOException, URISyntaxException {
        env.put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        env.put("HF_HUB_OFFLINE", "1");
        model = Path.of(getClass().getResource("/dev/taskspace/embed/onnx/tiny-qwen3").toURI());
        Path input = dir.resolve("docs.jsonl");
        Files.writeString(input, """
                {"id": "a", "text": "the capital of China is Beijing", "label": "geo"}
                {"id": "b", "text": "gravity is a force that attracts two bodies", "label": "sci"}
                {"id": "c", "text": "hello", "label": "geo"}
                """);
        project = dir.resolve("p");
        assertThat(run("corpus", "-i", input.toString(), "--out", project.toString(), "-q")).isZero();
    }

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), env, args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void writesOneMatrixPerTaskWithIdsAndAManifest() throws IOException {
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "-q")).as(err).isZero();
        ProjectDir p = new ProjectDir(project);
        assertThat(Files.readAllLines(p.embeddingIds())).containsExactly("a", "b", "c");
        for (String task : List.of("default", "topic", "sentiment", "toxicity")) {
            float[][] m = Npy.read(p.embeddingFile(task));
            assertThat(m.length).isEqualTo(3);
            assertThat(m[0]).hasSize(32);
            assertThat(EmbeddingArtefact.read(p, task)).isDeepEqualTo(m);
        }
        float[][] axis = EmbeddingArtefact.readAxis(p, "sentiment");
        assertThat(axis.length).as("negative and positive label vectors").isEqualTo(2);
        assertThat(axis[0]).hasSize(32).isNotEqualTo(axis[1]);
        assertThat(EmbeddingArtefact.readAxis(p, "topic")).as("no axis").isNull();
        JsonNode manifest = EmbeddingArtefact.manifest(p);
        assertThat(manifest.path("model").path("instructionAware").asBoolean()).isTrue();
        assertThat(manifest.path("tasks").get(1).path("instruction").asText()).isEqualTo("Identify the topic or theme of the given text");
        assertThat(manifest.path("tasks").get(0).path("instruction").isNull()).isTrue();
        assertThat(out).contains("model: " + model).contains("topic").contains("tokens/s").contains("padding");
    }

    @Test
    void aRerunKeepsFinishedTasksAndEmbedsOnlyANewOne() throws IOException {
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "default,topic", "-q")).isZero();
        ProjectDir p = new ProjectDir(project);
        long topicTime = Files.getLastModifiedTime(p.embeddingFile("topic")).toMillis();

        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "default,topic,legal",
                "--task", "legal=Classify the legal area of the given text", "-q")).as(err).isZero();
        assertThat(out).contains("default      already embedded").contains("topic        already embedded")
                .containsPattern("legal +3 texts");
        assertThat(Files.getLastModifiedTime(p.embeddingFile("topic")).toMillis()).isEqualTo(topicTime);
        assertThat(EmbeddingArtefact.manifest(p).path("tasks")).hasSize(3);
    }

    @Test
    void aChangedInstructionOrModelSettingIsEmbeddedAgain() {
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "-q")).isZero();
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--task", "topic=Name the subject",
                "--tasks", "topic", "-q")).isZero();
        assertThat(out).doesNotContain("already embedded");
        // Other settings would discard the finished task: refused, naming it, unless --replace (issue 15 case 10).
        Path npy = new ProjectDir(project).embeddingFile("topic");
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "--task",
                "topic=Name the subject", "--dimensions", "16", "-q")).isNotZero();
        assertThat(err).contains("finished tasks (topic)").contains("--replace").contains("another --out");
        assertThat(npy).exists();
        assertThat(EmbeddingArtefact.manifest(new ProjectDir(project)).path("tasks")).hasSize(1);
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "--task",
                "topic=Name the subject", "--dimensions", "16", "--replace", "-q")).isZero();
        assertThat(out).doesNotContain("already embedded").contains("16 dimensions").contains("discarded the finished tasks topic");
    }

    @Test
    void aChangedTokenCapIsEmbeddedAgainAndAnUnchangedOneKept() {
        // The token cap is not part of the model's identity but changes long texts' vectors.
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "-q")).isZero();
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "-q")).isZero();
        assertThat(out).contains("already embedded");
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic",
                "--max-tokens", "64", "--replace", "-q")).isZero();
        assertThat(out).doesNotContain("already embedded");
        assertThat(EmbeddingArtefact.manifest(new ProjectDir(project)).path("embedder").asText()).contains("64");
    }

    @Test
    void aDamagedMatrixIsNoticedAndEmbeddedAgain() throws IOException {
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "-q")).isZero();
        Path f = new ProjectDir(project).embeddingFile("topic");
        byte[] b = Files.readAllBytes(f);
        b[b.length - 1] ^= 1;
        Files.write(f, b);
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "-q")).isZero();
        assertThat(out).doesNotContain("already embedded");
    }

    @Test
    void withoutACorpusOrWithAnUnknownTaskItSaysWhatToDo() {
        assertThat(run("embed", "--model", model.toString(), "--out", dir.resolve("empty").toString())).isEqualTo(1);
        assertThat(err).contains("no corpus in").contains("taskspace corpus");
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "nope")).isEqualTo(1);
        assertThat(err).contains("unknown task \"nope\"").contains("default, topic, sentiment, toxicity");
    }

    @Test
    void offlineWithoutTheDefaultModelSaysWhatToDownloadAndWhere() {
        env.put("HF_HOME", dir.resolve("hf").toString());
        assertThat(run("embed", "--out", project.toString())).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString()
                .contains("onnx-community/Qwen3-Embedding-0.6B-ONNX is not in the Hugging Face cache (" + dir.resolve("hf/hub"))
                .contains("onnx/model.onnx").contains("tokenizer.json").contains("--model DIR");
    }

    @Test
    void aBundledModelSaysItIsNotInstructionTuned() {
        assertThat(run("embed", "--model", "minilm-q", "--out", project.toString(), "--tasks", "topic", "-q")).as(err).isZero();
        assertThat(out).contains("model: all-minilm-l6-v2-q").contains("not instruction-tuned");
    }

    @Test
    void anotherProjectOverTheSameTextsTakesTheVectorsFromTheCacheUnlessToldNotTo() throws IOException {
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "-q")).isZero();
        assertThat(out).contains("cache: 0 hits, 3 misses");
        Path other = dir.resolve("other");
        Files.createDirectories(other);
        for (String f : List.of("corpus.jsonl", "corpus.json")) Files.copy(project.resolve(f), other.resolve(f));
        assertThat(run("embed", "--model", model.toString(), "--out", other.toString(), "--tasks", "topic", "-q")).isZero();
        assertThat(out).contains("topic        3 texts, all from the vector cache").contains("cache: 3 hits, 0 misses");
        assertThat(EmbeddingArtefact.read(new ProjectDir(other), "topic")).isDeepEqualTo(EmbeddingArtefact.read(new ProjectDir(project), "topic"));
        assertThat(run("embed", "--model", model.toString(), "--out", other.toString(), "--tasks", "sentiment", "--no-cache", "-q")).isZero();
        assertThat(out).doesNotContain("cache:").doesNotContain("vector cache");
    }

    @Test
    void float16StorageHalvesTheFilesKeepsTheProjectsChoiceAndIsReadBack() throws IOException {
        ProjectDir p = new ProjectDir(project);
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "-q")).as(err).isZero();
        float[][] full = EmbeddingArtefact.read(p, "topic");
        long fullBytes = Files.size(p.embeddingFile("topic"));
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic,sentiment", "--storage", "float16",
                "-q")).as(err).isZero();
        assertThat(out).as("stored again from the cache, not embedded again").contains("topic        3 texts, all from the vector cache")
                .contains("(vectors stored as float16)");
        float[][] half = EmbeddingArtefact.read(p, "topic");
        for (int i = 0; i < full.length; i++) {
            for (int j = 0; j < full[i].length; j++) {
                assertThat(half[i][j]).isEqualTo(dev.taskspace.internal.Float16.toFloat(dev.taskspace.internal.Float16.fromFloat(full[i][j])));
            }
        }
        assertThat(Files.size(p.embeddingFile("topic")) - 128).isEqualTo((fullBytes - 128) / 2); // the same 128-byte header
        assertThat(EmbeddingArtefact.readAxis(p, "sentiment")[0]).hasSize(32);
        assertThat(EmbeddingArtefact.manifest(p).path("tasks").get(1).path("dtype").asText()).isEqualTo("float16");
        // A later run without --storage keeps the project's float16; asking float32 stores it again.
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic,sentiment", "-q")).isZero();
        assertThat(out).contains("topic        already embedded").contains("sentiment    already embedded");
        assertThat(run("embed", "--model", model.toString(), "--out", project.toString(), "--tasks", "topic", "--storage", "float32",
                "-q")).isZero();
        assertThat(EmbeddingArtefact.read(p, "topic")).isDeepEqualTo(full);
    }
}
