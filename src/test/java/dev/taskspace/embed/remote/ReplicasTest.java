package dev.taskspace.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import dev.taskspace.embed.remote.FakeEmbeddingsServer.Fault;
import dev.taskspace.testing.LoopbackServer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The remote client across several replicas, each a real OpenAI-compatible server on loopback:
 * batches spread, a replica killed or failing mid-run loses and duplicates nothing, a rested
 * replica is tried again, and each replica keeps its own rate.
 */
@Timeout(120)
class ReplicasTest {
    final List<FakeEmbeddingsServer> servers = new ArrayList<>();
    final Task topic = Tasks.DEMO.get(1);

    @AfterEach
    void stop() {
        servers.forEach(FakeEmbeddingsServer::close);
    }

    private List<URI> start(int n) {
        for (int i = 0; i < n; i++) servers.add(FakeEmbeddingsServer.start());
        return servers.stream().map(FakeEmbeddingsServer::base).toList();
    }

    private static RemoteEmbedder.Options options(List<URI> bases) {
        return RemoteEmbedder.Options.DEFAULT.withServers(bases, "Qwen/Qwen3-Embedding-0.6B").withDimensions(8)
                .withRetries(Duration.ofSeconds(2), 8, Duration.ofMillis(20));
    }

    private static List<String> texts(int n) {
        return IntStream.range(0, n).mapToObj(i -> "document " + i).toList();
    }

    private static String prompt(String text) {
        return "Instruct: Identify the topic or theme of the given text\nQuery:" + text;
    }

    /** Every vector in its place and delivered exactly once; no server computed a text twice. */
    private void assertCompleteOnceInOrder(List<String> texts, Embedder.Result r, AtomicIntegerArray delivered) {
        assertThat(r.vectors().length).isEqualTo(texts.size());
        for (int i = 0; i < texts.size(); i++) {
            assertThat(r.vectors()[i]).as("text %d", i).containsExactly(servers.get(0).expected(prompt(texts.get(i)), 8));
            assertThat(delivered.get(i)).as("deliveries of text %d", i).isEqualTo(1);
        }
        for (FakeEmbeddingsServer s : servers) {
            assertThat(s.served()).allSatisfy((text, times) -> assertThat(times).as("%s at %s", text, s.base()).isEqualTo(1));
        }
    }

    private Embedder.Result run(RemoteEmbedder e, List<String> texts, AtomicIntegerArray delivered, Runnable afterEachBatch) {
        return e.embed(texts, topic, Reporter.SILENT, (idx, vs) -> {
            for (int i : idx) delivered.incrementAndGet(i);
            afterEachBatch.run();
        });
    }

    @Test
    void batchesSpreadOverThreeReplicasAndComeBackOnceInOrder() {
        List<URI> bases = start(3);
        servers.forEach(s -> s.latencyMillis = 3);
        List<String> texts = texts(3000);
        AtomicIntegerArray delivered = new AtomicIntegerArray(texts.size());
        try (RemoteEmbedder e = RemoteEmbedder.open(options(bases).withLimits(10, 4, 1000, 0), ApiKey.NONE)) {
            Embedder.Result r = run(e, texts, delivered, () -> {});
            assertCompleteOnceInOrder(texts, r, delivered);
            List<ReplicaStats> stats = e.replicaStats();
            assertThat(stats).extracting(ReplicaStats::where).containsExactlyElementsOf(
                    bases.stream().map(b -> b + "/embeddings").toList());
            for (int k = 0; k < 3; k++) {
                assertThat(stats.get(k).requests()).as("requests to replica %d", k).isEqualTo(servers.get(k).requests());
                assertThat(stats.get(k).texts()).as("texts from replica %d", k).isEqualTo(servers.get(k).served().size())
                        .isGreaterThan(3000 / 3 / 2); // each replica carries a real share
                assertThat(stats.get(k).failures()).isZero();
            }
            assertThat(stats.stream().mapToLong(ReplicaStats::texts).sum()).isEqualTo(3000);
        }
    }

    @Test
    void aReplicaKilledMidRunLosesAndDuplicatesNothing() {
        List<URI> bases = start(3);
        servers.forEach(s -> s.latencyMillis = 3);
        List<String> texts = texts(5000);
        AtomicIntegerArray delivered = new AtomicIntegerArray(texts.size());
        AtomicInteger batches = new AtomicInteger();
        FakeEmbeddingsServer victim = servers.get(1);
        Embedder.Result r;
        List<ReplicaStats> stats;
        try (RemoteEmbedder e = RemoteEmbedder.open(options(bases).withLimits(10, 4, 1000, 0), ApiKey.NONE)) {
            r = run(e, texts, delivered, () -> {
                if (batches.incrementAndGet() == 100) victim.close(); // 1,000 of 5,000 done: the replica dies, mid-request
            });
            stats = e.replicaStats();
        }
        assertCompleteOnceInOrder(texts, r, delivered);
        assertThat(stats.get(1).failures()).as("failed requests to the killed replica").isPositive();
        assertThat(stats.get(1).texts()).isLessThan(2000);
        assertThat(stats.get(0).texts() + stats.get(2).texts()).isGreaterThan(3000);
        assertThat(stats.stream().mapToLong(ReplicaStats::texts).sum()).isEqualTo(5000);
    }

    @Test
    void aFailingReplicaIsRestedAndTriedAgainUntilItAnswers() {
        List<URI> bases = start(2);
        servers.forEach(s -> s.latencyMillis = 2);
        FakeEmbeddingsServer flaky = servers.get(1);
        flaky.script(Fault.UNAVAILABLE_503, Fault.UNAVAILABLE_503, Fault.UNAVAILABLE_503, Fault.ERROR_500);
        List<String> texts = texts(4000);
        AtomicIntegerArray delivered = new AtomicIntegerArray(texts.size());
        try (RemoteEmbedder e = RemoteEmbedder.open(options(bases).withLimits(10, 4, 1000, 0), ApiKey.NONE)) {
            Embedder.Result r = run(e, texts, delivered, () -> {});
            assertCompleteOnceInOrder(texts, r, delivered);
            assertThat(flaky.faults(Fault.UNAVAILABLE_503) + flaky.faults(Fault.ERROR_500)).isEqualTo(4);
            assertThat(e.replicaStats().get(1).failures()).isEqualTo(4);
            assertThat(flaky.answered()).as("batches answered by the replica after its failures").isPositive();
            assertThat(r.stats().retries()).isEqualTo(4);
        }
    }

    @Test
    void eachReplicaKeepsItsOwnRate() {
        List<URI> bases = start(2);
        int rate = 20; // with 16 in flight: a client thread starved for up to 0.8 s still catches up
        List<String> texts = texts(2 * 4 * rate); // four seconds' worth per replica
        try (RemoteEmbedder e = RemoteEmbedder.open(options(bases).withLimits(1, 16, rate, 0), ApiKey.NONE)) {
            e.embed(texts, topic, Reporter.SILENT);
        }
        long firstAnswered = servers.get(0).arrivals().get(0); // the first batch goes alone, to the first replica
        for (FakeEmbeddingsServer s : servers) {
            List<Long> at = s.arrivals().stream().filter(t -> t > firstAnswered).toList();
            double achieved = heldRate(at, rate);
            assertThat(at.size()).as("requests to %s", s.base()).isBetween(texts.size() / 2 - 15, texts.size() / 2 + 15);
            assertThat(achieved).as("requests/s at %s", s.base()).isBetween(rate * 0.95, rate * 1.05);
        }
    }

    /**
     * Requests per second held: the median over every run of {@code window} consecutive
     * arrivals of {@code (window - 1) / their time span}. One thread starved for a moment on a
     * busy machine (a late request, then the next ones at once) moves a few windows, not the median.
     */
    private static double heldRate(List<Long> arrivals, int window) {
        List<Double> rates = new ArrayList<>();
        for (int i = 0; i + window - 1 < arrivals.size(); i++) {
            rates.add((window - 1) / ((arrivals.get(i + window - 1) - arrivals.get(i)) / 1e9));
        }
        rates.sort(null);
        return rates.get(rates.size() / 2);
    }

    @Test
    void anUnreachableReplicaIsLeftAsideAndTheOthersDoTheWork() {
        List<URI> bases = new ArrayList<>(List.of(LoopbackServer.closedPortUri("/v1")));
        bases.addAll(start(1));
        List<String> texts = texts(500);
        AtomicIntegerArray delivered = new AtomicIntegerArray(texts.size());
        try (RemoteEmbedder e = RemoteEmbedder.open(options(bases).withLimits(10, 4, 1000, 0), ApiKey.NONE)) {
            Embedder.Result r = run(e, texts, delivered, () -> {});
            assertCompleteOnceInOrder(texts, r, delivered);
            assertThat(e.replicaStats().get(0).texts()).isZero();
            assertThat(e.replicaStats().get(0).failures()).isPositive();
        }
    }

    @Test
    void whenNoReplicaCanBeReachedTheLineNamesThemAll() {
        URI a = LoopbackServer.closedPortUri("/v1");
        URI b = LoopbackServer.closedPortUri("/v1");
        try (RemoteEmbedder e = RemoteEmbedder.open(options(List.of(a, b)), ApiKey.NONE)) {
            assertThatThrownBy(() -> e.embed(texts(100), topic, Reporter.SILENT))
                    .hasMessageStartingWith("cannot reach " + a + "/embeddings, " + b + "/embeddings")
                    .hasMessageContaining("--api-base").hasMessageNotContaining("\n");
        }
    }

    @Test
    void aServerNamedTwiceIsRefused() {
        URI a = URI.create("http://127.0.0.1:9/v1");
        assertThatThrownBy(() -> options(List.of(a, a))).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("twice");
    }
}
