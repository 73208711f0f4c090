package dev.taskspace.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.Download;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import dev.taskspace.testing.RecordingReporter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Fetching into the Hugging Face cache layout from a fake hub: layout, reuse, verification, resuming. */
@Timeout(30)
class HfHubTest {
    private static final List<String> MODEL = List.of("onnx/model.onnx", "onnx/model.onnx_data", "tokenizer.json");

    @TempDir
    Path tmp;

    LoopbackServer server;
    LoopbackServer cdn;
    FakeHub fake;
    Path hfHome;
    Path root;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        cdn = LoopbackServer.start();
        fake = FakeHub.standard(server, cdn);
        hfHome = tmp.resolve("hf-home");
        root = hfHome.resolve("hub");
    }

    @AfterEach
    void stop() {
        server.close();
        cdn.close();
    }

    HfHub hub(String... env) {
        return HfHub.fromEnvironment(fake.env(hfHome, env), tmp.resolve("home").toString());
    }

    @Test
    @DisplayName("a first fetch writes the exact Hugging Face layout: refs/main, blobs by hash, relative snapshot links")
    void firstFetchWritesTheLayout() throws IOException {
        fake.serve();
        RecordingReporter reporter = new RecordingReporter();

        Snapshot snapshot = hub().fetch(FakeHub.REPO, "main", MODEL, reporter);

        Path repo = fake.repoFolder(root);
        assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(FakeHub.COMMIT);
        Path snap = repo.resolve("snapshots").resolve(FakeHub.COMMIT);
        String modelSha = fake.file("onnx/model.onnx").sha256();
        String dataSha = fake.file("onnx/model.onnx_data").sha256();
        String tokenizerBlob = fake.file("tokenizer.json").blobId();
        assertThat(Files.isSymbolicLink(snap.resolve("onnx/model.onnx"))).isTrue();
        assertThat(Files.readSymbolicLink(snap.resolve("onnx/model.onnx"))).isEqualTo(Path.of("../../../blobs/" + modelSha));
        assertThat(Files.readSymbolicLink(snap.resolve("onnx/model.onnx_data"))).isEqualTo(Path.of("../../../blobs/" + dataSha));
        assertThat(Files.readSymbolicLink(snap.resolve("tokenizer.json"))).isEqualTo(Path.of("../../blobs/" + tokenizerBlob));
        assertThat(Files.readAllBytes(repo.resolve("blobs").resolve(modelSha))).isEqualTo(fake.file("onnx/model.onnx").content());
        assertThat(Files.readAllBytes(repo.resolve("blobs").resolve(dataSha))).isEqualTo(fake.file("onnx/model.onnx_data").content());
        assertThat(Files.readAllBytes(snap.resolve("tokenizer.json"))).isEqualTo(fake.file("tokenizer.json").content());
        assertThat(FakeHub.names(repo.resolve("blobs"))).containsExactlyInAnyOrder(modelSha, dataSha, tokenizerBlob);
        assertThat(root.resolve("CACHEDIR.TAG")).content().startsWith("Signature: 8a477f597d28d172789f06886806bc55");

        assertThat(snapshot.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(snapshot.folder()).isEqualTo(snap);
        assertThat(snapshot.files().keySet()).containsExactlyElementsOf(MODEL);
        assertThat(snapshot.file("onnx/model.onnx")).isEqualTo(snap.resolve("onnx/model.onnx"));

        assertThat(server.received(fake.listingPath("main"))).singleElement()
                .satisfies(r -> assertThat(r.query()).isEqualTo("blobs=true"));
        assertThat(server.requests(fake.resolvePath("onnx/model.onnx"))).isEqualTo(1);
        assertThat(cdn.requests(fake.cdnPath("onnx/model.onnx"))).isEqualTo(1);
        long total = MODEL.stream().mapToLong(p -> fake.file(p).content().length).sum();
        assertThat(reporter.lines).containsExactly(
                "downloading " + Download.size(total) + " (3 files) from " + fake.endpoint() + "/" + FakeHub.REPO);
        assertThat(reporter.bars).containsExactlyInAnyOrderElementsOf(MODEL);
    }

    @Test
    @DisplayName("a second fetch requests no file, only the listing; offline it makes no request at all")
    void secondFetchReusesTheCache() {
        fake.serve();
        hub().fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT);
        int hubRequests = server.requests();
        int cdnRequests = cdn.requests();
        RecordingReporter reporter = new RecordingReporter();

        Snapshot again = hub().fetch(FakeHub.REPO, "main", MODEL, reporter);

        assertThat(server.requests()).isEqualTo(hubRequests + 1);
        assertThat(server.requests(fake.listingPath("main"))).isEqualTo(2);
        assertThat(cdn.requests()).isEqualTo(cdnRequests);
        assertThat(reporter.lines).isEmpty();
        assertThat(reporter.bars).isEmpty();

        Snapshot offline = hub("HF_HUB_OFFLINE", "1").fetch(FakeHub.REPO, "main", MODEL, reporter);
        Snapshot byCommit = hub().fetch(FakeHub.REPO, FakeHub.COMMIT, MODEL, reporter);

        assertThat(server.requests()).isEqualTo(hubRequests + 1);
        assertThat(cdn.requests()).isEqualTo(cdnRequests);
        assertThat(offline).isEqualTo(again);
        assertThat(byCommit).isEqualTo(again);
        assertThat(reporter.lines).isEmpty();
    }

    @Test
    @DisplayName("only the files still missing are downloaded, and the summary counts only them")
    void fetchesOnlyWhatIsMissing() {
        fake.serve();
        hub().fetch(FakeHub.REPO, "main", List.of("tokenizer.json"), Reporter.SILENT);
        RecordingReporter reporter = new RecordingReporter();

        hub().fetch(FakeHub.REPO, "main", List.of("tokenizer.json", "onnx/model.onnx"), reporter);

        assertThat(server.requests(fake.resolvePath("tokenizer.json"))).isEqualTo(1);
        assertThat(server.requests(fake.resolvePath("onnx/model.onnx"))).isEqualTo(1);
        assertThat(reporter.lines).containsExactly("downloading 150.0 kB (1 file) from " + fake.endpoint() + "/" + FakeHub.REPO);
    }

    @Test
    @DisplayName("when main moves to a new commit, unchanged files are linked from their blob and only changed ones download")
    void newCommitReusesBlobs() throws IOException {
        fake.serve();
        hub().fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT);
        LoopbackServer server2 = LoopbackServer.start();
        try (server2) {
            FakeHub moved = new FakeHub(server2, cdn, FakeHub.REPO, FakeHub.COMMIT_2)
                    .lfs("onnx/model.onnx", FakeHub.randomBytes(99, 150_000)) // changed
                    .lfs("onnx/model.onnx_data", fake.file("onnx/model.onnx_data").content())
                    .small("tokenizer.json", fake.file("tokenizer.json").content())
                    .serve();
            int cdnBefore = cdn.requests();

            Snapshot s = HfHub.fromEnvironment(moved.env(hfHome), tmp.toString()).fetch(FakeHub.REPO, "main", MODEL,
                    Reporter.SILENT);

            Path repo = fake.repoFolder(root);
            assertThat(Files.readString(repo.resolve("refs/main"))).isEqualTo(FakeHub.COMMIT_2);
            assertThat(s.commit()).isEqualTo(FakeHub.COMMIT_2);
            assertThat(Files.readAllBytes(s.file("onnx/model.onnx"))).isEqualTo(moved.file("onnx/model.onnx").content());
            assertThat(Files.readAllBytes(s.file("onnx/model.onnx_data"))).isEqualTo(moved.file("onnx/model.onnx_data").content());
            assertThat(server2.requests(moved.resolvePath("onnx/model.onnx"))).isEqualTo(1);
            assertThat(server2.requests(moved.resolvePath("onnx/model.onnx_data"))).isZero();
            assertThat(server2.requests(moved.resolvePath("tokenizer.json"))).isZero();
            assertThat(cdn.requests()).isEqualTo(cdnBefore + 1);
            assertThat(repo.resolve("snapshots").resolve(FakeHub.COMMIT).resolve("onnx/model.onnx")).exists();
        }
    }

    @Test
    @DisplayName("an LFS file whose bytes do not match the listed SHA-256 is refused, and nothing is left in blobs/")
    void wrongSha256() {
        fake.serve();
        byte[] tampered = fake.file("onnx/model.onnx").content().clone();
        tampered[4321] ^= 1;
        cdn.on(fake.cdnPath("onnx/model.onnx"), Response.bytes(tampered).withRanges());

        TaskspaceException e = fetchFails(hub(), List.of("onnx/model.onnx"));

        assertThat(e.getMessage()).contains("onnx/model.onnx").contains("corrupt")
                .contains(fake.file("onnx/model.onnx").sha256()).doesNotContain("\n");
        Path repo = fake.repoFolder(root);
        assertThat(FakeHub.names(repo.resolve("blobs"))).isEmpty();
        assertThat(repo.resolve("snapshots").resolve(FakeHub.COMMIT).resolve("onnx/model.onnx")).doesNotExist();
        assertThat(repo.resolve("refs/main")).doesNotExist();
    }

    @Test
    @DisplayName("a small file whose git blob id does not match is refused, and nothing is left in blobs/")
    void wrongGitBlobId() {
        fake.serve();
        byte[] other = fake.file("tokenizer.json").content().clone();
        other[3] = 'X';
        server.on(fake.resolvePath("tokenizer.json"), Response.bytes(other));

        TaskspaceException e = fetchFails(hub(), List.of("tokenizer.json"));

        assertThat(e.getMessage()).contains("tokenizer.json").contains("corrupt")
                .contains("git blob id " + FakeHub.gitBlobId(other) + ", expected " + fake.file("tokenizer.json").blobId());
        assertThat(FakeHub.names(fake.repoFolder(root).resolve("blobs"))).isEmpty();
    }

    @Test
    @DisplayName("a small file of the wrong size is refused before its hash is even checked")
    void wrongSize() {
        fake.serve();
        server.on(fake.resolvePath("tokenizer.json"), Response.bytes("{}".getBytes(StandardCharsets.UTF_8)));

        TaskspaceException e = fetchFails(hub(), List.of("tokenizer.json"));

        assertThat(e.getMessage()).contains("corrupt: 2 bytes, expected " + fake.file("tokenizer.json").content().length);
        assertThat(FakeHub.names(fake.repoFolder(root).resolve("blobs"))).isEmpty();
    }

    @Test
    @DisplayName("an interrupted LFS download keeps blobs/<sha256>.part and the next fetch resumes it with a Range request")
    void resumesAnInterruptedDownload() throws IOException {
        fake.serve();
        FakeHub.FakeFile data = fake.file("onnx/model.onnx_data");
        cdn.on(fake.cdnPath(data.path()), Response.bytes(data.content()).cutAfter(150_000),
                Response.bytes(data.content()).withRanges());
        Path blobs = fake.repoFolder(root).resolve("blobs");
        Path part = blobs.resolve(data.sha256() + ".part");

        TaskspaceException e = fetchFails(hub(), List.of(data.path()));

        assertThat(e.getMessage()).contains("rerun to resume");
        assertThat(FakeHub.names(blobs)).containsExactly(data.sha256() + ".part");
        long kept = Files.size(part);
        assertThat(kept).isPositive().isLessThanOrEqualTo(150_000);
        assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOf(data.content(), (int) kept));

        RecordingReporter reporter = new RecordingReporter();
        Snapshot s = hub().fetch(FakeHub.REPO, "main", List.of(data.path()), reporter);

        List<LoopbackServer.Received> got = cdn.received(fake.cdnPath(data.path()));
        assertThat(got).hasSize(2);
        assertThat(got.get(0).header("Range")).isNull();
        assertThat(got.get(1).header("Range")).isEqualTo("bytes=" + kept + "-");
        assertThat(Files.readAllBytes(s.file(data.path()))).isEqualTo(data.content());
        assertThat(FakeHub.names(blobs)).containsExactly(data.sha256());
        assertThat(reporter.lines).singleElement().asString().isEqualTo("downloading 400.0 kB (1 file) from "
                + fake.endpoint() + "/" + FakeHub.REPO + ", resuming " + Download.size(kept) + " fetched before");
        assertThat(reporter.totals).containsExactly((long) data.content().length);
    }

    @Test
    @DisplayName("with HF_HUB_DISABLE_SYMLINKS=1 the snapshot holds the files themselves, as huggingface_hub does on Windows")
    void withoutSymlinks() throws IOException {
        fake.serve();

        Snapshot s = hub("HF_HUB_DISABLE_SYMLINKS", "1").fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT);

        for (String path : MODEL) {
            assertThat(Files.isSymbolicLink(s.file(path))).as(path).isFalse();
            assertThat(Files.readAllBytes(s.file(path))).as(path).isEqualTo(fake.file(path).content());
        }
        int requests = server.requests() + cdn.requests();
        assertThat(hub("HF_HUB_OFFLINE", "1").fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT)).isEqualTo(s);
        assertThat(hub().fetch(FakeHub.REPO, "main", MODEL, Reporter.SILENT)).isEqualTo(s);
        assertThat(server.requests() + cdn.requests()).isEqualTo(requests + 1); // the listing only
    }

    @Test
    @DisplayName("a file the repository does not have is named in one line, with what it does have, before any download")
    void fileNotInRepository() {
        fake.serve();

        TaskspaceException e = fetchFails(hub(), List.of("tokenizer.json", "onnx/model_fp16.onnx"));

        assertThat(e.getMessage()).isEqualTo("model " + FakeHub.REPO + " (main, commit 0123456) has no onnx/model_fp16.onnx;"
                + " it has onnx/model.onnx, onnx/model.onnx_data, tokenizer.json, README.md");
        assertThat(server.requests()).isEqualTo(1);
        assertThat(cdn.requests()).isZero();
    }

    @Test
    @DisplayName("a revision with slashes is URL-encoded on the wire and stored under refs/ as huggingface_hub does")
    void revisionWithSlashes() throws IOException {
        fake.serve();
        server.on(fake.listingPath("refs/pr/1"), Response.bytes(fake.listingJson().getBytes(StandardCharsets.UTF_8)));

        hub().fetch(FakeHub.REPO, "refs/pr/1", List.of("tokenizer.json"), Reporter.SILENT);

        assertThat(Files.readString(fake.repoFolder(root).resolve("refs/refs/pr/1"))).isEqualTo(FakeHub.COMMIT);
        assertThat(hub("HF_HUB_OFFLINE", "1").cached(FakeHub.REPO, "refs/pr/1", List.of("tokenizer.json"))).isPresent();
    }

    @Test
    @DisplayName("the listing gives sizes, hashes and the commit, and tells which files exist")
    void listing() {
        fake.serve();

        RepoListing listing = hub().list(FakeHub.REPO, "main");

        assertThat(listing.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(listing.contains("onnx/model.onnx_data")).isTrue();
        assertThat(listing.contains("onnx/model_fp16.onnx")).isFalse();
        assertThat(listing.size("onnx/model.onnx_data")).isEqualTo(400_000);
        assertThat(listing.size("onnx/model_fp16.onnx")).isEqualTo(-1);
        RepoFile model = listing.file("onnx/model.onnx").orElseThrow();
        assertThat(model.lfs()).isTrue();
        assertThat(model.etag()).isEqualTo(fake.file("onnx/model.onnx").sha256());
        RepoFile tokenizer = listing.file("tokenizer.json").orElseThrow();
        assertThat(tokenizer.lfs()).isFalse();
        assertThat(tokenizer.etag()).isEqualTo(fake.file("tokenizer.json").blobId());
    }

    @Test
    @DisplayName("paths that would leave the snapshot, and malformed model ids, are refused before any request")
    void refusesBadNames() {
        fake.serve();
        HfHub hub = hub();

        for (String bad : List.of("../x", "onnx/../../x", "/etc/passwd", "a\\b", "a//b", "")) {
            TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                    () -> hub.fetch(FakeHub.REPO, "main", List.of(bad), Reporter.SILENT));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getMessage()).as(bad).contains("is not a file path inside a repository");
        }
        for (String bad : List.of("org/name/extra", "../name", "org--x/name", "org/na me", "org/")) {
            TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                    () -> hub.fetch(bad, "main", List.of("tokenizer.json"), Reporter.SILENT));
            assertThat(e).as(bad).isNotNull();
            assertThat(e.getMessage()).as(bad).contains("is not a Hugging Face model id");
        }
        assertThat(catchThrowableOfType(TaskspaceException.class,
                () -> hub.fetch(FakeHub.REPO, "../main", List.of("tokenizer.json"), Reporter.SILENT)))
                .hasMessageContaining("is not a usable revision");
        assertThat(server.requests()).isZero();
    }

    @Test
    @DisplayName("a listing whose commit is not a 40-digit hash is refused, so it cannot name a folder outside snapshots/")
    void hostileCommit() {
        server.on(fake.listingPath("main"), Response.bytes(
                "{\"sha\": \"../../../../tmp/evil\", \"siblings\": []}".getBytes(StandardCharsets.UTF_8)));

        TaskspaceException e = fetchFails(hub(), List.of("tokenizer.json"));

        assertThat(e.getMessage()).contains("not a model listing").contains("sha");
        assertThat(root).doesNotExist();
    }

    private TaskspaceException fetchFails(HfHub hub, List<String> paths) {
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                () -> hub.fetch(FakeHub.REPO, "main", paths, Reporter.SILENT));
        assertThat(e).as("fetch should fail; hub saw %s; cdn saw %s", server, cdn).isNotNull();
        return e;
    }
}
