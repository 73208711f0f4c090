package dev.taskspace.embed.remote;

import java.util.concurrent.locks.LockSupport;

/**
 * Spaces request starts evenly at a fixed rate, optionally also keeps an estimated token rate
 * under a tokens-per-minute budget, and can pause everything until a moment a server named
 * (Retry-After). Thread-safe.
 *
 * <p>Each caller reserves its own start time, one interval after the previous reservation (or
 * now, after an idle spell), so a thread that wakes a little late does not delay the ones after
 * it: over any stretch of time the starts keep the rate, never exceeding it by more than one.
 * A caller whose time comes during a pause set meanwhile reserves again, after the pause.
 */
final class RateLimiter {
    private final long interval; // nanoseconds between request starts
    private final double tokensPerNano; // 0: no token budget
    private final double tokenCapacity; // a minute's worth
    private long nextStart; // guarded by this
    private long pausedUntil; // guarded by this
    private double tokens; // guarded by this: the budget left, negative when reserved ahead
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

    /** Waits until a request of about {@code estimatedTokens} tokens may start. */
    void acquire(long estimatedTokens) throws InterruptedException {
        long slot;
        synchronized (this) {
            slot = reserve(estimatedTokens);
        }
        while (true) {
            long wait = slot - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(this, wait);
                if (Thread.interrupted()) throw new InterruptedException();
                continue;
            }
            synchronized (this) {
                if (pausedUntil <= slot) return;
                slot = reserve(0); // a pause came meanwhile: the tokens are already counted
            }
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

    /** The next start time, for a request of {@code estimatedTokens}; guarded by this. */
    private long reserve(long estimatedTokens) {
        long now = System.nanoTime();
        long slot = Math.max(Math.max(nextStart, now), pausedUntil);
        if (tokensPerNano > 0) {
            tokens = Math.min(tokenCapacity, tokens + (now - tokensAt) * tokensPerNano);
            tokensAt = now;
            // A request larger than the whole budget waits for a full budget, then goes.
            double need = Math.min(estimatedTokens, tokenCapacity);
            if (tokens < need) slot = Math.max(slot, now + (long) Math.ceil((need - tokens) / tokensPerNano));
            tokens -= estimatedTokens;
        }
        nextStart = slot + interval;
        return slot;
    }
}
