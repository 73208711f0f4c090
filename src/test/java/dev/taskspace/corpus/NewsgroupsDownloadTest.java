package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.cli.Cli;
import dev.taskspace.testing.FakeNewsgroups;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** Getting 20 Newsgroups: the download into the cache, the cache itself, local copies, and the CLI on top. */
@Timeout(60)
class NewsgroupsDownloadTest {
    private static final FakeNewsgroups FAKE = FakeNewsgroups.standard();
    private static final byte[] ARCHIVE = FAKE.archiveBytes();
    private static final String SHA = dev.taskspace.internal.Hashing.sha256(ARCHIVE);
    private static final Set<String> BOTH = Set.of("train", "test");

    @TempDir
    Path tmp;

    LoopbackServer server;
    Path cache;
    Path datasets;
    final List<String> notes = new ArrayList<>();
    final Reporter reporter = new Reporter() {
        @Override
        public void info(String line) {
            notes.add(line);
        }

        @Override
        public Progress progress(String label, long total, Unit unit) {
            return Progress.NONE;
        }
    };

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        cache = tmp.resolve("cache");
        datasets = cache.resolve("datasets");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private Newsgroups.Source download(URI url, String sha, boolean offline) {
        return new Newsgroups.Source(null, cache, url, sha, offline);
    }

    private Newsgroups.Source local(Path path) {
        return new Newsgroups.Source(path, cache, LoopbackServer.closedPortUri("/never"), SHA, false);
    }

    private Corpus load(Newsgroups.Source source) {
        return Newsgroups.load(source, Newsgroups.CATEGORIES, BOTH, TextRules.DEMO, reporter);
    }

    private TaskspaceException loadFails(Newsgroups.Source source) {
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> load(source));
        assertThat(e).as("loading should fail; server saw %s", server).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }

    private static List<String> listing(Path dir) throws IOException {
        if (!Files.exists(dir)) return List.of();
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).toList();
        }
    }

    @Nested
    @DisplayName("downloading into the cache")
    class Downloading {
        @Test
        @DisplayName("the first load downloads the archive once into <cache>/datasets and returns every post, cleaned")
        void firstLoadDownloads() throws IOException {
            server.on("/20news", Response.bytes(ARCHIVE));

            Corpus c = load(download(server.uri("/20news"), SHA, false));

            assertThat(server.requests("/20news")).isEqualTo(1);
            assertThat(listing(datasets)).containsExactly(Newsgroups.ARCHIVE_NAME);
            assertThat(Files.readAllBytes(datasets.resolve(Newsgroups.ARCHIVE_NAME))).isEqualTo(ARCHIVE);
            assertThat(c.documents()).extracting(Document::id)
                    .containsExactlyElementsOf(FAKE.posts().stream().map(FakeNewsgroups.Post::id).toList());
            assertThat(c.documents()).extracting(Document::text)
                    .containsExactlyElementsOf(FAKE.posts().stream().map(FakeNewsgroups.Post::cleaned).toList());
            assertThat(c.documents()).extracting(Document::label).contains("sci.med", "talk.religion.misc");
            assertThat(c.provenance()).containsEntry("sha256", SHA);
        }

        @Test
        @DisplayName("a second load uses the cached copy and does not ask the server again")
        void secondLoadUsesCache() {
            server.on("/20news", Response.bytes(ARCHIVE));
            Newsgroups.Source source = download(server.uri("/20news"), SHA, false);

            Corpus first = load(source);
            Corpus second = load(source);

            assertThat(server.requests("/20news")).isEqualTo(1);
            assertThat(second.documents()).isEqualTo(first.documents());
        }

        @Test
        @DisplayName("the cache is used when the expected SHA-256 is written in upper case")
        void upperCaseShaUsesCache() {
            server.on("/20news", Response.bytes(ARCHIVE));
            Newsgroups.Source source = download(server.uri("/20news"), SHA.toUpperCase(Locale.ROOT), false);

            load(source);
            load(source);

            assertThat(server.requests("/20news")).isEqualTo(1);
            assertThat(notes).noneMatch(n -> n.contains("damaged"));
        }

        @Test
        @DisplayName("offline with an empty cache fails with advice naming --newsgroups, without any request")
        void offlineWithEmptyCache() {
            server.on("/20news", Response.bytes(ARCHIVE));

            TaskspaceException e = loadFails(download(server.uri("/20news"), SHA, true));

            assertThat(e.getMessage()).contains("--newsgroups").contains("not in the cache");
            assertThat(server.requests()).isZero();
        }

        @Test
        @DisplayName("an unreachable server fails with one line naming --newsgroups")
        void unreachableServer() throws IOException {
            TaskspaceException e = loadFails(download(LoopbackServer.closedPortUri("/20news"), SHA, false));

            assertThat(e.getMessage()).contains("cannot download 20 Newsgroups").contains("--newsgroups");
            assertThat(listing(datasets)).isEmpty();
        }

        @Test
        @DisplayName("a truncated archive from the server (wrong SHA-256) fails and leaves nothing in the cache, not even a .part")
        void truncatedDownload() throws IOException {
            server.on("/20news", Response.bytes(Arrays.copyOf(ARCHIVE, ARCHIVE.length / 2)));

            TaskspaceException e = loadFails(download(server.uri("/20news"), SHA, false));

            assertThat(e.getMessage()).contains("corrupt").contains(SHA);
            assertThat(listing(datasets)).isEmpty();
        }

        @Test
        @DisplayName("a connection that breaks mid-archive fails naming --newsgroups and leaves nothing in the cache")
        void brokenDownload() throws IOException {
            server.on("/20news", Response.bytes(ARCHIVE).cutAfter(ARCHIVE.length / 2));

            TaskspaceException e = loadFails(download(server.uri("/20news"), SHA, false));

            assertThat(e.getMessage()).contains("--newsgroups");
            assertThat(listing(datasets)).isEmpty();
        }

        @Test
        @DisplayName("a damaged cached archive is detected, deleted and downloaded again")
        void damagedCacheIsReplaced() throws IOException {
            server.on("/20news", Response.bytes(ARCHIVE));
            Newsgroups.Source source = download(server.uri("/20news"), SHA, false);
            Corpus first = load(source);
            Path cached = datasets.resolve(Newsgroups.ARCHIVE_NAME);
            Files.write(cached, "garbage, not an archive".getBytes(StandardCharsets.US_ASCII));

            Corpus second = load(source);

            assertThat(server.requests("/20news")).isEqualTo(2);
            assertThat(notes).anyMatch(n -> n.contains("damaged") && n.contains(cached.toString()));
            assertThat(Files.readAllBytes(cached)).isEqualTo(ARCHIVE);
            assertThat(second.documents()).isEqualTo(first.documents());
        }

        @Test
        @DisplayName("a damaged cached archive is deleted even when it cannot be replaced (offline)")
        void damagedCacheOffline() throws IOException {
            Files.createDirectories(datasets);
            Files.write(datasets.resolve(Newsgroups.ARCHIVE_NAME), Arrays.copyOf(ARCHIVE, ARCHIVE.length / 2));

            TaskspaceException e = loadFails(download(server.uri("/20news"), SHA, true));

            assertThat(e.getMessage()).contains("--newsgroups");
            assertThat(notes).anyMatch(n -> n.contains("damaged"));
            assertThat(listing(datasets)).isEmpty();
            assertThat(server.requests()).isZero();
        }
    }

    @Nested
    @DisplayName("a local copy")
    class LocalCopy {
        @Test
        @DisplayName("an archive missing a category fails naming the category, even when that category is not asked for")
        void missingCategory() {
            Path archive = FAKE.withoutCategory("sci.med").writeArchive(tmp);

            TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> Newsgroups.load(local(archive),
                    List.of("alt.atheism"), BOTH, TextRules.DEMO, reporter));

            assertThat(e).isNotNull();
            assertThat(e.getMessage()).contains("sci.med").contains("20news-bydate-train/").contains(archive.toString());
        }

        @Test
        @DisplayName("an archive without the test split fails naming 20news-bydate-test/")
        void missingTestSplit() {
            Path archive = FAKE.withoutSplit("test").writeArchive(tmp);

            TaskspaceException e = loadFails(local(archive));

            assertThat(e.getMessage()).contains("20news-bydate-test/").contains(archive.toString());
        }

        @Test
        @DisplayName("an archive cut in half fails saying it is truncated or corrupt")
        void truncatedArchive() {
            Path archive = FakeNewsgroups.truncateInHalf(FAKE.writeArchive(tmp));

            TaskspaceException e = loadFails(local(archive));

            assertThat(e.getMessage()).contains("truncated or corrupt").contains(archive.toString())
                    .doesNotContain("(null)");
        }

        @Test
        @DisplayName("a missing path fails naming --newsgroups")
        void missingPath() {
            TaskspaceException e = loadFails(local(tmp.resolve("nope.tar.gz")));

            assertThat(e.getMessage()).contains("--newsgroups").contains("nope.tar.gz");
        }

        @Test
        @DisplayName("the unpacked folder and the plain .tar give the same documents as the .tar.gz")
        void folderTarAndArchiveAgree() {
            Corpus fromArchive = load(local(FAKE.writeArchive(tmp.resolve("a"))));
            Corpus fromFolder = load(local(FAKE.writeFolder(tmp.resolve("f"))));
            Corpus fromTar = load(local(FAKE.writeTar(tmp.resolve("t"))));

            assertThat(fromArchive.documents()).hasSize(FAKE.posts().size());
            assertThat(fromFolder.documents()).isEqualTo(fromArchive.documents());
            assertThat(fromTar.documents()).isEqualTo(fromArchive.documents());
            assertThat(server.requests()).isZero();
        }
    }

    @Nested
    @DisplayName("through the command line")
    class CommandLine {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();

        int run(Map<String, String> env, String... args) {
            return Cli.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                    new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        }

        @Test
        @DisplayName("corpus --offline with an empty cache exits 1 with one error line naming --newsgroups, no stack trace")
        void offlineEmptyCache() {
            Path dir = tmp.resolve("project");

            int code = run(Map.of("TASKSPACE_CACHE", cache.toString(), "TASKSPACE_NEWSGROUPS_URL",
                    server.uri("/20news").toString()), "corpus", "--offline", "--out", dir.toString());

            String stderr = err.toString(StandardCharsets.UTF_8);
            assertThat(code).isEqualTo(1);
            assertThat(stderr.lines().toList()).hasSize(1);
            assertThat(stderr).startsWith("taskspace: error:").contains("--newsgroups")
                    .doesNotContain("Exception").doesNotContain("\tat ");
            assertThat(dir.resolve("corpus.jsonl")).doesNotExist();
            assertThat(server.requests()).isZero();
        }

        @Test
        @DisplayName("corpus with --newsgroups-url and --newsgroups-sha256 downloads from the mirror and writes corpus.jsonl")
        void mirrorFlags() throws IOException {
            server.on("/mirror/20news.tar.gz", Response.bytes(ARCHIVE));
            Path dir = tmp.resolve("project");

            int code = run(Map.of("TASKSPACE_CACHE", cache.toString()), "corpus", "--quiet",
                    "--newsgroups-url", server.uri("/mirror/20news.tar.gz").toString(),
                    "--newsgroups-sha256", SHA.toUpperCase(Locale.ROOT), "--per-label", "2", "--out", dir.toString());

            assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(server.requests("/mirror/20news.tar.gz")).isEqualTo(1);
            assertThat(Files.readAllLines(dir.resolve("corpus.jsonl"))).hasSize(2 * Newsgroups.DEMO_CATEGORIES.size());
            assertThat(datasets.resolve(Newsgroups.ARCHIVE_NAME)).exists();
        }

        @Test
        @DisplayName("corpus takes the mirror from TASKSPACE_NEWSGROUPS_URL, and later runs work --offline from the cache")
        void mirrorFromEnvironmentThenOffline() throws IOException {
            server.on("/20news", Response.bytes(ARCHIVE));
            Map<String, String> env = Map.of("TASKSPACE_CACHE", cache.toString(),
                    "TASKSPACE_NEWSGROUPS_URL", server.uri("/20news").toString());

            int first = run(env, "corpus", "-q", "--newsgroups-sha256", SHA, "--per-label", "2",
                    "--out", tmp.resolve("one").toString());
            int second = run(env, "corpus", "-q", "--offline", "--newsgroups-sha256", SHA, "--per-label", "2",
                    "--out", tmp.resolve("two").toString());

            assertThat(first).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(second).as(err.toString(StandardCharsets.UTF_8)).isZero();
            assertThat(server.requests("/20news")).isEqualTo(1);
            assertThat(Files.readAllLines(tmp.resolve("two/corpus.jsonl")))
                    .isEqualTo(Files.readAllLines(tmp.resolve("one/corpus.jsonl")));
        }
    }
}
