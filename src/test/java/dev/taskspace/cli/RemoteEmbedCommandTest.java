package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Tasks;
import dev.taskspace.embed.remote.FakeEmbeddingsServer;
import dev.taskspace.testing.CliRun;
import dev.taskspace.testing.FakeNewsgroups;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code taskspace embed} against a loopback embeddings server: flags, cache, errors, the key. */
class RemoteEmbedCommandTest {
    static final String KEY = "sk-taskspace-SECRET-7f3a9c2e51";

    @TempDir
    Path dir;

    final FakeEmbeddingsServer server = FakeEmbeddingsServer.start();
    final Map<String, String> env = new HashMap<>();
    final List<String> texts = IntStream.range(0, 100).mapToObj(i -> "document " + i + " on " + (i % 2 == 0 ? "cars" : "space")).toList();
    String out;
    String err;
    String allOutput = "";

    @BeforeEach
    void corpus() throws IOException {
        env.put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        Path input = dir.resolve("docs.jsonl");
        Files.writeString(input, texts.stream().map(t -> "{\"text\": \"" + t + "\", \"label\": \"x\"}").collect(Collectors.joining("\n")));
        assertThat(run("corpus", "-i", input.toString(), "--out", dir.resolve("p").toString(), "-q")).isZero();
        Files.createDirectories(dir.resolve("q"));
        Files.copy(dir.resolve("p/corpus.jsonl"), dir.resolve("q/corpus.jsonl"));
        Files.copy(dir.resolve("p/corpus.json"), dir.resolve("q/corpus.json"));
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private int run(String... args) {
        CliRun r = CliRun.of(env, args);
        out = r.out();
        err = r.err();
        allOutput += out + err;
        return r.code();
    }

    private int embed(String project, String... more) {
        List<String> args = Stream.concat(Stream.of("embed", "--api-base", server.base().toString(), "--out", dir.resolve(project).toString(),
                "--dimensions", "32", "--rate", "500", "-q"), Stream.of(more)).toList();
        return run(args.toArray(String[]::new));
    }

    @Test
    void embedsThroughTheApiAndTheKeyAppearsNowhere() throws IOException {
        server.key = KEY;
        env.put("TASKSPACE_API_KEY", KEY);
        assertThat(embed("p", "--tasks", "default,topic")).as(err).isZero();
        assertThat(out).contains("server: " + server.base() + ", batches of 32, 10 at once, 500 requests/s, the API key from TASKSPACE_API_KEY")
                .contains("model: Qwen/Qwen3-Embedding-0.6B (remote, api, 32 dimensions)")
                .containsPattern("topic +100 texts, 4 requests \\(0 retried\\), [0-9,]+ tokens in .*; cache: 0 hits, 100 misses");
        ProjectDir p = new ProjectDir(dir.resolve("p"));
        float[][] topic = EmbeddingArtefact.read(p, "topic");
        for (int i = 0; i < texts.size(); i++) {
            assertThat(topic[i]).containsExactly(server.expected(PromptStyle.QWEN3.format(Tasks.DEMO.get(1), texts.get(i)), 32));
        }
        JsonNode stats = EmbeddingArtefact.manifest(p).path("tasks").get(1).path("stats");
        assertThat(stats.path("requests").asInt()).isEqualTo(4);

        assertThat(allOutput).doesNotContain(KEY);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
            }
        }
    }

    @Test
    void aNewTaskInAnotherProjectEmbedsOnlyThatTaskTheRestComesFromTheCache() {
        assertThat(embed("p", "--tasks", "default,topic")).as(err).isZero();
        Map<String, Integer> before = server.served();
        assertThat(embed("q", "--tasks", "default,topic,legal", "--task", "legal=Classify the legal area of the given text")).as(err).isZero();
        Map<String, Integer> after = server.served();
        after.keySet().removeAll(before.keySet());
        assertThat(after).hasSize(100).allSatisfy((prompt, n) -> assertThat(prompt).startsWith("Instruct: Classify the legal area"));
        assertThat(out).containsPattern("default +100 texts, all from the vector cache, in .*; cache: 100 hits, 0 misses")
                .containsPattern("legal +100 texts, 4 requests .*; cache: 0 hits, 100 misses")
                .containsPattern("all +300 texts, .*; cache: 200 hits, 100 misses");
    }

    @Test
    void noCacheMeansEverythingIsRequestedAgainAndNothingIsKept() {
        assertThat(embed("p", "--tasks", "topic", "--no-cache")).as(err).isZero();
        assertThat(embed("q", "--tasks", "topic", "--no-cache")).as(err).isZero();
        assertThat(server.served().values()).containsOnly(2);
        assertThat(dir.resolve("cache/vectors")).doesNotExist();
        assertThat(out).doesNotContain("cache:");
    }

    @Test
    void aRejectedKeyIsOneLineAfterOneRequest() {
        server.key = "the-right-one";
        env.put("TASKSPACE_API_KEY", KEY);
        assertThat(embed("p")).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString()
                .isEqualTo("taskspace: error: the server at " + server.base() + "/embeddings rejected the API key from "
                        + "TASKSPACE_API_KEY (HTTP 401: Invalid token): check the key");
        assertThat(server.requests()).isEqualTo(1);
        assertThat(allOutput).doesNotContain(KEY);
    }

    @Test
    void aBadRequestIsOneLineAfterOneRequest() {
        server.fixedStatus = 400;
        assertThat(embed("p")).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString().startsWith("taskspace: error: the server at ")
                .contains("rejected the request (HTTP 400: scripted 400");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aSiliconFlowKeyIsNotSentToAnotherServer() {
        env.put("SILICONFLOW_API_KEY", KEY);
        assertThat(embed("p", "--tasks", "topic")).as(err).isZero();
        assertThat(out).contains("no API key");
        assertThat(server.authorizations()).isNotEmpty().containsOnlyNulls();
    }

    @Test
    void inProcessFlagsAndBadLimitsAreRefusedWithOneLine() {
        assertThat(embed("p", "--model", "minilm")).isEqualTo(1);
        assertThat(err).contains("--model chooses an in-process model; with --backend remote, name the server's model with --api-model");
        assertThat(embed("p", "--concurrency", "0")).isEqualTo(1);
        assertThat(err).contains("the batch size and concurrency must be at least 1");
        assertThat(run("embed", "--api-base", "ftp://x", "--out", dir.resolve("p").toString())).isEqualTo(1);
        assertThat(err).contains("--api-base must be an http:// or https:// URL");
        assertThat(server.requests()).isZero();
    }

    @Test
    void theDemoSpacedPromptAndAnUnknownModelWork() {
        server.nativeDims = 48;
        assertThat(run("embed", "--api-base", server.base().toString(), "--api-model", "nomic-embed-text", "--prompt-style",
                "demo_spaced", "--tasks", "topic", "--out", dir.resolve("p").toString(), "-q")).as(err).isZero();
        assertThat(out).contains("model: nomic-embed-text (remote, api, 48 dimensions)").contains("not instruction-tuned");
        assertThat(server.served()).containsKey("Instruct: Identify the topic or theme of the given text\nQuery: document 3 on space");
    }

    @Test
    void theDemoRunsThroughTheApiAndARerunWithOneNewTaskSendsOnlyThatTask() throws IOException {
        Path archive = FakeNewsgroups.standard().writeArchive(dir.resolve("ng"));
        String[] demo = {"demo", "--newsgroups", archive.toString(), "--per-label", "5", "--api-base", server.base().toString(),
            "--dimensions", "16", "--rate", "500", "--out", dir.resolve("demo").toString(), "-q", "--site", dir.resolve("site").toString()};
        assertThat(run(demo)).as(err).isZero();
        assertThat(out).contains("model: Qwen/Qwen3-Embedding-0.6B (remote, api, 16 dimensions)").contains("cache: 0 hits, 50 misses");
        int axisLabels = 2 * (int) Tasks.DEMO.stream().filter(t -> t.axis() != null).count(); // embedded through the API too
        assertThat(server.served()).hasSize(4 * 50 + axisLabels);

        List<String> again = new java.util.ArrayList<>(List.of(demo));
        again.set(again.indexOf(dir.resolve("demo").toString()), dir.resolve("demo2").toString());
        again.addAll(List.of("--task", "emotion=Classify the emotion of the given text"));
        assertThat(run(again.toArray(String[]::new))).as(err).isZero();
        assertThat(server.served()).hasSize(5 * 50 + axisLabels);
        assertThat(out).containsPattern("emotion +50 texts, 2 requests .*; cache: 0 hits, 50 misses")
                .containsPattern("all +250 texts, .*; cache: 200 hits, 50 misses");
    }

    @Test
    void aLongRemoteRunAnnouncesItsWaitTimedOnItsOwnFirstRequestsAndAsksForNothingTwice() throws InterruptedException {
        server.latencyMillis = 1500; // slow while the sample is sent: 8 texts untimed, then 8 timed, 4 a request, one at a time
        Thread speedUp = new Thread(() -> {
            try {
                if (server.awaitRequests(5, 60)) server.latencyMillis = 0; // the run proper: fast
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        speedUp.start();
        assertThat(run("embed", "--api-base", server.base().toString(), "--out", dir.resolve("p").toString(), "--dimensions", "32",
                "--batch-size", "4", "--concurrency", "1", "--rate", "500", "-q")).as(err).isZero();
        speedUp.join();
        // 384 texts left at 8 texts in 3 s: over a minute
        assertThat(out).containsPattern("expected: about \\d+m \\d+s to embed 384 texts, about [\\d,]+ tokens at [\\d,]+ tokens/s "
                + "\\(timed on 8 of them just now, in [\\d.]+ s; their vectors are kept\\)")
                .contains("more replicas of the model: --api-base URL1,URL2").doesNotContain("--precision int8");
        assertThat(server.served()).as("4 tasks x 100 texts, and the 2 label texts of 2 axes").hasSize(404);
        assertThat(server.served().values()).as("every text of the 4 tasks sent once, the sample's included").containsOnly(1);
        // The sample's 16 texts were fetched for the first task: its line counts them as fetched, with their requests and
        // their 4 slow requests' time (>= 6 s), not as cache hits found in no time.
        java.util.regex.Matcher first = java.util.regex.Pattern.compile(
                "\\n +(\\S+) +100 texts, (\\d+) requests \\(0 retried\\), [\\d,]+ tokens in [^:]+: [\\d.]+ requests/s, ([\\d.]+) texts/s; "
                        + "cache: (\\d+) hits, (\\d+) misses").matcher(out);
        assertThat(first.find()).as(out).isTrue();
        assertThat(List.of(first.group(2), first.group(4), first.group(5))).as(first.group()).containsExactly("25", "0", "100");
        assertThat(Double.parseDouble(first.group(3))).as(first.group()).isLessThanOrEqualTo(100 / 6.0);
        assertThat(out).as("no task counts the sample as cache hits").doesNotContainPattern("cache: [1-9]");
    }
}
