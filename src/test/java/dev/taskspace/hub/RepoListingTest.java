package dev.taskspace.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading the hub's {@code ?blobs=true} listing: what is kept, what counts as absent, what is refused. */
class RepoListingTest {
    private static final String SHA256 = "c64c5ac7d832091e510e591f5023452ee7171bf1e5555c1524f231a7467985c9";
    private static final String BLOB = "92bdb0aff34a95a7c00546c3d608c984294164ed";

    @TempDir
    Path tmp;

    private static RepoListing parse(String json) throws IOException {
        return RepoListing.parse("org/name", json.replace('\'', '"').getBytes(StandardCharsets.UTF_8));
    }

    @Test
    @DisplayName("an answer shaped like huggingface.co's, with unknown fields, gives files with sizes and hashes")
    void realisticAnswer() throws IOException {
        RepoListing l = parse("{'_id': 'x', 'id': 'org/name', 'sha': '0123456789ABCDEF0123456789abcdef01234567',"
                + " 'lastModified': '2025-06-06T00:00:00.000Z', 'tags': ['onnx'], 'cardData': {'license': 'apache-2.0'},"
                + " 'siblings': ["
                + "  {'rfilename': 'onnx/model.onnx', 'blobId': 'aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa', 'size': 150000,"
                + "   'lfs': {'sha256': '" + SHA256.toUpperCase() + "', 'size': 150000, 'pointerSize': 134}},"
                + "  {'rfilename': 'tokenizer.json', 'blobId': '" + BLOB + "', 'size': 19},"
                + "  {'rfilename': 'config.json', 'blobId': 'not-a-hash'},"
                + "  {'rfilename': 'weights.bin', 'lfs': {'sha256': 'short', 'size': 7}},"
                + "  {'no-name': true}"
                + " ], 'spaces': []}");

        assertThat(l.commit()).isEqualTo("0123456789abcdef0123456789abcdef01234567");
        assertThat(l.paths()).containsExactly("onnx/model.onnx", "tokenizer.json", "config.json", "weights.bin");
        assertThat(l.file("onnx/model.onnx")).contains(new RepoFile("onnx/model.onnx", 150000,
                "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa", SHA256));
        assertThat(l.file("tokenizer.json").orElseThrow().etag()).isEqualTo(BLOB);
        assertThat(l.file("config.json").orElseThrow()).isEqualTo(new RepoFile("config.json", -1, null, null));
        assertThat(l.file("weights.bin").orElseThrow()).isEqualTo(new RepoFile("weights.bin", 7, null, null));
        assertThat(l.size("weights.bin")).isEqualTo(7);
        assertThat(l.contains("onnx")).isFalse();
    }

    @Test
    @DisplayName("no commit hash, no siblings array, or not JSON at all: refused")
    void malformed() {
        assertThatThrownBy(() -> parse("{'siblings': []}")).isInstanceOf(IOException.class).hasMessageContaining("sha");
        assertThatThrownBy(() -> parse("{'sha': '../x', 'siblings': []}")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("{'sha': '0123456789abcdef0123456789abcdef01234567'}"))
                .isInstanceOf(IOException.class).hasMessageContaining("siblings");
        assertThatThrownBy(() -> parse("[1, 2]")).isInstanceOf(IOException.class);
        assertThatThrownBy(() -> parse("<html>")).isInstanceOf(IOException.class);
    }

    @Test
    @DisplayName("a listed file without any usable hash is not fetched: it could be neither verified nor named in the cache")
    void fileWithoutHash() {
        try (LoopbackServer server = LoopbackServer.start()) {
            server.on("/api/models/org/name/revision/main", Response.bytes(("{\"sha\": \"0123456789abcdef0123456789abcdef01234567\","
                    + " \"siblings\": [{\"rfilename\": \"config.json\", \"size\": 2}]}").getBytes(StandardCharsets.UTF_8)));
            String endpoint = server.uri("/").toString().replaceAll("/$", "");
            HfHub hub = HfHub.fromEnvironment(java.util.Map.of("HF_ENDPOINT", endpoint, "HF_HOME", tmp.toString()),
                    tmp.toString());

            TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                    () -> hub.fetch("org/name", "main", List.of("config.json"), Reporter.SILENT));

            assertThat(e).hasMessage("the listing of model org/name from " + endpoint
                    + " gives no hash for config.json, so it cannot be verified or cached");
            assertThat(server.requests()).isEqualTo(1);
        }
    }
}
