package dev.taskspace.embed;

import java.time.Duration;

/**
 * How a run of the embedder went.
 *
 * @param texts        texts asked for, whether the model embedded them or the cache had them
 * @param tokens       real tokens fed to the model (after truncation)
 * @param paddedTokens token slots computed, padding included
 * @param truncated    texts cut at the token cap
 * @param batches      model calls
 * @param time         wall time
 * @param requests     HTTP requests sent, failed ones included (0 in-process)
 * @param retries      requests that failed and were sent again, or split (413)
 * @param cacheHits    texts whose vectors came from the vector cache instead of the model
 */
public record EmbeddingStats(int texts, long tokens, long paddedTokens, int truncated, int batches, Duration time,
        int requests, int retries, int cacheHits) {
    public static final EmbeddingStats NONE = new EmbeddingStats(0, 0, 0, 0, 0, Duration.ZERO);

    /** The stats of an in-process run: no requests, nothing from the cache. */
    public EmbeddingStats(int texts, long tokens, long paddedTokens, int truncated, int batches, Duration time) {
        this(texts, tokens, paddedTokens, truncated, batches, time, 0, 0, 0);
    }

    /** Texts the model embedded in this run (not from the cache). */
    public int cacheMisses() {
        return texts - cacheHits;
    }

    /** The same run, with {@code hits} more texts served from the cache (and counted as texts). */
    public EmbeddingStats withCacheHits(int hits, Duration total) {
        return new EmbeddingStats(texts + hits, tokens, paddedTokens, truncated, batches, total, requests, retries, cacheHits + hits);
    }

    /**
     * This run with texts fetched for it {@code before} (a wait estimate's sample, {@link
     * RunEstimate.Estimate#fetched}) counted in: those texts, which this run found in the vector
     * cache, count as fetched instead of as cache hits, and their requests, tokens and time are
     * added, so texts/s is what fetching them all took, not inflated by vectors fetched outside
     * this run's time.
     */
    public EmbeddingStats withFetchedBefore(EmbeddingStats before) {
        return new EmbeddingStats(texts, tokens + before.tokens, paddedTokens + before.paddedTokens, truncated + before.truncated,
                batches + before.batches, time.plus(before.time), requests + before.requests, retries + before.retries,
                Math.max(0, cacheHits - before.cacheMisses()));
    }

    /** Real tokens per second of wall time. */
    public double tokensPerSecond() {
        double s = time.toNanos() / 1e9;
        return s <= 0 ? 0 : tokens / s;
    }

    /** HTTP requests per second of wall time. */
    public double requestsPerSecond() {
        double s = time.toNanos() / 1e9;
        return s <= 0 ? 0 : requests / s;
    }

    /** Texts per second of wall time. */
    public double textsPerSecond() {
        double s = time.toNanos() / 1e9;
        return s <= 0 ? 0 : texts / s;
    }

    /** The share of computed token slots that were padding. */
    public double paddingFraction() {
        return paddedTokens == 0 ? 0 : (double) (paddedTokens - tokens) / paddedTokens;
    }

    /** The sum of two runs. */
    public EmbeddingStats plus(EmbeddingStats o) {
        return new EmbeddingStats(texts + o.texts, tokens + o.tokens, paddedTokens + o.paddedTokens, truncated + o.truncated,
                batches + o.batches, time.plus(o.time), requests + o.requests, retries + o.retries, cacheHits + o.cacheHits);
    }
}
