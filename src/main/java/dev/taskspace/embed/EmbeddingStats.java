package dev.taskspace.embed;

import java.time.Duration;

/**
 * How a run of the embedder went.
 *
 * @param texts        texts embedded
 * @param tokens       real tokens fed to the model (after truncation)
 * @param paddedTokens token slots computed, padding included
 * @param truncated    texts cut at the token cap
 * @param batches      model calls
 * @param time         wall time
 */
public record EmbeddingStats(int texts, long tokens, long paddedTokens, int truncated, int batches, Duration time) {
    public static final EmbeddingStats NONE = new EmbeddingStats(0, 0, 0, 0, 0, Duration.ZERO);

    /** Real tokens per second of wall time. */
    public double tokensPerSecond() {
        double s = time.toNanos() / 1e9;
        return s <= 0 ? 0 : tokens / s;
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
                batches + o.batches, time.plus(o.time));
    }
}
