package dev.taskspace.embed.remote;

import java.util.concurrent.TimeUnit;

/**
 * Spaces request starts evenly at a fixed rate (no bursts: the n-th start is never earlier than
 * n / rate after the first), optionally also keeps an estimated token rate under a
 * tokens-per-minute budget, and can pause everything until a moment a server named
 * (Retry-After). Thread-safe; waiting threads sleep, they do not spin.
 */
final class RateLimiter {
    /** How late a start may be and still keep its slot: makes up for sleeps that wake late, allows no burst. */
    private static final long CATCH_UP = TimeUnit.MILLISECONDS.toNanos(2);

    private final long interval; // nanoseconds between request starts
    private final double tokensPerNano; // 0: no token budget
    private final double tokenCapacity; // a minute's worth
    private long nextStart; // guarded by this
    private long pausedUntil; // guarded by this
    private double tokens; // guarded by this: the budget left, may go negative
    private long tokensAt; // guarded by this

    /**
     * @param requestsPerSecond the request rate, more than 0
     * @param tokensPerMinute   a token budget, or 0 for none
     */
    RateLimiter(double requestsPerSecond, long tokensPerMinute) {
        this.interval = Math.max(1, Math.round(1e9 / requestsPerSecond));
        this.tokensPerNano = tokensPerMinute / 60e9;
        this.tokenCapacity = tokensPerMinute;
        long now = System.nanoTime();
        this.nextStart = now;
        this.tokensAt = now;
        this.tokens = tokensPerMinute;
    }

    /** Waits until a request of about {@code tokens} tokens may start. */
    void acquire(long estimatedTokens) throws InterruptedException {
        while (true) {
            long wait;
            synchronized (this) {
                long now = System.nanoTime();
                long slot = Math.max(Math.max(nextStart, now), pausedUntil);
                if (tokensPerNano > 0) {
                    refill(now);
                    // A request larger than the whole budget waits for a full budget, then goes.
                    double need = Math.min(estimatedTokens, tokenCapacity);
                    if (tokens < need) slot = Math.max(slot, now + (long) Math.ceil((need - tokens) / tokensPerNano));
                }
                if (slot <= now) {
                    nextStart = Math.max(nextStart, now - Math.min(interval, CATCH_UP)) + interval;
                    if (tokensPerNano > 0) tokens -= estimatedTokens;
                    return;
                }
                wait = slot - now;
            }
            TimeUnit.NANOSECONDS.sleep(wait); // then check again: a pause may have come meanwhile
        }
    }

    /** Corrects the token budget once a server said what a request really used. */
    synchronized void used(long estimatedTokens, long actualTokens) {
        if (tokensPerNano > 0 && actualTokens > 0) tokens -= actualTokens - estimatedTokens;
    }

    /** Starts no request before {@code nanoTime}. */
    synchronized void pauseUntil(long nanoTime) {
        pausedUntil = Math.max(pausedUntil, nanoTime);
    }

    private void refill(long now) {
        tokens = Math.min(tokenCapacity, tokens + (now - tokensAt) * tokensPerNano);
        tokensAt = now;
    }
}
