package dev.taskspace.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.Reporter;
import dev.taskspace.embed.RunEstimate;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.cache.CachingEmbedder;
import dev.taskspace.embed.cache.VectorCache;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The wait announced before a remote run, from a real loopback server: timed on the run's own
 * requests, at its limits, with nothing asked twice. The request rate bounds how fast the
 * sample can go, so the estimate cannot come out shorter than the rate allows (the limiter holds
 * the rate: ReplicasTest), whatever the machine's load.
 */
@Timeout(60)
class RemoteRunEstimateTest {
    private static final Task TOPIC = new Task("topic", "Identify the topic or theme of the given text", "");
    private static final Task TONE = new Task("tone", "Classify the sentiment of the given text", "");

    @TempDir
    Path tmp;

    final FakeEmbeddingsServer server = FakeEmbeddingsServer.start();

    @AfterEach
    void stop() {
        server.close();
    }

    private static List<String> texts(int n) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add("document number " + i + " about something");
        return out;
    }

    @Test
    void timedOnTheRunsOwnRequestsWhichTheRunThenTakesFromTheCache() {
        server.latencyMillis = 20;
        // 4 texts a request, 20 requests/s, one at a time: 80 texts/s at most
        RemoteEmbedder remote = RemoteEmbedder.open(RemoteEmbedder.Options.DEFAULT.withServer(server.base(), "Qwen/Qwen3-Embedding-0.6B")
                .withLimits(4, 1, 20, 0), ApiKey.NONE);
        assertThat(remote.sampleTexts()).as("3 s of requests at 20/s, below twice the one in flight").isEqualTo(8);
        try (CachingEmbedder e = new CachingEmbedder(remote, new VectorCache(tmp))) {
            List<String> texts = texts(300);
            int sample = 40;
            RunEstimate.Estimate est = RunEstimate.remote(e, texts, List.of(TOPIC, TONE), sample);
            assertThat(est).isNotNull();
            // 40 untimed, then rounds of 40 and 80 (a quarter of the first task: 75 at most after the warm-up)
            int sent = server.served().values().stream().mapToInt(Integer::intValue).sum();
            assertThat(est.sampleTexts()).as("timed").isEqualTo(sent - sample).isBetween(35, 80);
            assertThat(sent).as("only the sample was sent").isLessThanOrEqualTo(120);
            assertThat(est.texts()).as("what is left of both tasks").isEqualTo(2 * 300 - sent);
            // requests spaced at 20/s: at most 80 texts/s measured, so the rest takes at least (600 - sent) / 80 s
            assertThat(est.time()).isGreaterThanOrEqualTo(Duration.ofMillis((600 - sent) * 1000L / 80 * 95 / 100));
            assertThat(est.tokens()).as("the server's usage, scaled by characters").isPositive();
            assertThat(e.uncached(texts, TOPIC)).as("the sample's vectors are kept").hasSize(300 - sent);
            e.embed(texts, TOPIC, Reporter.SILENT);
            assertThat(server.served().values()).as("no text asked twice").containsOnly(1);
        }
    }

    @Test
    void noEstimateWithoutACacheOrForLittleWork() {
        RemoteEmbedder remote = RemoteEmbedder.open(RemoteEmbedder.Options.DEFAULT.withServer(server.base(), "Qwen/Qwen3-Embedding-0.6B")
                .withLimits(4, 1, 20, 0), ApiKey.NONE);
        assertThat(RunEstimate.remote(remote, texts(600), List.of(TOPIC), 40)).as("without a cache the sample would be sent twice").isNull();
        try (CachingEmbedder e = new CachingEmbedder(remote, new VectorCache(tmp))) {
            assertThat(RunEstimate.remote(e, texts(150), List.of(TOPIC), 40)).as("less than four times the sample").isNull();
        }
        assertThat(server.requests()).isZero();
    }
}
