package dev.taskspace.embed;

import dev.taskspace.Reporter;
import dev.taskspace.embed.cache.CachingEmbedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * How long an embedding run will take on this machine, said before it starts: a short timed
 * sample of the run's own texts through the run's own engine, extrapolated by tokens.
 *
 * <p>The sample is random (seeded) texts still to embed, in rounds of growing size until about
 * {@link #SAMPLE_SECONDS} of work is timed, after an untimed warm-up of a few texts. Its vectors are
 * discarded (they never reach the vector cache), so the run's vectors do not depend on the
 * sample. The rate is time per computed token slot, padding included; the run's own padding is
 * small (length bucketing over all its texts), so the total is the run's real tokens at that
 * rate, each text's tokens being min(token cap, its characters x r), with r fitted so that the
 * sample's own token count comes out.
 */
public final class RunEstimate {
    /** Runs expected to take longer than this are announced with an estimate. */
    public static final Duration ANNOUNCE_ABOVE = Duration.ofMinutes(1);
    /** About how much work the sample times. */
    static final double SAMPLE_SECONDS = 3.0;
    /** Less than this many characters to embed is never worth a sample. */
    static final long MIN_CHARS = 8_000; // 30 posts of about 900 characters took 3 min on the Qwen3-0.6B shape (loaded machine)
    /** Texts embedded untimed first. */
    static final int WARM_UP = 6;

    /**
     * @param time       the expected wall time of the run
     * @param texts      texts still to embed, over all tasks
     * @param tokens     their expected tokens
     * @param tokensPerSecond the sample's rate, real tokens per second
     * @param sampleTexts texts timed
     * @param sampleTime  time the timed sample took
     * @param fetched     what the sample fetched for the run and left in the vector cache, warm-up
     *                    included (its texts, requests, tokens and time; {@link EmbeddingStats#NONE}
     *                    when its vectors were discarded): the run counts these as fetched, not as
     *                    cache hits ({@link EmbeddingStats#withFetchedBefore})
     * @param fetchedFor  the task the sample fetched for, or null when it kept nothing
     */
    public record Estimate(Duration time, int texts, long tokens, double tokensPerSecond, int sampleTexts, Duration sampleTime,
            EmbeddingStats fetched, Task fetchedFor) {
        public Estimate {
            java.util.Objects.requireNonNull(fetched, "fetched");
            if ((fetchedFor == null) != (fetched.texts() == 0)) throw new IllegalArgumentException("a sample kept for a task names it");
        }
    }

    private RunEstimate() {}

    /**
     * Times a sample and extrapolates to embedding {@code texts} under each of {@code tasks}
     * (only what the vector cache does not hold yet). Null when there is too little to embed to
     * be worth a sample. A remote backend is timed on the run's own first requests ({@link #remote}).
     */
    public static Estimate of(Embedder embedder, List<String> texts, List<Task> tasks) {
        if ("remote".equals(embedder.info().backend())) return remote(embedder, texts, tasks, embedder.sampleTexts());
        Embedder engine = embedder instanceof CachingEmbedder c ? c.inner() : embedder;
        List<String> pool = null;
        int todo = 0;
        long chars = 0;
        for (Task task : tasks) {
            List<String> missing = embedder instanceof CachingEmbedder c ? c.uncached(texts, task) : distinct(texts);
            if (pool == null && !missing.isEmpty()) pool = missing;
            todo += missing.size();
            for (String t : missing) chars += t.length();
        }
        if (pool == null || chars < MIN_CHARS) return null;
        Task task = tasks.get(0);
        List<String> order = new ArrayList<>(pool);
        Collections.shuffle(order, new Random(42));
        // Warm-up, untimed: the first calls pay for set-up (sessions, thread pools, arenas) on every worker.
        int used = Math.min(WARM_UP, order.size() / 8);
        engine.embed(order.subList(0, used), task, Reporter.SILENT);
        List<Integer> sampleLengths = new ArrayList<>();
        long sampleTokens = 0;
        long slots = 0;
        long nanos = 0;
        int round = 8;
        int first = used;
        int cap = Math.max(used + 8, order.size() / 4);
        while (nanos < SAMPLE_SECONDS * 1e9 && used < cap) {
            List<String> batch = order.subList(used, Math.min(cap, used + round));
            long start = System.nanoTime();
            EmbeddingStats s = engine.embed(batch, task, Reporter.SILENT).stats();
            nanos += System.nanoTime() - start;
            for (String t : batch) sampleLengths.add(t.length());
            sampleTokens += s.tokens();
            slots += Math.max(s.paddedTokens(), s.tokens());
            used += batch.size();
            round *= 2;
        }
        double seconds;
        long tokens = 0;
        if (sampleTokens > 0 && slots > 0) {
            // Tokens of a text: min(cap, characters x r), r fitted so that the sample's own tokens come out.
            int tokenCap = tokenCap(engine);
            double r = tokensPerChar(sampleLengths, sampleTokens, tokenCap);
            for (Task t : tasks) {
                List<String> missing = embedder instanceof CachingEmbedder c ? c.uncached(texts, t) : distinct(texts);
                for (String x : missing) tokens += Math.min(tokenCap, Math.round(x.length() * r));
            }
            seconds = tokens * (nanos / 1e9) / slots;
        } else { // an engine that does not count tokens: by characters
            long sampleChars = sampleLengths.stream().mapToLong(Integer::longValue).sum();
            seconds = chars * (nanos / 1e9) / sampleChars;
        }
        return new Estimate(Duration.ofMillis(Math.round(seconds * 1000)), todo, tokens,
                sampleTokens / (nanos / 1e9), used - first, Duration.ofNanos(nanos), EmbeddingStats.NONE, null);
    }

    /**
     * The same for a remote backend behind the vector cache, timed on the run's own requests:
     * texts still to embed (seeded pick) go through the cache at the run's limits and
     * concurrency, so their vectors are kept and the run does not ask for them again (no request
     * is wasted; the run counts them as fetched, {@link Estimate#fetched}): {@code sampleTexts} untimed first (connections, a cold JVM), then rounds from
     * {@code sampleTexts} up, doubling, until about {@link #SAMPLE_SECONDS} are timed or a
     * quarter of the first task is done. The rate measured, texts per second, carries over to
     * the rest; the estimate is of what remains after the sample. Null without a cache (the
     * sample would cost requests twice) or when the run holds less than four times
     * {@code sampleTexts}.
     *
     * @param sampleTexts about how many texts keep the run's requests in flight for a few seconds
     *                    (batch size x concurrency x replicas, fewer under a low request rate)
     */
    public static Estimate remote(Embedder embedder, List<String> texts, List<Task> tasks, int sampleTexts) {
        if (!(embedder instanceof CachingEmbedder c) || tasks.isEmpty() || sampleTexts < 1) return null;
        List<String> pool = null;
        Task first = null;
        int todo = 0;
        long chars = 0;
        for (Task task : tasks) {
            List<String> missing = c.uncached(texts, task);
            if (pool == null && !missing.isEmpty()) {
                pool = missing;
                first = task;
            }
            todo += missing.size();
            for (String t : missing) chars += t.length();
        }
        if (pool == null || todo < 4L * sampleTexts) return null;
        List<String> order = new ArrayList<>(pool);
        Collections.shuffle(order, new Random(42));
        // Warm-up, untimed: the first requests pay for connections and a cold JVM (the run's vectors all the same).
        int used = Math.min(sampleTexts, order.size());
        EmbeddingStats fetched = c.embed(order.subList(0, used), first, Reporter.SILENT).stats();
        // Then rounds of growing size, timed, until about SAMPLE_SECONDS or a quarter of the first task.
        int cap = Math.max(used + sampleTexts, order.size() / 4);
        long nanos = 0;
        long sampleTokens = 0;
        long sampleChars = 0;
        int timed = 0;
        for (int round = sampleTexts; nanos < SAMPLE_SECONDS * 1e9 && used < cap; round *= 2) {
            List<String> batch = order.subList(used, Math.min(cap, used + round));
            long start = System.nanoTime();
            EmbeddingStats s = c.embed(batch, first, Reporter.SILENT).stats();
            nanos += System.nanoTime() - start;
            sampleTokens += s.tokens();
            fetched = fetched.plus(s);
            for (String t : batch) sampleChars += t.length();
            timed += batch.size();
            used += batch.size();
        }
        nanos = Math.max(1, nanos);
        double textsPerSecond = timed / (nanos / 1e9);
        int left = todo - used;
        long leftChars = chars - order.subList(0, used).stream().mapToLong(String::length).sum();
        long tokens = sampleTokens > 0 && sampleChars > 0 ? Math.round(sampleTokens * (double) leftChars / sampleChars) : 0;
        return new Estimate(Duration.ofMillis(Math.round(left / textsPerSecond * 1000)), left, tokens,
                sampleTokens / (nanos / 1e9), timed, Duration.ofNanos(nanos), fetched, first);
    }

    /** The r for which the sum over {@code lengths} of min(cap, length x r) is {@code tokens} (bisection; the sum grows with r). */
    static double tokensPerChar(List<Integer> lengths, long tokens, int cap) {
        double lo = 0;
        double hi = 64;
        for (int i = 0; i < 60; i++) {
            double mid = (lo + hi) / 2;
            double sum = 0;
            for (int len : lengths) sum += Math.min(cap, len * mid);
            if (sum < tokens) lo = mid;
            else hi = mid;
        }
        return (lo + hi) / 2;
    }

    /** The engine's token cap ({@link EngineSettings#maxTokens()}); no cap when it has none. */
    private static int tokenCap(Embedder engine) {
        int cap = engine.engine().maxTokens();
        return cap > 0 ? cap : Integer.MAX_VALUE;
    }

    private static List<String> distinct(List<String> texts) {
        return List.copyOf(new java.util.LinkedHashSet<>(texts));
    }

}
