package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.testing.CliRun;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The cases of issue 15 that a user meets on the command line, as regression tests (cases 1-6 live beside the server). */
class IssueFifteenCasesTest {
    @TempDir
    Path dir;
    Map<String, String> env = new HashMap<>();
    Path model;

    @BeforeEach
    void env() throws URISyntaxException {
        env.put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        env.put("HF_HUB_OFFLINE", "1");
        model = Path.of(getClass().getResource("/dev/taskspace/embed/onnx/tiny-qwen3").toURI());
    }

    CliRun run(String... args) {
        return CliRun.of(env, args);
    }

    Path embedded() throws IOException {
        Path input = dir.resolve("docs.jsonl");
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < 24; i++) s.append("{\"id\": \"d").append(i).append("\", \"label\": \"").append(i % 2 == 0 ? "a" : "b")
                .append("\", \"text\": \"text number ").append(i).append(" about ").append(i % 2 == 0 ? "apples" : "bears").append("\"}\n");
        Files.writeString(input, s.toString());
        Path p = dir.resolve("p");
        assertThat(run("corpus", "-i", input.toString(), "--out", p.toString(), "-q").code()).isZero();
        CliRun e = run("embed", "--model", model.toString(), "--out", p.toString(), "--tasks", "default,topic", "-q");
        assertThat(e.code()).as(e.err()).isZero();
        return p;
    }

    @Test
    void case8OneInputLimitForEveryFormat() throws IOException {
        String huge = "x".repeat(10_000_001);
        Path jsonl = dir.resolve("big.jsonl");
        Files.writeString(jsonl, "{\"id\": \"1\", \"text\": \"small\"}\n{\"id\": \"2\", \"text\": \"" + huge + "\"}\n");
        Path csv = dir.resolve("big.csv");
        Files.writeString(csv, "id,text\n1,small\n2," + huge + "\n");
        for (String where : new String[] {jsonl + ":2", csv + ":3"}) {
            Path input = Path.of(where.substring(0, where.lastIndexOf(':')));
            CliRun r = run("corpus", "-i", input.toString(), "--out", dir.resolve("out").toString(), "-q");
            assertThat(r.code()).as(input.toString()).isNotZero();
            assertThat(r.err()).as(input.toString()).contains(where + ":").doesNotContain("Jackson").doesNotContain("StreamConstraints")
                    .contains("over the limit of 10,000,000 characters").contains("split it");
        }
    }

    @Test
    void case8NulAndLoneSurrogatesFollowTheDocumentedRule() throws IOException {
        Path jsonl = dir.resolve("odd.jsonl");
        Files.writeString(jsonl, "{\"id\": \"1\", \"text\": \"nul\\u0000here and a lone \\ud800 half\"}\n");
        assertThat(run("corpus", "-i", jsonl.toString(), "--out", dir.resolve("p").toString(), "-q").code()).isZero();
        String text = CorpusArtefact.read(new ProjectDir(dir.resolve("p"))).documents().get(0).text();
        assertThat(text).isEqualTo("nulhere and a lone \uFFFD half");
    }

    @Test
    void case9NothingSelectedSaysWhichOptionsToCheck() throws IOException {
        Path jsonl = dir.resolve("docs.jsonl");
        Files.writeString(jsonl, "{\"id\": \"1\", \"text\": \"hello there\", \"label\": \"a\"}\n");
        CliRun r = run("corpus", "-i", jsonl.toString(), "--out", dir.resolve("p").toString(), "--labels", "zzz", "-q");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).doesNotContain("all 0 were dropped").doesNotContain("{}");
    }

    @Test
    void case9OutAtAFileSaysSo() throws IOException {
        Path jsonl = dir.resolve("docs.jsonl");
        Files.writeString(jsonl, "{\"id\": \"1\", \"text\": \"hello there\"}\n");
        Path file = Files.writeString(dir.resolve("a-file"), "x");
        CliRun r = run("corpus", "-i", jsonl.toString(), "--out", file.toString(), "-q");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("is a file, not a folder").contains("--out");
    }

    @Test
    void case9AMissingMatrixIsNamedWithWhatToDo() throws IOException {
        Path p = embedded();
        Files.delete(p.resolve("embeddings/topic.npy"));
        CliRun r = run("project", "--out", p.toString(), "-q");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("topic.npy is missing").contains("taskspace embed");
    }

    @Test
    void case7EmbeddingsThatDoNotCountTheCorpusAreRefused() throws IOException {
        Path p = embedded();
        Path manifest = p.resolve("embeddings/embeddings.json");
        String edited = Files.readString(manifest).replaceFirst("\"documents\"\\s*:\\s*24", "\"documents\" : 23");
        assertThat(edited).contains("\"documents\" : 23");
        Files.writeString(manifest, edited);
        CliRun r = run("project", "--out", p.toString(), "-q");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("records 23 documents").contains("24");
    }

    @Test
    void case10AnotherModelNamesTheTasksItWouldDiscard() throws IOException {
        Path p = embedded();
        CliRun r = run("embed", "--model", model.toString(), "--out", p.toString(), "--tasks", "default", "--max-tokens", "8", "-q");
        assertThat(r.code()).isNotZero();
        assertThat(r.err()).contains("finished tasks (default, topic)").contains("--replace");
        assertThat(p.resolve("embeddings/topic.npy")).exists();
        CliRun replaced = run("embed", "--model", model.toString(), "--out", p.toString(), "--tasks", "default", "--max-tokens", "8", "--replace", "-q");
        assertThat(replaced.code()).as(replaced.err()).isZero();
        assertThat(replaced.out()).contains("discarded the finished tasks default, topic");
        assertThat(p.resolve("embeddings/topic.npy")).as("no longer left behind on disk").doesNotExist();
    }
}
