package dev.taskspace.embed;

import dev.taskspace.Reporter;
import java.util.List;

/**
 * Turns texts into vectors under a task's instruction.
 *
 * <pre>{@code
 * try (Embedder e = OnnxEmbedder.open(model, options)) {
 *     Embedder.Result r = e.embed(texts, Tasks.DEMO.get(2), Reporter.SILENT);
 *     float[][] vectors = r.vectors(); // L2-normalised, in input order
 * }
 * }</pre>
 *
 * Implementations batch for real, hold no static state, and release native resources on
 * {@link #close()}.
 */
public interface Embedder extends AutoCloseable {

    /** The vectors of a call, in input order, each of unit length, and how the call went. */
    record Result(float[][] vectors, EmbeddingStats stats) {}

    /** What this embedder is. */
    ModelInfo info();

    /**
     * Embeds {@code texts} under {@code task}, showing progress through {@code reporter}, and
     * hands every batch to {@code listener} as soon as its vectors are known (so that a cache
     * can keep them even if the run is interrupted later).
     */
    Result embed(List<String> texts, Task task, Reporter reporter, BatchListener listener);

    /** Embeds {@code texts} under {@code task}, showing progress through {@code reporter}. */
    default Result embed(List<String> texts, Task task, Reporter reporter) {
        return embed(texts, task, reporter, BatchListener.NONE);
    }

    /**
     * How many texts keep this embedder's parallel work busy for a few seconds, for the timed
     * sample of a remote run's estimate ({@link RunEstimate#remote}); 0 for an in-process engine,
     * which {@link RunEstimate#of} samples in rounds instead.
     */
    default int sampleTexts() {
        return 0;
    }

    /**
     * Whatever else changes this embedder's vectors besides {@link #info()}, the prompt and the
     * text: a token cap, the model file, the server's address. The vector cache keeps vectors
     * apart when it differs; {@code embeddings.json} records it. Never holds a secret.
     */
    default EngineSettings engine() {
        return EngineSettings.NONE;
    }

    /** {@link #engine()} in one line ({@link EngineSettings#line()}): derived, never parsed back. */
    default String settings() {
        return engine().line();
    }

    /**
     * Receives finished batches, possibly from several threads at once: implementations are
     * thread-safe. A batch is delivered once; batches arrive in any order.
     */
    @FunctionalInterface
    interface BatchListener {
        BatchListener NONE = (indices, vectors) -> {};

        /**
         * @param indices positions of the batch's texts in the input list
         * @param vectors their unit-length vectors: {@code vectors[k]} belongs to {@code indices[k]}
         */
        void done(int[] indices, float[][] vectors);
    }

    @Override
    void close();
}
