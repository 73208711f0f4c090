package dev.taskspace.imported;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.Hashing;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The original demo's data.json: downloaded once into the cache from a loopback server, verified, and the offline message. */
@Timeout(60)
class OriginalDemoDownloadTest {
    private static final byte[] FILE = ("[\n" + String.join(",\n",
            "{\"text\": \"a <b>post</b>\", \"category\": \"sci.med\", \"default_x\": 1.5, \"default_y\": 2, \"sentiment_x\": 0, \"sentiment_y\": 1}",
            "{\"text\": \"another\", \"category\": \"sci.space\", \"default_x\": 2.5, \"default_y\": 1, \"sentiment_x\": 1, \"sentiment_y\": 0}",
            "{\"text\": \"a third\", \"category\": \"sci.med\", \"default_x\": 0.5, \"default_y\": 0, \"sentiment_x\": 2, \"sentiment_y\": 2}")
            + "\n]\n").getBytes(StandardCharsets.UTF_8);
    private static final String SHA = Hashing.sha256(FILE);

    @TempDir
    Path tmp;

    LoopbackServer server;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    private OriginalDemo.Source source(String sha, boolean offline) {
        return new OriginalDemo.Source(null, tmp.resolve("cache"), server.uri("/data.json"), sha, offline);
    }

    @Test
    void theFileIsDownloadedOnceVerifiedAndThenReadFromTheCache() throws IOException {
        server.on("/data.json", Response.bytes(FILE));
        OriginalDemo.Source s = source(SHA, false);
        assertThat(OriginalDemo.atHand(s)).isFalse();
        Path first = OriginalDemo.locate(s, Reporter.SILENT);
        assertThat(first).isEqualTo(s.cached());
        assertThat(Files.readAllBytes(first)).isEqualTo(FILE);
        assertThat(OriginalDemo.atHand(s)).isTrue();
        assertThat(OriginalDemo.locate(s, Reporter.SILENT)).isEqualTo(first);
        assertThat(server.requests("/data.json")).isEqualTo(1);

        ImportedMaps m = OriginalDemo.read(first);
        assertThat(m.tasks()).containsExactly("default", "sentiment");
        assertThat(m.model()).isEqualTo("Qwen3-Embedding-0.6B");
        assertThat(String.valueOf(m.provenance().get("prompt"))).contains("Query: {text}").contains("a space after");
        assertThat(String.valueOf(m.provenance().get("vectors"))).contains("none published");
        assertThat(m.documents().get(0).text()).isEqualTo("a <b>post</b>");
    }

    @Test
    void aDownloadWithAnotherChecksumIsRefusedAndNothingIsKept() {
        server.on("/data.json", Response.bytes("[{\"text\": \"tampered\"}]".getBytes(StandardCharsets.UTF_8)));
        OriginalDemo.Source s = source(SHA, false);
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> OriginalDemo.locate(s, Reporter.SILENT));
        assertThat(e.getMessage()).contains("cannot download the original demo's data").contains("--original FILE")
                .doesNotContain("\n");
        assertThat(s.cached()).doesNotExist();
    }

    @Test
    void offlineWithoutACachedCopySaysHowToGiveOne() {
        OriginalDemo.Source s = source(SHA, true);
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> OriginalDemo.locate(s, Reporter.SILENT));
        assertThat(e.getMessage()).contains("not in the cache").contains("downloads are off").contains("--original FILE")
                .contains(OriginalDemo.ENV_PATH).doesNotContain("\n");
        assertThat(server.requests()).isZero();
    }

    @Test
    void anUnreachableServerGivesOneLineWithTheWayOut() {
        OriginalDemo.Source s = new OriginalDemo.Source(null, tmp.resolve("cache"), LoopbackServer.closedPortUri("/data.json"), SHA, false);
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> OriginalDemo.locate(s, Reporter.SILENT));
        assertThat(e.getMessage()).contains("cannot download the original demo's data").contains(OriginalDemo.ENV_PATH)
                .doesNotContain("\n");
    }

    @Test
    void aDamagedCachedCopyIsReplaced() throws IOException {
        server.on("/data.json", Response.bytes(FILE));
        OriginalDemo.Source s = source(SHA, false);
        Files.createDirectories(s.cached().getParent());
        Files.write(s.cached(), new byte[] {'[', '{'});
        assertThat(OriginalDemo.atHand(s)).isFalse();
        assertThat(Files.readAllBytes(OriginalDemo.locate(s, Reporter.SILENT))).isEqualTo(FILE);
        assertThat(server.requests("/data.json")).isEqualTo(1);
    }

    @Test
    void aLocalCopyIsUsedAsItIsAndAMissingOneIsNamed() throws IOException {
        Path local = tmp.resolve("mine.json");
        Files.write(local, FILE);
        assertThat(OriginalDemo.locate(source(SHA, true).withLocal(local), Reporter.SILENT)).isEqualTo(local);
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                () -> OriginalDemo.locate(source(SHA, true).withLocal(tmp.resolve("none.json")), Reporter.SILENT));
        assertThat(e.getMessage()).contains("none.json").contains("does not exist");
    }
}
