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

    /** Embeds {@code texts} under {@code task}, showing progress through {@code reporter}. */
    Result embed(List<String> texts, Task task, Reporter reporter);

    @Override
    void close();
}
