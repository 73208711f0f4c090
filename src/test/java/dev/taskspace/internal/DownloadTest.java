package dev.taskspace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.internal.Download.DownloadException;
import dev.taskspace.internal.Download.Failure;
import dev.taskspace.internal.Download.Request;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@Timeout(30) // a download that hangs fails the test instead of the build
class DownloadTest {
    private static final byte[] DATA = randomBytes(300_000); // several network reads
    private static final String SHA = Hashing.sha256(DATA);

    @TempDir
    Path tmp;

    LoopbackServer server;
    Path target;
    Path part;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        target = tmp.resolve("sub/folder/file.bin");
        part = tmp.resolve("sub/folder/file.bin.part");
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    @DisplayName("a download with the right SHA-256 ends as the target file, with the served bytes and no .part left")
    void successfulDownload() throws IOException {
        server.on("/file", Response.bytes(DATA));

        Path result = Download.fetch(new Request(server.uri("/file"), target, SHA), "file.bin", Reporter.SILENT);

        assertThat(result).isEqualTo(target.toAbsolutePath());
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(part).doesNotExist();
        assertThat(server.requests("/file")).isEqualTo(1);
    }

    @Test
    @DisplayName("bytes with the wrong SHA-256 fail as CHECKSUM and leave neither the target nor a .part")
    void checksumMismatch() {
        byte[] other = DATA.clone();
        other[1234] ^= 1;
        server.on("/file", Response.bytes(other));

        DownloadException e = fetchFails(new Request(server.uri("/file"), target, SHA));

        assertThat(e.failure()).isEqualTo(Failure.CHECKSUM);
        assertThat(e.getMessage()).contains(SHA).contains(Hashing.sha256(other));
        assertThat(target).doesNotExist();
        assertThat(part).doesNotExist();
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {404, 500, 403})
    @DisplayName("an error status fails as HTTP_STATUS, carrying the status, and leaves nothing behind")
    void errorStatus(int status) {
        server.on("/file", Response.status(status));

        DownloadException e = fetchFails(new Request(server.uri("/file"), target, SHA));

        assertThat(e.failure()).isEqualTo(Failure.HTTP_STATUS);
        assertThat(e.status()).isEqualTo(status);
        assertThat(e.getMessage()).contains("HTTP " + status).doesNotContain("\n");
        assertThat(target).doesNotExist();
        assertThat(part).doesNotExist();
    }

    @Test
    @DisplayName("a port where nothing listens fails as UNREACHABLE")
    void closedPort() {
        URI nowhere = LoopbackServer.closedPortUri("/file");

        DownloadException e = fetchFails(new Request(nowhere, target, SHA));

        assertThat(e.failure()).isEqualTo(Failure.UNREACHABLE);
        assertThat(e.status()).isZero();
        assertThat(e.getMessage()).contains("127.0.0.1").doesNotContain("\n");
        assertThat(target).doesNotExist();
    }

    @Test
    @DisplayName("a connection that breaks after half the announced length fails as INTERRUPTED and keeps nothing")
    void brokenConnectionNotResumable() {
        server.on("/file", Response.bytes(DATA).cutAfter(DATA.length / 2));

        DownloadException e = fetchFails(new Request(server.uri("/file"), target, SHA, false, Map.of()));

        assertThat(e.failure()).isEqualTo(Failure.INTERRUPTED);
        assertThat(e.getMessage()).contains("nothing was kept");
        assertThat(target).doesNotExist();
        assertThat(part).doesNotExist();
    }

    @Test
    @DisplayName("a server that closes once its announced length is a lie fails as INTERRUPTED")
    void contentLengthLie() {
        server.on("/file", Response.bytes(DATA).withContentLength(DATA.length + 1000));

        DownloadException e = fetchFails(new Request(server.uri("/file"), target, null, false, Map.of()));

        assertThat(e.failure()).isEqualTo(Failure.INTERRUPTED);
        assertThat(target).doesNotExist();
        assertThat(part).doesNotExist();
    }

    @Test
    @DisplayName("a resumable download keeps its .part after a break and the next fetch asks for the rest with Range")
    void resumeWithRange() throws IOException {
        server.on("/file", Response.bytes(DATA).cutAfter(DATA.length / 2), Response.bytes(DATA).withRanges());
        Request request = new Request(server.uri("/file"), target, SHA, true, Map.of());

        DownloadException e = fetchFails(request);
        assertThat(e.failure()).isEqualTo(Failure.INTERRUPTED);
        assertThat(e.getMessage()).contains("rerun to resume");
        assertThat(target).doesNotExist();
        assertThat(part).exists();
        long kept = Files.size(part);
        assertThat(kept).isPositive().isLessThanOrEqualTo(DATA.length / 2);
        assertThat(Files.readAllBytes(part)).isEqualTo(Arrays.copyOf(DATA, (int) kept));

        RecordingReporter reporter = new RecordingReporter();
        Download.fetch(request, "file.bin", reporter);

        List<LoopbackServer.Received> got = server.received("/file");
        assertThat(got).hasSize(2);
        assertThat(got.get(0).header("Range")).isNull();
        assertThat(got.get(1).header("Range")).isEqualTo("bytes=" + kept + "-");
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(part).doesNotExist();
        assertThat(reporter.totals).containsExactly((long) DATA.length);
        assertThat(reporter.position).isEqualTo(DATA.length);
    }

    @Test
    @DisplayName("a server that ignores Range and answers 200 still yields exactly the file, not the old part plus the file")
    void serverIgnoresRange() throws IOException {
        server.on("/file", Response.bytes(DATA));
        Files.createDirectories(part.getParent());
        Files.write(part, "stale bytes from some earlier attempt".getBytes(StandardCharsets.US_ASCII));

        Download.fetch(new Request(server.uri("/file"), target, SHA, true, Map.of()), "file.bin", Reporter.SILENT);

        assertThat(server.received("/file").get(0).header("Range")).isEqualTo("bytes=37-");
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(part).doesNotExist();
    }

    @Test
    @DisplayName("a .part that is already whole is verified and kept when the server has nothing left to send (416)")
    void completePartAndRangeNotSatisfiable() throws IOException {
        server.on("/file", Response.bytes(DATA).withRanges());
        Files.createDirectories(part.getParent());
        Files.write(part, DATA);

        Download.fetch(new Request(server.uri("/file"), target, SHA, true, Map.of()), "file.bin", Reporter.SILENT);

        assertThat(server.received("/file").get(0).header("Range")).isEqualTo("bytes=" + DATA.length + "-");
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(part).doesNotExist();
    }

    @Test
    @DisplayName("a non-resumable download ignores an old .part: no Range is sent and the old bytes are gone")
    void nonResumableStartsOver() throws IOException {
        server.on("/file", Response.bytes(DATA).withRanges());
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(DATA, 1000));

        Download.fetch(new Request(server.uri("/file"), target, SHA), "file.bin", Reporter.SILENT);

        assertThat(server.received("/file").get(0).header("Range")).isNull();
        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
    }

    @Test
    @DisplayName("a 302 to another path is followed")
    void followsRedirects() throws IOException {
        server.on("/old", Response.redirect(server.uri("/new")));
        server.on("/new", Response.bytes(DATA));

        Download.fetch(new Request(server.uri("/old"), target, SHA), "file.bin", Reporter.SILENT);

        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(server.requests("/old")).isEqualTo(1);
        assertThat(server.requests("/new")).isEqualTo(1);
    }

    @Test
    @DisplayName("a server that is slow to answer is waited for")
    void slowServer() throws IOException {
        server.on("/file", Response.bytes(DATA).after(java.time.Duration.ofMillis(500)));

        Download.fetch(new Request(server.uri("/file"), target, SHA), "file.bin", Reporter.SILENT);

        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
    }

    @Test
    @DisplayName("the request's extra headers reach the server, and a failure's message does not reveal them")
    void requestHeaders() throws IOException {
        Map<String, String> headers = Map.of("Authorization", "Bearer s3cret-token", "X-Taskspace-Test", "yes");
        server.on("/file", Response.bytes(DATA), Response.status(403));
        Request request = new Request(server.uri("/file"), target, SHA, false, headers);

        Download.fetch(request, "file.bin", Reporter.SILENT);
        DownloadException e = fetchFails(request);

        for (LoopbackServer.Received r : server.received("/file")) {
            assertThat(r.header("Authorization")).isEqualTo("Bearer s3cret-token");
            assertThat(r.header("X-Taskspace-Test")).isEqualTo("yes");
        }
        assertThat(e.status()).isEqualTo(403);
        assertThat(e.getMessage()).doesNotContain("s3cret");
    }

    @Test
    @DisplayName("the progress reporter gets one bar, labelled, sized and stepped to the file's length, then closed")
    void reportsProgress() throws IOException {
        server.on("/file", Response.bytes(DATA));
        RecordingReporter reporter = new RecordingReporter();

        Download.fetch(new Request(server.uri("/file"), target, SHA), "the label", reporter);

        assertThat(reporter.labels).containsExactly("the label");
        assertThat(reporter.totals).containsExactly((long) DATA.length);
        assertThat(reporter.units).containsExactly(Reporter.Unit.BYTES);
        assertThat(reporter.stepped).isEqualTo(DATA.length);
        assertThat(reporter.position).isEqualTo(DATA.length);
        assertThat(reporter.closed).isTrue();
    }

    @Test
    @DisplayName("a server that stops sending mid-file fails as INTERRUPTED after the idle timeout, not when it resumes")
    void stalledBody() {
        server.on("/file", Response.bytes(DATA).pauseAfter(100_000, java.time.Duration.ofSeconds(20)));

        DownloadException e = fetchFails(new Request(server.uri("/file"), target, SHA)
                .withIdleTimeout(java.time.Duration.ofMillis(500)));

        assertThat(e.failure()).isEqualTo(Failure.INTERRUPTED);
        assertThat(e.getMessage()).contains("no data for 0.500 s").contains("nothing was kept");
        assertThat(target).doesNotExist();
        assertThat(part).doesNotExist();
    }

    @Test
    @DisplayName("a server that does not answer within the idle timeout fails as INTERRUPTED")
    void noAnswer() {
        server.on("/file", Response.bytes(DATA).after(java.time.Duration.ofSeconds(20)));

        DownloadException e = fetchFails(new Request(server.uri("/file"), target, SHA)
                .withIdleTimeout(java.time.Duration.ofMillis(500)));

        assertThat(e.failure()).isEqualTo(Failure.INTERRUPTED);
        assertThat(e.getMessage()).contains("no answer within");
    }

    @Test
    @DisplayName("a 206 whose range does not continue the .part makes the download start over from the first byte")
    void mismatchedRangeStartsOver() throws IOException {
        Files.createDirectories(part.getParent());
        Files.write(part, Arrays.copyOf(DATA, 1000));
        server.on("/file", Response.partial(Arrays.copyOfRange(DATA, 5, DATA.length), "bytes 5-299999/300000"),
                Response.bytes(DATA));

        Download.fetch(new Request(server.uri("/file"), target, SHA, true, Map.of()), "file.bin", Reporter.SILENT);

        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(server.received("/file")).extracting(r -> r.header("Range")).containsExactly("bytes=1000-", null);
    }

    @Test
    @DisplayName("without a checksum, a .part that the server calls complete (416) is fetched again rather than trusted")
    void unverifiablePartIsFetchedAgain() throws IOException {
        Files.createDirectories(part.getParent());
        Files.write(part, "stale bytes that are not the file".getBytes(StandardCharsets.UTF_8));
        server.on("/file", Response.status(416), Response.bytes(DATA));

        Download.fetch(new Request(server.uri("/file"), target, null, true, Map.of()), "file.bin", Reporter.SILENT);

        assertThat(Files.readAllBytes(target)).isEqualTo(DATA);
        assertThat(server.requests("/file")).isEqualTo(2);
    }

    private DownloadException fetchFails(Request request) {
        DownloadException e = catchThrowableOfType(DownloadException.class,
                () -> Download.fetch(request, "file.bin", Reporter.SILENT));
        assertThat(e).as("fetch should fail; server saw %s", server).isNotNull();
        return e;
    }

    private static byte[] randomBytes(int n) {
        byte[] b = new byte[n];
        new Random(7).nextBytes(b);
        return b;
    }

    /** Records what a download reports. */
    static final class RecordingReporter implements Reporter {
        final List<String> infos = new ArrayList<>();
        final List<String> labels = new ArrayList<>();
        final List<Long> totals = new ArrayList<>();
        final List<Unit> units = new ArrayList<>();
        long stepped; // the sum of stepBy
        long position; // stepTo and stepBy applied in order
        boolean closed;

        @Override
        public void info(String line) {
            infos.add(line);
        }

        @Override
        public Progress progress(String label, long total, Unit unit) {
            labels.add(label);
            totals.add(total);
            units.add(unit);
            return new Progress() {
                @Override
                public void stepBy(long n) {
                    stepped += n;
                    position += n;
                }

                @Override
                public void stepTo(long n) {
                    position = n;
                }

                @Override
                public void message(String text) {}

                @Override
                public void close() {
                    closed = true;
                }
            };
        }
    }
}
