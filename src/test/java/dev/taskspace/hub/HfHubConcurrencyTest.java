package dev.taskspace.hub;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.Reporter;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fetches of the same model that run at once share the cache instead of fighting over it. */
@Timeout(60)
class HfHubConcurrencyTest {
    private static final List<String> MODEL = List.of("onnx/model.onnx", "onnx/model.onnx_data", "tokenizer.json");

    @TempDir
    Path tmp;

    @Test
    @DisplayName("four fetches at once download each blob once (the others wait on its lock) and all see the same snapshot")
    void concurrentFetches() throws Exception {
        try (LoopbackServer server = LoopbackServer.start(); LoopbackServer cdn = LoopbackServer.start()) {
            FakeHub fake = FakeHub.standard(server, cdn).serve();
            // A slow CDN makes the fetches overlap; the assertions hold however they interleave.
            for (String path : List.of("onnx/model.onnx", "onnx/model.onnx_data")) {
                cdn.on(fake.cdnPath(path), Response.bytes(fake.file(path).content()).withRanges().after(Duration.ofMillis(300)));
            }
            HfHub hub = HfHub.fromEnvironment(fake.env(tmp.resolve("hf-home")), tmp.toString());
            ExecutorService pool = Executors.newFixedThreadPool(4);
            try {
                List<Future<Snapshot>> results = pool.invokeAll(java.util.Collections.nCopies(4,
                        () -> hub.fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT)));
                Snapshot first = results.get(0).get();
                for (Future<Snapshot> f : results) assertThat(f.get()).isEqualTo(first);
                for (String path : MODEL) {
                    assertThat(Files.readAllBytes(first.file(path))).as(path).isEqualTo(fake.file(path).content());
                }
            } finally {
                pool.shutdownNow();
            }
            assertThat(cdn.requests(fake.cdnPath("onnx/model.onnx"))).isEqualTo(1);
            assertThat(cdn.requests(fake.cdnPath("onnx/model.onnx_data"))).isEqualTo(1);
            assertThat(server.requests(fake.resolvePath("tokenizer.json"))).isEqualTo(1);
            assertThat(FakeHub.names(fake.repoFolder(tmp.resolve("hf-home/hub")).resolve("blobs"))).hasSize(3);
        }
    }
}
