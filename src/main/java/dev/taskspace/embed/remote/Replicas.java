package dev.taskspace.embed.remote;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The servers one run sends to (replicas of one model: one URL behind a load balancer counts as
 * one) and which of them takes the next batch: the healthy replica with the fewest requests
 * outstanding (waiting for its rate limiter or in flight), ties taken in turn. Each replica has
 * its own rate limiter and at most {@code concurrency} requests outstanding.
 *
 * <p>Health: a replica that could not be reached, asked to wait (Retry-After) or failed twice
 * in a row is left alone for a backoff (doubling, at most 30 s), then tried again with one
 * request at a time until one succeeds. The batches it failed go to the others meanwhile.
 * Thread-safe; one object per run.
 */
final class Replicas {
    /** One server and how it has done in this run. Counts are guarded by the {@link Replicas} object. */
    static final class Replica {
        final EmbeddingsClient client;
        final RateLimiter limiter;
        private int outstanding;
        private int failuresInRow;
        private long downUntil; // System.nanoTime; 0: up
        private boolean unreachable; // the last attempt could not connect
        private int requests;
        private int answered;
        private long texts;
        private int failures;
        private long firstStart = -1;
        private long lastAnswer = -1;

        Replica(EmbeddingsClient client, RateLimiter limiter) {
            this.client = client;
            this.limiter = limiter;
        }
    }

    private final List<Replica> all;
    private final int concurrency;
    private final Backoff backoff;
    private int turn; // where the next tie-breaking scan starts

    Replicas(List<EmbeddingsClient> clients, double rate, long tokensPerMinute, int concurrency, Backoff backoff) {
        this.all = new ArrayList<>();
        for (EmbeddingsClient c : clients) all.add(new Replica(c, new RateLimiter(rate, tokensPerMinute)));
        this.concurrency = concurrency;
        this.backoff = backoff;
    }

    int size() {
        return all.size();
    }

    /**
     * Takes a slot on the healthy replica with the fewest requests outstanding, waiting while
     * none has room; null once {@code stop} says so.
     */
    synchronized Replica acquire(BooleanSupplier stop) throws InterruptedException {
        while (!stop.getAsBoolean()) {
            long now = System.nanoTime();
            Replica best = null;
            long soonest = Long.MAX_VALUE;
            for (int k = 0; k < all.size(); k++) {
                Replica r = all.get((turn + k) % all.size());
                if (r.downUntil - now > 0) {
                    soonest = Math.min(soonest, r.downUntil - now);
                    continue;
                }
                int room = r.failuresInRow > 0 ? 1 : concurrency; // a replica on probation gets one request at a time
                if (r.outstanding < room && (best == null || r.outstanding < best.outstanding)) best = r;
            }
            if (best != null) {
                turn = (all.indexOf(best) + 1) % all.size();
                best.outstanding++;
                best.requests++;
                if (best.firstStart < 0) best.firstStart = now;
                return best;
            }
            TimeUnit.NANOSECONDS.timedWait(this, Math.min(soonest, TimeUnit.MILLISECONDS.toNanos(100)));
        }
        return null;
    }

    /** Gives back a slot after an answer with {@code texts} vectors. */
    synchronized void succeeded(Replica r, int texts) {
        r.outstanding--;
        r.failuresInRow = 0;
        r.unreachable = false;
        r.answered++;
        r.texts += texts;
        r.lastAnswer = System.nanoTime();
        notifyAll();
    }

    /** Gives back a slot after a request that came to nothing (413 here: the batch is split, the replica is fine). */
    synchronized void released(Replica r) {
        r.outstanding--;
        notifyAll();
    }

    /**
     * Gives back a slot after a failure worth retrying, and rests the replica when it is down
     * (unreachable, asked to wait, or a second failure in a row).
     */
    synchronized void failed(Replica r, EmbeddingsClient.Retry why) {
        r.outstanding--;
        r.failures++;
        r.failuresInRow++;
        r.unreachable = why.unreachable();
        if (why.unreachable() || why.retryAfter() != null || r.failuresInRow >= 2) {
            r.downUntil = System.nanoTime() + backoff.delay(r.failuresInRow, why.retryAfter()).toNanos();
        }
        notifyAll();
    }

    /** Whether no replica could be connected to at its last attempt (and every one was tried). */
    synchronized boolean noneReachable() {
        return all.stream().allMatch(r -> r.unreachable);
    }

    /** Whether another replica than {@code r} is up now. */
    synchronized boolean othersUp(Replica r) {
        long now = System.nanoTime();
        return all.stream().anyMatch(o -> o != r && o.downUntil - now <= 0);
    }

    /** Wakes every thread waiting for a slot (the run ended). */
    synchronized void wake() {
        notifyAll();
    }

    /** The endpoints, for messages. */
    String where() {
        return String.join(", ", all.stream().map(r -> r.client.where()).toList());
    }

    synchronized List<ReplicaStats> stats() {
        List<ReplicaStats> s = new ArrayList<>();
        for (Replica r : all) {
            double seconds = r.lastAnswer > r.firstStart && r.firstStart >= 0 ? (r.lastAnswer - r.firstStart) / 1e9 : 0;
            s.add(new ReplicaStats(r.client.where(), r.requests, r.texts, r.failures, seconds > 0 ? r.texts / seconds : 0));
        }
        return s;
    }
}
