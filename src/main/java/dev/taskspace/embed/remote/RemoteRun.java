package dev.taskspace.embed.remote;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.Embedder.BatchListener;
import dev.taskspace.internal.ConsoleReporter;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One {@link RemoteEmbedder#embed} call: batches scheduled on {@code concurrency} threads,
 * retried, split and put in place until every text has its vector, or the first error that
 * retrying will not fix stops everything.
 *
 * <p>Each batch is a task on a scheduled pool ({@code concurrency} threads per replica): it
 * takes a slot on the least busy healthy replica ({@link Replicas}), waits for that replica's
 * rate limiter, sends, and on success writes its vectors into place and hands them to the
 * listener; on a retryable failure it schedules itself again, at once when another replica is
 * up, else after the backoff; on 413 it schedules its two halves. A batch's
 * texts are written only by the one task that succeeded with them, so nothing is duplicated,
 * and the run ends only when the count of texts still missing reaches zero, so nothing is lost.
 */
final class RemoteRun {
    /** The longest Retry-After honoured; a server asking for more ends the run with a clear line. */
    static final Duration MAX_RETRY_AFTER = Duration.ofMinutes(5);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

    private final RemoteEmbedder embedder;
    private final RemoteEmbedder.Options options;
    private final Replicas replicas;
    private final List<String> prompts;
    private final BatchListener listener;
    private final float[][] out;
    private final Backoff backoff;
    private final ScheduledThreadPoolExecutor pool;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final AtomicReference<RuntimeException> failure = new AtomicReference<>();
    private final AtomicInteger missing;
    private final AtomicInteger maxBatch;
    private final AtomicBoolean released = new AtomicBoolean();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger retries = new AtomicInteger();
    private final AtomicInteger batches = new AtomicInteger();
    private final AtomicLong tokens = new AtomicLong();
    private final long start = System.nanoTime();
    private Reporter.Progress bar = Reporter.Progress.NONE;

    RemoteRun(RemoteEmbedder embedder, List<String> prompts, BatchListener listener) {
        this.embedder = embedder;
        this.options = embedder.options();
        this.prompts = prompts;
        this.listener = listener;
        this.out = new float[prompts.size()][];
        this.missing = new AtomicInteger(prompts.size());
        this.maxBatch = new AtomicInteger(options.batchSize());
        this.backoff = new Backoff(options.backoff(), MAX_BACKOFF);
        this.replicas = new Replicas(embedder.clients(), options.rate(), options.tokensPerMinute(), options.concurrency(), backoff);
        this.pool = new ScheduledThreadPoolExecutor(options.concurrency() * replicas.size(), r -> {
            Thread t = Executors.defaultThreadFactory().newThread(r);
            t.setName("taskspace-remote-" + t.getName());
            t.setDaemon(true);
            return t;
        });
        pool.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
    }

    /** Runs until every text has its vector; throws the first error that ends the run. */
    void execute(Reporter.Progress progress) {
        this.bar = progress;
        // The first batch goes alone: a wrong key or address then costs one request, not a storm.
        submit(range(0, Math.min(options.batchSize(), prompts.size())), 0, Duration.ZERO);
        try {
            finished.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            fail(new TaskspaceException("embedding was interrupted"));
        } finally {
            pool.shutdown();
            replicas.wake();
            embedder.clients().forEach(EmbeddingsClient::cancelAll);
            awaitWorkers();
        }
        RuntimeException f = failure.get();
        if (f != null) throw f;
    }

    float[][] vectors() {
        return out;
    }

    long tokens() {
        return tokens.get();
    }

    int batches() {
        return batches.get();
    }

    int requests() {
        return requests.get();
    }

    int retries() {
        return retries.get();
    }

    List<ReplicaStats> replicaStats() {
        return replicas.stats();
    }

    private void submit(int[] batch, int failures, Duration delay) {
        if (failure.get() != null) return;
        try {
            pool.schedule(() -> attempt(batch, failures), delay.toNanos(), TimeUnit.NANOSECONDS);
        } catch (java.util.concurrent.RejectedExecutionException e) {
            // the run has ended meanwhile
        }
    }

    private void attempt(int[] batch, int failures) {
        if (failure.get() != null) return;
        int cap = maxBatch.get();
        if (batch.length > cap) {
            for (int from = 0; from < batch.length; from += cap) {
                submit(Arrays.copyOfRange(batch, from, Math.min(batch.length, from + cap)), failures, Duration.ZERO);
            }
            return;
        }
        Replicas.Replica replica = null;
        boolean settled = false;
        try {
            replica = replicas.acquire(() -> failure.get() != null);
            if (replica == null) return;
            List<String> inputs = Arrays.stream(batch).mapToObj(prompts::get).toList();
            long estimate = inputs.stream().mapToLong(s -> s.length() / 4 + 2).sum();
            replica.limiter.acquire(estimate);
            if (failure.get() != null) return;
            requests.incrementAndGet();
            EmbeddingsClient.Outcome o = replica.client.send(inputs, embedder.dimensions());
            if (o instanceof EmbeddingsClient.Ok ok) {
                replica.limiter.used(estimate, ok.tokens());
                settled = true;
                replicas.succeeded(replica, batch.length);
                succeeded(batch, ok);
            } else if (o instanceof EmbeddingsClient.TooLarge tl) {
                settled = true;
                replicas.released(replica);
                split(batch, tl.reason(), replica.client);
            } else if (o instanceof EmbeddingsClient.Retry r) {
                settled = true;
                replicas.failed(replica, r);
                retry(batch, failures + 1, r, replica);
            }
        } catch (InterruptedException e) {
            // abandoned: the run has failed or was interrupted
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            if (replica != null && !settled) replicas.released(replica);
        }
    }

    private void succeeded(int[] batch, EmbeddingsClient.Ok ok) {
        float[][] vs = new float[batch.length][];
        for (int k = 0; k < batch.length; k++) vs[k] = embedder.unit(ok.vectors()[k], batch[k]);
        for (int k = 0; k < batch.length; k++) out[batch[k]] = vs[k];
        listener.done(batch, vs);
        tokens.addAndGet(ok.tokens());
        batches.incrementAndGet();
        int left = missing.addAndGet(-batch.length);
        progress(batch.length, left);
        if (left == 0) finished.countDown();
        if (released.compareAndSet(false, true)) {
            // The rest, after the first batch (which may have been split meanwhile: its halves are on their way).
            for (int from = Math.min(options.batchSize(), prompts.size()); from < prompts.size(); from += options.batchSize()) {
                submit(range(from, Math.min(prompts.size(), from + options.batchSize())), 0, Duration.ZERO);
            }
        }
    }

    private void split(int[] batch, String reason, EmbeddingsClient client) {
        if (batch.length == 1) {
            fail(new ApiException("the server at " + client.where() + " rejects even one text as too large (" + reason
                    + "): text " + (batch[0] + 1) + " has " + prompts.get(batch[0]).length() + " characters with its "
                    + "instruction; shorten long texts (corpus --max-chars)", 413));
            return;
        }
        retries.incrementAndGet();
        int half = (batch.length + 1) / 2;
        maxBatch.accumulateAndGet(half, Math::min);
        submit(Arrays.copyOfRange(batch, 0, half), 0, Duration.ZERO);
        submit(Arrays.copyOfRange(batch, half, batch.length), 0, Duration.ZERO);
    }

    private void retry(int[] batch, int failures, EmbeddingsClient.Retry r, Replicas.Replica replica) {
        String where = replica.client.where();
        if (r.unreachable() && !released.get() && replicas.noneReachable()) {
            fail(new ApiException("cannot reach " + replicas.where() + ": " + r.reason() + "; is the server running, "
                    + "and is --api-base right?", 0));
            return;
        }
        // Each replica may fail a batch maxAttempts times before the run gives up on it.
        if (failures >= options.maxAttempts() * replicas.size()) {
            fail(new ApiException("gave up on a batch of " + batch.length + " texts after " + failures + " attempts at "
                    + replicas.where() + ": last " + r.reason() + " from " + where, r.status()));
            return;
        }
        boolean elsewhere = replicas.othersUp(replica);
        if (r.retryAfter() != null && r.retryAfter().compareTo(MAX_RETRY_AFTER) > 0 && replicas.size() == 1) {
            fail(new ApiException("the server at " + where + " asks to wait " + r.retryAfter().toMinutes()
                    + " minutes (Retry-After, " + r.reason() + "): try again later", r.status()));
            return;
        }
        retries.incrementAndGet();
        submit(batch, failures, elsewhere ? Duration.ZERO : backoff.delay(failures, r.retryAfter()));
    }

    private void fail(RuntimeException e) {
        failure.compareAndSet(null, e);
        finished.countDown();
        replicas.wake();
    }

    private void progress(int n, int left) {
        double seconds = Math.max((System.nanoTime() - start) / 1e9, 1e-9);
        int done = prompts.size() - left;
        double textsPerSecond = done / seconds;
        String eta = textsPerSecond > 0 ? ConsoleReporter.format(Duration.ofMillis((long) (left / textsPerSecond * 1000))) : "?";
        synchronized (this) {
            bar.stepBy(n);
            bar.message(String.format(Locale.ROOT, "%.1f req/s, %.0f texts/s, ETA %s", requests.get() / seconds, textsPerSecond, eta));
        }
    }

    private void awaitWorkers() {
        try {
            if (!pool.awaitTermination(options.timeout().toMillis() + 5000, TimeUnit.MILLISECONDS)) pool.shutdownNow();
        } catch (InterruptedException e) {
            pool.shutdownNow();
            Thread.currentThread().interrupt();
        }
    }

    private static int[] range(int from, int to) {
        int[] r = new int[to - from];
        for (int i = 0; i < r.length; i++) r[i] = from + i;
        return r;
    }
}
