package dev.taskspace.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import dev.taskspace.embed.remote.FakeEmbeddingsServer.Fault;
import dev.taskspace.testing.LoopbackServer;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The remote client against a real HTTP server on loopback that misbehaves in every way it can. */
@Timeout(120)
class RemoteEmbedderTest {
    static final String KEY = "sk-test-Zq7Xw3Vb9Rt5Yp1Lm8Nc";
    final FakeEmbeddingsServer server = FakeEmbeddingsServer.start();
    final Task topic = Tasks.DEMO.get(1);

    @AfterEach
    void stop() {
        server.close();
    }

    private RemoteEmbedder.Options options() {
        return RemoteEmbedder.Options.DEFAULT.withServer(server.base(), "Qwen/Qwen3-Embedding-0.6B")
                .withRetries(Duration.ofMillis(500), 20, Duration.ofMillis(20));
    }

    private static List<String> texts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "post " + i + " about " + (i % 7 == 0 ? "space" : "cars") + " ".repeat(i % 3)).toList();
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "HTTP {0}")
    @org.junit.jupiter.params.provider.ValueSource(ints = {422, 400})
    void teiAndSiliconFlowBatchLimitAnswersSplitTheBatch(int status) {
        server.key = KEY;
        server.batchCap = 10;
        server.batchCapStatus = status; // 422 as TEI answers, 400 as SiliconFlow does
        List<String> texts = texts(100);
        Embedder.Result r;
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withDimensions(16).withLimits(32, 4, 200, 0), ApiKey.of(KEY, "a test"))) {
            r = e.embed(texts, topic, Reporter.SILENT, (idx, vs) -> {});
        }
        for (int i = 0; i < texts.size(); i++) {
            String prompt = "Instruct: Identify the topic or theme of the given text\nQuery:" + texts.get(i);
            assertThat(r.vectors()[i]).as("text %d", i).containsExactly(server.expected(prompt, 16));
        }
        assertThat(server.tooLarge()).isPositive();
        assertThat(server.served()).hasSize(100).allSatisfy((text, times) -> assertThat(times).as(text).isEqualTo(1));
    }

    @Test
    void fiveThousandTextsComeBackCompleteOnceAndInOrderThroughEveryFault() {
        server.key = KEY;
        server.batchCap = 24; // the client's 32 get 413 and are split
        server.ratePerSecond = 100; // the client asks for more: 429 with Retry-After: 1
        server.script(Fault.TOO_MANY, Fault.ERROR_500, Fault.UNAVAILABLE_503, Fault.SLOW, Fault.RESET).randomFaults(0.05);
        List<String> texts = texts(5000);
        AtomicIntegerArray delivered = new AtomicIntegerArray(texts.size());
        Embedder.Result r;
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withDimensions(32).withLimits(32, 10, 200, 0), ApiKey.of(KEY, "a test"))) {
            r = e.embed(texts, topic, Reporter.SILENT, (idx, vs) -> {
                for (int i : idx) delivered.incrementAndGet(i);
            });
        }
        assertThat(r.vectors().length).isEqualTo(5000);
        for (int i = 0; i < texts.size(); i++) {
            String prompt = "Instruct: Identify the topic or theme of the given text\nQuery:" + texts.get(i);
            assertThat(r.vectors()[i]).as("text %d", i).containsExactly(server.expected(prompt, 32));
            assertThat(delivered.get(i)).as("deliveries of text %d", i).isEqualTo(1);
        }
        assertThat(server.served()).hasSize(5000).allSatisfy((text, times) -> assertThat(times).as(text).isEqualTo(1));
        for (Fault f : List.of(Fault.TOO_MANY, Fault.ERROR_500, Fault.UNAVAILABLE_503, Fault.SLOW, Fault.RESET)) {
            assertThat(server.faults(f)).as("%s injected", f).isPositive();
        }
        assertThat(server.tooLarge()).isPositive();
        assertThat(server.rateLimited()).isPositive();
        assertThat(server.bodies()).allSatisfy(b -> {
            assertThat(b.path("input").size()).isBetween(1, 32);
            assertThat(b.path("dimensions").asInt()).isEqualTo(32);
            assertThat(b.path("encoding_format").asText()).isEqualTo("base64");
        });
        assertThat(r.stats().texts()).isEqualTo(5000);
        assertThat(r.stats().requests()).isEqualTo(server.requests());
        assertThat(r.stats().batches()).isEqualTo(server.answered());
        assertThat(r.stats().retries()).isPositive();
        assertThat(r.stats().tokens()).isPositive();
    }

    @Test
    void aServerThatRefusesBase64IsAskedForDecimalsFromThenOn() {
        server.base64 = false; // 422 "unknown variant `base64`", as a strict server answers
        List<String> texts = texts(100);
        float[][] v;
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withDimensions(16).withLimits(10, 4, 1000, 0), ApiKey.NONE)) {
            v = e.embed(texts, Tasks.DEMO.get(0), Reporter.SILENT).vectors();
        }
        for (int i = 0; i < texts.size(); i++) assertThat(v[i]).as("text %d", i).containsExactly(server.expected(texts.get(i), 16));
        List<String> formats = server.bodies().stream().map(b -> b.path("encoding_format").asText()).toList();
        assertThat(formats.get(0)).isEqualTo("base64");
        assertThat(formats.subList(1, formats.size())).hasSize(10).containsOnly("float");
    }

    @Test
    void retryAfterPausesTheNextRequestForAsLongAsTheServerSaid() {
        server.retryAfter = "1";
        server.script(Fault.TOO_MANY);
        try (RemoteEmbedder e = RemoteEmbedder.open(options(), ApiKey.NONE)) {
            e.embed(texts(3), topic, Reporter.SILENT);
        }
        List<Long> at = server.arrivals();
        assertThat(at).hasSize(2);
        assertThat(Duration.ofNanos(at.get(1) - at.get(0))).isGreaterThanOrEqualTo(Duration.ofMillis(1000));
    }

    @Test
    void aRejectedKeyStopsAtOnceWithOneLineThatSaysSoWithoutTheKey() {
        server.key = "the-right-key";
        try (RemoteEmbedder e = RemoteEmbedder.open(options(), ApiKey.of(KEY, "TASKSPACE_API_KEY"))) {
            assertThatThrownBy(() -> e.embed(texts(1000), topic, Reporter.SILENT))
                    .isInstanceOfSatisfying(ApiException.class, x -> assertThat(x.status()).isEqualTo(401))
                    .hasMessageContaining("rejected the API key from TASKSPACE_API_KEY (HTTP 401: Invalid token)")
                    .hasMessageNotContaining(KEY).hasMessageNotContaining("\n");
        }
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void noKeyWhereOneIsWantedSaysWhichVariableToSet() {
        server.key = "the-right-key";
        try (RemoteEmbedder e = RemoteEmbedder.open(options(), ApiKey.NONE)) {
            assertThatThrownBy(() -> e.embed(texts(10), topic, Reporter.SILENT))
                    .hasMessageContaining("wants an API key").hasMessageContaining("TASKSPACE_API_KEY");
        }
        assertThat(server.authorizations()).containsExactly((String) null);
    }

    @Test
    void aBadRequestStopsAtOnceWithTheServersWords() {
        server.fixedStatus = 400;
        try (RemoteEmbedder e = RemoteEmbedder.open(options(), ApiKey.NONE)) {
            assertThatThrownBy(() -> e.embed(texts(1000), topic, Reporter.SILENT))
                    .isInstanceOfSatisfying(ApiException.class, x -> assertThat(x.status()).isEqualTo(400))
                    .hasMessageContaining("rejected the request (HTTP 400: scripted 400; model Qwen/Qwen3-Embedding-0.6B, 32 texts)");
        }
        assertThat(server.requests()).isEqualTo(1);
    }

    @Test
    void aBadRequestMidRunStopsTheRunWithoutAStorm() {
        server.fixedStatus = 400;
        server.fixedStatusAfter = 5;
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withLimits(8, 4, 1000, 0), ApiKey.NONE)) {
            assertThatThrownBy(() -> e.embed(texts(2000), topic, Reporter.SILENT)).hasMessageContaining("HTTP 400");
        }
        // Five answered, then at most one wave of requests already on their way.
        assertThat(server.requests()).isBetween(6, 5 + 4);
    }

    @Test
    void aServerThatIgnoresDimensionsHasItsVectorsCutAndNormalisedHere() {
        server.ignoreDimensions = true;
        List<String> texts = texts(40);
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withDimensions(16), ApiKey.NONE)) {
            float[][] v = e.embed(texts, Tasks.DEMO.get(0), Reporter.SILENT).vectors();
            for (int i = 0; i < texts.size(); i++) assertThat(v[i]).containsExactly(server.expected(texts.get(i), 16));
        }
    }

    @Test
    void vectorsOfTheWrongLengthForTheModelAreRefused() {
        server.nativeDims = 768;
        try (RemoteEmbedder e = RemoteEmbedder.open(options(), ApiKey.NONE)) {
            assertThatThrownBy(() -> e.embed(texts(5), topic, Reporter.SILENT))
                    .hasMessageContaining("sent a 768-dimension vector; Qwen/Qwen3-Embedding-0.6B gives 1024");
        }
    }

    @Test
    void anUnknownModelsLengthIsLearnedWithOneProbe() {
        server.nativeDims = 768;
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withServer(server.base(), "nomic-embed-text"), ApiKey.NONE)) {
            assertThat(e.info().dimensions()).isEqualTo(768);
            assertThat(e.info().instructionAware()).isFalse();
            assertThat(server.requests()).isEqualTo(1);
        }
    }

    @Test
    void theDemosSpacedPromptIsAnExplicitOption() {
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withPromptStyle(PromptStyle.DEMO_SPACED), ApiKey.NONE)) {
            e.embed(List.of("hello"), topic, Reporter.SILENT);
        }
        assertThat(server.bodies().get(0).path("input").get(0).asText())
                .isEqualTo("Instruct: Identify the topic or theme of the given text\nQuery: hello");
    }

    @Test
    void anUnreachableServerIsOneLineAfterOneTry() {
        var base = LoopbackServer.closedPortUri("/v1");
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withServer(base, "m"), ApiKey.NONE)) {
            assertThatThrownBy(() -> e.embed(texts(100), topic, Reporter.SILENT))
                    .hasMessageStartingWith("cannot reach " + base + "/embeddings").hasMessageContaining("--api-base");
        }
    }

    @Test
    void requestStartsNeverOutrunTheConfiguredRate() {
        try (RemoteEmbedder e = RemoteEmbedder.open(options().withDimensions(8).withLimits(1, 10, 50, 0), ApiKey.NONE)) {
            e.embed(texts(60), topic, Reporter.SILENT);
        }
        List<Long> at = server.arrivals();
        double seconds = (at.get(at.size() - 1) - at.get(0)) / 1e9;
        double rate = (at.size() - 1) / seconds;
        assertThat(rate).isLessThanOrEqualTo(50 * 1.05).isGreaterThan(25);
    }
}
