package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.ProjectDir;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Tasks;
import dev.taskspace.embed.remote.FakeEmbeddingsServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote embedding run in a separate JVM killed with SIGKILL mid-run, then run again: the
 * rerun finishes, and the server's counts show that only the missing work was redone. The API
 * key (from a {@code .env} file) appears in no output and no file.
 */
class RemoteResumeIT {
    static final String KEY = "sk-taskspace-RESUME-b41d9e07c3";
    static final int TEXTS = 1280; // 40 batches of 32
    static final int ANSWERED = 10; // batches answered before the kill
    static final int CONCURRENCY = 4;

    @TempDir
    Path dir;

    @Test
    void aKilledRunResumesAndRedoesOnlyWhatWasMissing() throws Exception {
        List<String> texts = IntStream.range(0, TEXTS).mapToObj(i -> "post " + i + " on " + (i % 3 == 0 ? "guns" : "autos")).toList();
        Path input = dir.resolve("docs.jsonl");
        Files.writeString(input, texts.stream().map(t -> "{\"text\": \"" + t + "\"}").collect(Collectors.joining("\n")));
        assertThat(Cli.run(new PrintStream(new ByteArrayOutputStream()), System.err, Map.of(), "corpus", "-i", input.toString(),
                "--out", dir.resolve("p").toString(), "-q")).isZero();
        Files.writeString(dir.resolve(".env"), "TASKSPACE_API_KEY=" + KEY + "\n");

        try (FakeEmbeddingsServer server = FakeEmbeddingsServer.start()) {
            server.key = KEY;
            server.holdAfter(ANSWERED);
            Process first = start(server, "first");
            // Every worker is then waiting on a held request, so each answered batch has been stored.
            assertThat(server.awaitRequests(ANSWERED + CONCURRENCY, 120)).as("the first run's requests").isTrue();
            first.destroyForcibly(); // SIGKILL
            assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(first.exitValue()).isEqualTo(137);
            Set<String> servedFirst = new HashSet<>(server.served().keySet());
            assertThat(servedFirst).hasSize(ANSWERED * 32);
            int requestsFirst = server.requests();

            server.holdAfter(-1);
            server.release();
            Process second = start(server, "second");
            assertThat(second.waitFor(120, TimeUnit.SECONDS)).as("the rerun finishes").isTrue();
            String out = Files.readString(dir.resolve("second.out"));
            assertThat(second.exitValue()).as(Files.readString(dir.resolve("second.err"))).isZero();

            assertThat(server.requests() - requestsFirst).as("requests of the rerun").isEqualTo(40 - ANSWERED);
            Map<String, Integer> served = server.served();
            assertThat(served).hasSize(TEXTS).allSatisfy((t, n) -> assertThat(n).as(t).isEqualTo(1));
            assertThat(out).contains("cache: " + ANSWERED * 32 + " hits, " + (TEXTS - ANSWERED * 32) + " misses");

            float[][] v = EmbeddingArtefact.read(new ProjectDir(dir.resolve("p")), "topic");
            for (int i = 0; i < TEXTS; i++) {
                assertThat(v[i]).containsExactly(server.expected(PromptStyle.QWEN3.format(Tasks.DEMO.get(1), texts.get(i)), 32));
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).filter(f -> !f.getFileName().toString().equals(".env")).toList()) {
                assertThat(new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)).as(f.toString()).doesNotContain(KEY);
            }
        }
    }

    private Process start(FakeEmbeddingsServer server, String name) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.taskspace.cli.Main",
                "embed", "--api-base", server.base().toString(), "--tasks", "topic", "--dimensions", "32",
                "--concurrency", String.valueOf(CONCURRENCY), "--rate", "1000", "--out", dir.resolve("p").toString()));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("TASKSPACE_API_KEY");
        pb.environment().remove("SILICONFLOW_API_KEY");
        pb.environment().put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        pb.redirectOutput(dir.resolve(name + ".out").toFile()).redirectError(dir.resolve(name + ".err").toFile());
        return pb.start();
    }
}
