package dev.taskspace.langchain4j;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.langchain4j.model.output.TokenUsage;
import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import java.util.ArrayList;
import java.util.List;

/**
 * One side of a search ({@link TaskspaceEmbeddings#documents()} or
 * {@link TaskspaceEmbeddings#queries(String)}): every text embedded under one task's instruction.
 */
final class TaskEmbeddingModel implements EmbeddingModel {
    private final Embedder embedder;
    private final Task task;

    TaskEmbeddingModel(Embedder embedder, Task task) {
        this.embedder = embedder;
        this.task = task;
    }

    /**
     * Embeds all segments in one call of the embedder, which batches them by length; the
     * vectors come back in the segments' order. Token usage is what the model read (0 when
     * every vector came from the cache or the API did not say).
     */
    @Override
    public Response<List<Embedding>> embedAll(List<TextSegment> segments) {
        List<String> texts = new ArrayList<>(segments.size());
        for (TextSegment s : segments) texts.add(s.text());
        Embedder.Result r = embedder.embed(texts, task, Reporter.SILENT);
        List<Embedding> out = new ArrayList<>(texts.size());
        for (float[] v : r.vectors()) out.add(Embedding.from(v));
        return Response.from(out, new TokenUsage(Math.toIntExact(Math.min(Integer.MAX_VALUE, r.stats().tokens()))));
    }

    @Override
    public int dimension() {
        return embedder.info().dimensions();
    }

    @Override
    public String modelName() {
        return embedder.info().id();
    }

    @Override
    public String toString() {
        return "taskspace " + embedder.info().id() + (task.instruction() == null ? " (no instruction)"
                : " (instruction: " + task.instruction() + ")");
    }
}
