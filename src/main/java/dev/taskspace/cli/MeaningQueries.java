package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.EmbeddingManifest;
import dev.taskspace.embed.Task;
import dev.taskspace.project.ProjectStage;
import dev.taskspace.web.QueryModel;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Search by meaning for {@code serve}: a query is embedded by the model the map was made with
 * (the one live tasks use, opened once on the first query and kept), under the task's
 * instruction as embeddings.json records it, exactly as that task's documents were.
 */
public final class MeaningQueries implements QueryModel {
    private final ProjectDir project;
    private final LiveTaskRunner models;
    private final String unavailable;
    private Embedder embedder; // opened on the first query

    MeaningQueries(ProjectDir project, LiveTaskRunner models) {
        this.project = project;
        this.models = models;
        this.unavailable = models.available() ? "" : reasonUnavailable(project);
    }

    /** Queries for {@code project}, with models found as {@code taskspace serve} finds them. */
    public static MeaningQueries of(ProjectDir project, Map<String, String> env, Path cacheDir) {
        return new MeaningQueries(project, new LiveTaskRunner(project, env, cacheDir, ProjectStage.Options.DEFAULT));
    }

    private static String reasonUnavailable(ProjectDir project) {
        try {
            String backend = EmbeddingArtefact.recorded(project).model().backend();
            return "This map was embedded through an API (" + backend + "): search by meaning embeds queries with an in-process "
                    + "model only. Search by words instead.";
        } catch (TaskspaceException e) {
            return "Search by meaning needs the project's embeddings: " + e.getMessage();
        }
    }

    @Override
    public String unavailable() {
        return unavailable;
    }

    @Override
    public float[][] vectors(String task) {
        return recorded(task) == null ? null : EmbeddingArtefact.read(project, task);
    }

    @Override
    public synchronized float[] embed(String task, String query) {
        if (!unavailable.isEmpty()) throw new TaskspaceException(unavailable);
        EmbeddingManifest.TaskEntry entry = recorded(task);
        if (entry == null) throw new TaskspaceException("the task \"" + task + "\" has no vectors in " + project.embeddingsManifest());
        if (embedder == null) embedder = models.openRecordedModel();
        return embedder.embed(List.of(query), new Task(task, entry.instruction(), "search by meaning"), Reporter.SILENT).vectors()[0];
    }

    /** The task's entry in embeddings.json, or null when it has none (imported without vectors). */
    private EmbeddingManifest.TaskEntry recorded(String task) {
        return EmbeddingArtefact.recorded(project).task(task);
    }

    @Override
    public synchronized void close() {
        if (embedder != null) embedder.close();
        embedder = null;
    }
}
