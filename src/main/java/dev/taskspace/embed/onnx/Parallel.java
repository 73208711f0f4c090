package dev.taskspace.embed.onnx;

import dev.taskspace.TaskspaceException;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;

/** Runs work items on a few threads (or inline for one), failing with the first failure. */
final class Parallel {
    private Parallel() {}

    static <T> void forEach(List<T> items, int threads, Consumer<T> work) {
        if (threads <= 1 || items.size() <= 1) {
            items.forEach(work);
            return;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, items.size()), r -> {
            Thread t = new Thread(r, "taskspace-embed");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = items.stream().<Future<?>>map(item -> pool.submit(() -> work.accept(item))).toList();
            for (Future<?> f : futures) f.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) throw r;
            throw new TaskspaceException("embedding failed: " + e.getCause(), e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new TaskspaceException("embedding was interrupted", e);
        } finally {
            pool.shutdownNow();
        }
    }
}
