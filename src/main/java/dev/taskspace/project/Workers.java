package dev.taskspace.project;

import dev.taskspace.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/**
 * Runs numbered tasks on a few threads for {@link KnnGraph} and {@link NeighboursKernel} (the
 * metrics), each worker with its own state,
 * and moves a progress bar over a given range as tasks finish. Tasks are claimed in order, so
 * put the largest first.
 */
final class Workers {
    private Workers() {}

    interface Task<S> {
        void run(S state, int task);
    }

    /**
     * Runs tasks 0 .. count-1; task t weighs weight[t] (null: 1 each) towards moving the bar
     * from {@code from} to {@code to} percent. Returns each worker's state.
     */
    static <S> List<S> run(int threads, int count, long[] weight, Supplier<S> newState, Task<S> task,
            Reporter.Progress progress, int from, int to) {
        int workers = Math.max(1, Math.min(threads, count));
        List<S> states = new ArrayList<>(workers);
        for (int w = 0; w < workers; w++) states.add(newState.get());
        long total = 0;
        for (int t = 0; t < count; t++) total += weight == null ? 1 : weight[t];
        Bar bar = new Bar(progress, from, to, Math.max(1, total));
        AtomicInteger next = new AtomicInteger();
        Throwable[] failure = new Throwable[workers];
        Thread[] pool = new Thread[workers];
        for (int w = 0; w < workers; w++) {
            S state = states.get(w);
            int id = w;
            Runnable body = () -> {
                try {
                    for (int t; (t = next.getAndIncrement()) < count; ) {
                        task.run(state, t);
                        bar.add(weight == null ? 1 : weight[t]);
                    }
                } catch (Throwable e) {
                    failure[id] = e;
                    next.set(count); // the others stop at their next task
                }
            };
            if (workers == 1) {
                body.run();
            } else {
                pool[w] = new Thread(body, "taskspace-workers-" + w);
                pool[w].setDaemon(true);
                pool[w].start();
            }
        }
        try {
            for (Thread t : pool) if (t != null) t.join();
        } catch (InterruptedException e) {
            next.set(count);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while computing neighbours", e);
        }
        for (Throwable e : failure) {
            if (e instanceof RuntimeException r) throw r;
            if (e instanceof Error err) throw err;
        }
        bar.finish();
        return states;
    }

    /** A share of a progress bar, moved from any worker thread. */
    private static final class Bar {
        private final Reporter.Progress progress;
        private final int from, to;
        private final long total;
        private long done;
        private long shown = -1;

        Bar(Reporter.Progress progress, int from, int to, long total) {
            this.progress = progress;
            this.from = from;
            this.to = to;
            this.total = total;
        }

        synchronized void add(long w) {
            done += w;
            long at = from + (to - from) * Math.min(done, total) / total;
            if (at != shown) {
                shown = at;
                progress.stepTo(at);
            }
        }

        synchronized void finish() {
            if (shown != to) progress.stepTo(to);
            shown = to;
        }
    }
}
