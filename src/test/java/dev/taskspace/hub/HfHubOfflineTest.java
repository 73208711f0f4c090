package dev.taskspace.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import dev.taskspace.testing.RecordingReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Offline, unreachable, or refused: the cache is used when it has the files, else one line says what to fetch. */
@Timeout(30)
class HfHubOfflineTest {
    private static final String QWEN = "onnx-community/Qwen3-Embedding-0.6B-ONNX";
    private static final List<String> MODEL = List.of("onnx/model.onnx", "onnx/model.onnx_data", "tokenizer.json");

    @TempDir
    Path tmp;

    LoopbackServer server;
    LoopbackServer cdn;
    FakeHub fake;
    Path cacheRoot;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        cdn = LoopbackServer.start();
        fake = FakeHub.standard(server, cdn);
        cacheRoot = tmp.resolve("python-cache");
    }

    @AfterEach
    void stop() {
        server.close();
        cdn.close();
    }

    /** A hub on the fake endpoint whose cache is {@link #cacheRoot}, as HF_HUB_CACHE sets it. */
    HfHub hub(String... env) {
        Map<String, String> e = fake.env(tmp.resolve("hf-home"), env);
        e.put("HF_HUB_CACHE", cacheRoot.toString());
        return HfHub.fromEnvironment(e, tmp.resolve("home").toString());
    }

    @Test
    @DisplayName("offline with an empty cache: one line that says what to download, from where, and the alternative")
    void offlineEmptyCache() {
        HfHub hub = HfHub.fromEnvironment(Map.of("HF_HUB_OFFLINE", "1"), tmp.resolve("home").toString());

        TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                () -> hub.fetch(QWEN, "main", MODEL, Reporter.SILENT));

        Path root = tmp.resolve("home/.cache/huggingface/hub");
        assertThat(e).hasMessage("model onnx-community/Qwen3-Embedding-0.6B-ONNX is not in the Hugging Face cache (" + root
                + ") and downloads are off: fetch onnx/model.onnx, onnx/model.onnx_data and tokenizer.json from"
                + " https://huggingface.co/onnx-community/Qwen3-Embedding-0.6B-ONNX (e.g. `hf download"
                + " onnx-community/Qwen3-Embedding-0.6B-ONNX onnx/model.onnx onnx/model.onnx_data tokenizer.json`)"
                + " or pass a local folder with --model DIR");
        assertThat(root).doesNotExist();
    }

    @Test
    @DisplayName("withOffline(true) works like HF_HUB_OFFLINE=1: no request at all, listing included")
    void offlineFlag() {
        fake.serve();
        HfHub hub = hub().withOffline(true);

        assertThat(hub.offline()).isTrue();
        assertThat(catchThrowableOfType(TaskspaceException.class, () -> hub.fetch(FakeHub.REPO, "main", MODEL,
                Reporter.SILENT))).hasMessageContaining("downloads are off: fetch");
        HubException e = catchThrowableOfType(HubException.class, () -> hub.list(FakeHub.REPO, "main"));
        assertThat(e).hasMessage("cannot list the files of model " + FakeHub.REPO + ": downloads are off");
        assertThat(e.unreachable()).isTrue();
        assertThat(server.requests()).isZero();
    }

    @Test
    @DisplayName("offline with part of the files cached: only the missing ones are named, and the revision if not main")
    void offlinePartlyCached() {
        fake.serve();
        hub().fetch(FakeHub.REPO, "main", List.of("tokenizer.json"), Reporter.SILENT);
        hub().fetch(FakeHub.REPO, FakeHub.COMMIT, List.of("tokenizer.json"), Reporter.SILENT);

        TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                () -> hub("HF_HUB_OFFLINE", "1").fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT));
        TaskspaceException byCommit = catchThrowableOfType(TaskspaceException.class,
                () -> hub("HF_HUB_OFFLINE", "1").fetch(FakeHub.REPO, FakeHub.COMMIT, MODEL, Reporter.SILENT));

        assertThat(e.getMessage()).startsWith("model " + FakeHub.REPO + " is only partly in the Hugging Face cache ("
                + cacheRoot.toAbsolutePath() + ") and downloads are off: fetch onnx/model.onnx and onnx/model.onnx_data from ")
                .contains("`hf download " + FakeHub.REPO + " onnx/model.onnx onnx/model.onnx_data`");
        assertThat(byCommit.getMessage()).contains("`hf download " + FakeHub.REPO + " --revision " + FakeHub.COMMIT
                + " onnx/model.onnx onnx/model.onnx_data`");
    }

    @Test
    @DisplayName("a hub that cannot be reached, with an empty cache: one line with the reason and what to fetch")
    void unreachableEmptyCache() {
        Map<String, String> env = Map.of("HF_ENDPOINT", LoopbackServer.closedPortUri("").toString(),
                "HF_HUB_CACHE", cacheRoot.toString());

        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> HfHub.fromEnvironment(env,
                tmp.toString()).fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT));

        HubException listing = catchThrowableOfType(HubException.class,
                () -> HfHub.fromEnvironment(env, tmp.toString()).list(FakeHub.REPO, "main"));
        assertThat(listing.unreachable()).isTrue();
        assertThat(listing.status()).isZero();
        assertThat(listing).hasMessageStartingWith("cannot reach 127.0.0.1 to list model " + FakeHub.REPO + " (");
        assertThat(e).isInstanceOfSatisfying(HubException.class, h -> assertThat(h.unreachable()).isTrue());
        assertThat(e.getMessage()).startsWith("model " + FakeHub.REPO + " is not in the Hugging Face cache ("
                + cacheRoot.toAbsolutePath() + ") and cannot reach 127.0.0.1 to list model " + FakeHub.REPO)
                .contains(": fetch onnx/model.onnx, onnx/model.onnx_data and tokenizer.json from http://127.0.0.1:")
                .endsWith("or pass a local folder with --model DIR")
                .doesNotContain("\n");
    }

    @Test
    @DisplayName("a cache written by Python (refs/main, blobs, relative links made by hand here) is used with no request")
    void pythonMadeCacheOffline() throws IOException {
        writePythonCache();

        Snapshot s = hub("HF_HUB_OFFLINE", "1").fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT);

        assertThat(s.commit()).isEqualTo(FakeHub.COMMIT);
        for (String path : MODEL) assertThat(Files.readAllBytes(s.file(path))).as(path).isEqualTo(fake.file(path).content());
        assertThat(s.file("onnx/model.onnx")).isEqualTo(fake.repoFolder(cacheRoot.toAbsolutePath())
                .resolve("snapshots").resolve(FakeHub.COMMIT).resolve("onnx/model.onnx"));
        assertThat(hub().cached(FakeHub.REPO, "main", MODEL)).contains(s);
        assertThat(hub().cached(FakeHub.REPO, "main", List.of("onnx/model_fp16.onnx"))).isEmpty();
        assertThat(hub().cached(FakeHub.REPO, "v2", MODEL)).isEmpty();
        assertThat(server.requests()).isZero();
    }

    @Test
    @DisplayName("a Python-made cache and a reachable hub at the same commit: the listing is asked, no file is downloaded")
    void pythonMadeCacheOnline() throws IOException {
        writePythonCache();
        fake.serve();
        RecordingReporter reporter = new RecordingReporter();

        Snapshot s = hub().fetch(FakeHub.REPO, "main", MODEL, reporter);

        assertThat(s.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(server.requests()).isEqualTo(1);
        assertThat(cdn.requests()).isZero();
        assertThat(reporter.lines).isEmpty();
    }

    @Test
    @DisplayName("a hub that cannot be reached, with the files cached: the cache is used and one line says why")
    void unreachableWithCache() throws IOException {
        writePythonCache();
        Map<String, String> env = Map.of("HF_ENDPOINT", LoopbackServer.closedPortUri("").toString(),
                "HF_HUB_CACHE", cacheRoot.toString());
        RecordingReporter reporter = new RecordingReporter();

        Snapshot s = HfHub.fromEnvironment(env, tmp.toString()).fetch(FakeHub.REPO, "main", MODEL, reporter);

        assertThat(s.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(reporter.lines).singleElement().asString().startsWith("cannot reach 127.0.0.1 to list model " + FakeHub.REPO)
                .endsWith("; using the cached copy (commit 0123456)");
    }

    @Test
    @DisplayName("a hub that refuses (HTTP 500 or 401), with the files cached: the cache is used, as huggingface_hub does")
    void refusedWithCache() throws IOException {
        writePythonCache();
        server.on(fake.listingPath("main"), Response.status(500), Response.status(401));
        RecordingReporter reporter = new RecordingReporter();

        hub().fetch(FakeHub.REPO, "main", MODEL, reporter);
        hub().fetch(FakeHub.REPO, "main", MODEL, reporter);

        assertThat(reporter.lines).hasSize(2);
        assertThat(reporter.lines.get(0)).contains("HTTP 500").endsWith("using the cached copy (commit 0123456)");
        assertThat(reporter.lines.get(1)).contains("HTTP 401").endsWith("using the cached copy (commit 0123456)");
    }

    @Test
    @DisplayName("a snapshot link whose blob was deleted counts as missing")
    void danglingLink() throws IOException {
        writePythonCache();
        Files.delete(fake.repoFolder(cacheRoot).resolve("blobs").resolve(fake.file("onnx/model.onnx_data").sha256()));

        TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                () -> hub("HF_HUB_OFFLINE", "1").fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT));

        assertThat(e.getMessage()).contains("is only partly in the Hugging Face cache").contains("fetch onnx/model.onnx_data from");
    }

    /** The layout huggingface_hub leaves after {@code hf download test-org/tiny-embedder …}, made by hand. */
    private void writePythonCache() throws IOException {
        Path repo = fake.repoFolder(cacheRoot);
        Files.createDirectories(repo.resolve("refs"));
        Files.writeString(repo.resolve("refs/main"), FakeHub.COMMIT, StandardCharsets.UTF_8); // no newline, as Python writes it
        Path snapshot = repo.resolve("snapshots").resolve(FakeHub.COMMIT);
        for (String path : MODEL) {
            FakeHub.FakeFile f = fake.file(path);
            Path blob = repo.resolve("blobs").resolve(f.etag());
            Files.createDirectories(blob.getParent());
            Files.write(blob, f.content());
            Path link = snapshot.resolve(path);
            Files.createDirectories(link.getParent());
            Files.createSymbolicLink(link, link.getParent().relativize(blob));
        }
        assertThat(Files.readSymbolicLink(snapshot.resolve("onnx/model.onnx")).toString())
                .isEqualTo("../../../blobs/" + fake.file("onnx/model.onnx").sha256());
    }
}
