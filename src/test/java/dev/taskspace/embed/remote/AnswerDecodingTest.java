package dev.taskspace.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.taskspace.Reporter;
import dev.taskspace.embed.Tasks;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * What the client makes of answers it cannot use, from a real loopback server: every one is a
 * one-line {@link ApiException} naming the server and the vector, sent once (retrying would get
 * the same), and an endless body costs a bounded number of bytes.
 */
@Timeout(60)
class AnswerDecodingTest {
    final LoopbackServer server = LoopbackServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private static RemoteEmbedder open(URI base, int dims) {
        return RemoteEmbedder.open(RemoteEmbedder.Options.DEFAULT.withServer(base, "Qwen/Qwen3-Embedding-0.6B").withDimensions(dims)
                .withRetries(Duration.ofSeconds(5), 3, Duration.ofMillis(20)), ApiKey.NONE);
    }

    private static String base64(float... v) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        return Base64.getEncoder().encodeToString(b.array());
    }

    /** The error a one-text embed call ends with when the server answers {@code embedding} for it. */
    private Throwable errorFor(String embedding, int dims) {
        server.on("/v1/embeddings", Response.bytes(("{\"data\":[{\"index\":0,\"embedding\":" + embedding + "}]}")
                .getBytes(StandardCharsets.UTF_8)));
        try (RemoteEmbedder e = open(server.uri("/v1"), dims)) {
            return org.assertj.core.api.Assertions.catchThrowable(() -> e.embed(List.of("a text"), Tasks.DEMO.get(1), Reporter.SILENT));
        }
    }

    @Test
    void base64ThatDoesNotDecodeIsAnApiErrorNamingTheVector() {
        assertThat(errorFor("\"AAAA@@@=\"", 0)).isInstanceOf(ApiException.class)
                .hasMessageStartingWith("the server at " + server.uri("/v1/embeddings") + " sent unusable embeddings: "
                        + "vector 0 is not valid base64 (Illegal character '@' (code 0x40) in base64 content)")
                .hasMessageNotContaining("\n");
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void base64OfAPartialFloatIsRefusedNotCutToAnAllZeroVector() {
        assertThat(errorFor("\"AAAAAAA=\"", 0)) // five bytes
                .isInstanceOf(ApiException.class)
                .hasMessageEndingWith("sent unusable embeddings: vector 0 decodes to 5 bytes, not a whole number of 4-byte floats");
    }

    @Test
    void aBase64VectorOfTheWrongLengthIsNamedWithBothLengths() {
        float[] v = new float[768];
        Arrays.fill(v, 0.5f);
        assertThat(errorFor("\"" + base64(v) + "\"", 0)).isInstanceOf(ApiException.class)
                .hasMessageContaining("sent a 768-dimension vector; Qwen/Qwen3-Embedding-0.6B gives 1024");
        assertThat(errorFor("\"" + base64(1, 2, 3) + "\"", 16)).isInstanceOf(ApiException.class)
                .hasMessageContaining("for 16 dimensions, it sent 3");
    }

    @Test
    void aGoodBase64AnswerIsReadExactly() {
        float[] raw = {3, 0, 4, 0};
        server.on("/v1/embeddings", Response.bytes(("{\"data\":[{\"index\":0,\"embedding\":\"" + base64(raw) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8)));
        try (RemoteEmbedder e = open(server.uri("/v1"), 4)) {
            assertThat(e.embed(List.of("a text"), Tasks.DEMO.get(1), Reporter.SILENT).vectors()[0]).containsExactly(0.6f, 0, 0.8f, 0);
        }
    }

    @Test
    void anEndlessChunkedBodyIsCutAtTheCapAndEndsTheRunWithOneLine() throws IOException {
        AtomicLong written = new AtomicLong();
        HttpServer endless = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        endless.setExecutor(Executors.newCachedThreadPool());
        endless.createContext("/v1/embeddings", ex -> {
            ex.getRequestBody().readAllBytes();
            ex.sendResponseHeaders(200, 0); // chunked, no length
            byte[] chunk = "0.123456789,".repeat(1000).getBytes(StandardCharsets.US_ASCII);
            try (OutputStream out = ex.getResponseBody()) {
                out.write("{\"data\":[{\"index\":0,\"embedding\":[".getBytes(StandardCharsets.US_ASCII));
                while (written.get() < 4_000_000_000L) { // the client hangs up long before (else the test fails)
                    out.write(chunk);
                    written.addAndGet(chunk.length);
                }
            }
        });
        endless.start();
        long cap = EmbeddingsClient.bodyCap(1, 16);
        try (RemoteEmbedder e = open(URI.create("http://127.0.0.1:" + endless.getAddress().getPort() + "/v1"), 16)) {
            assertThatThrownBy(() -> e.embed(List.of("a text"), Tasks.DEMO.get(1), Reporter.SILENT))
                    .isInstanceOfSatisfying(ApiException.class, x -> assertThat(x.status()).isEqualTo(200))
                    .hasMessageContaining("sent more than " + cap / 1_000_000 + " MB for 1 texts")
                    .hasMessageContaining("not retried").hasMessageNotContaining("\n");
        } finally {
            endless.stop(0);
            ((java.util.concurrent.ExecutorService) endless.getExecutor()).shutdownNow();
        }
        // What the server got out before the client hung up: the cap plus socket buffers, not gigabytes.
        assertThat(written.get()).isGreaterThan(cap - 100_000).isLessThan(cap + 32_000_000);
    }
}
