package dev.taskspace.embed;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The embed stage: embeds the project's corpus once per task with one {@link Embedder} and
 * records each task in the embeddings artefact ({@link EmbeddingArtefact}) as it finishes.
 * Tasks already embedded with the same model, engine settings and corpus are kept.
 *
 * <pre>{@code
 * try (Embedder e = OnnxEmbedder.open(ModelResolver.fromEnvironment().resolve("bge-small-q", null, Reporter.SILENT),
 *         OnnxEmbedder.Options.DEFAULT)) {
 *     EmbedStage.run(project, e, new EmbedStage.Options(Tasks.DEMO, false), Reporter.SILENT, EmbedStage.Listener.NONE);
 * }
 * }</pre>
 *
 * {@code taskspace embed} is this class behind command-line options; a live task in
 * {@code serve} is {@link #addTask}.
 */
public final class EmbedStage {
    private EmbedStage() {}

    /**
     * The stage's options.
     *
     * @param tasks   the tasks to embed, at least one, names unique
     * @param replace discard finished tasks made with another model, engine settings or corpus
     *                (else such a folder is refused, naming them)
     * @param storage how to store the vectors ({@link VectorStorage}); null: as the project's
     *                tasks already are (float32 for a new project)
     */
    public record Options(List<Task> tasks, boolean replace, VectorStorage storage) {
        /** Stored as the project's tasks already are. */
        public Options(List<Task> tasks, boolean replace) {
            this(tasks, replace, null);
        }

        public Options {
            tasks = List.copyOf(tasks);
            if (tasks.isEmpty()) throw new TaskspaceException("no tasks to embed");
            Set<String> names = new HashSet<>();
            for (Task t : tasks) {
                if (!names.add(t.name())) throw new TaskspaceException("the task \"" + t.name() + "\" is given twice");
            }
        }
    }

    /** What the stage does, as it does it (the command prints it). Every method does nothing by default. */
    public interface Listener {
        Listener NONE = new Listener() {};

        /** The embedder is known, before anything is written. */
        default void started(ModelInfo model) {}

        /** Finished tasks made otherwise were discarded ({@link Options#replace()}). */
        default void discarded(List<String> tasks) {}

        /** What the tasks still to embed are expected to take, timed on a sample just now. */
        default void estimated(RunEstimate.Estimate estimate) {}

        /** {@code task} was embedded before with this model, engine settings and corpus: kept. */
        default void kept(Task task) {}

        /** {@code task} was embedded and recorded. */
        default void embedded(Task task, EmbeddingStats stats) {}
    }

    /**
     * What a run did.
     *
     * @param manifest the artefact's manifest after the run
     * @param total    the statistics of the tasks embedded by this run, summed
     * @param storage  how the vectors are stored
     */
    public record Result(EmbeddingManifest manifest, EmbeddingStats total, VectorStorage storage) {}

    /** Embeds every task of {@code options} not yet recorded, into {@code project}. */
    public static Result run(ProjectDir project, Embedder embedder, Options options, Reporter reporter, Listener listener) {
        return run(project, embedder, options, reporter, listener, true);
    }

    /**
     * Adds one task to the project's embeddings (a live task): embedded with {@code embedder},
     * which must be the model and engine settings of the tasks already recorded (else it is
     * refused, and nothing is lost). No estimate is timed.
     */
    public static EmbeddingManifest addTask(ProjectDir project, Embedder embedder, Task task, Reporter reporter) {
        return run(project, embedder, new Options(List.of(task), false), reporter, Listener.NONE, false).manifest();
    }

    private static Result run(ProjectDir project, Embedder embedder, Options options, Reporter reporter, Listener listener,
            boolean estimate) {
        Objects.requireNonNull(embedder, "embedder");
        Corpus corpus = CorpusArtefact.read(project);
        String corpusSha = CorpusArtefact.recordedSha256(project); // read() checked the file against it: no second pass
        List<String> ids = corpus.documents().stream().map(Document::id).toList();
        List<String> texts = corpus.documents().stream().map(Document::text).toList();
        ModelInfo info = embedder.info();
        listener.started(info);
        EmbeddingArtefact artefact = EmbeddingArtefact.begin(project, info, embedder.engine(), corpusSha, ids, options.replace());
        if (options.storage() != null) artefact.storing(options.storage());
        if (!artefact.discarded().isEmpty()) listener.discarded(artefact.discarded());
        RunEstimate.Estimate sample = null; // a remote estimate fetches real vectors for its first task: counted there
        if (estimate) {
            sample = RunEstimate.of(embedder, texts, options.tasks().stream().filter(t -> !artefact.has(t)).toList());
            if (sample != null) listener.estimated(sample);
        }
        EmbeddingStats total = EmbeddingStats.NONE;
        for (Task task : options.tasks()) {
            if (artefact.has(task)) {
                listener.kept(task);
                continue;
            }
            Embedder.Result r = embedder.embed(texts, task, reporter);
            float[][] axis = task.axis() == null ? null
                    : embedder.embed(List.of(task.axis().negative(), task.axis().positive()), task, Reporter.SILENT).vectors();
            EmbeddingStats stats = sample != null && task.equals(sample.fetchedFor()) ? r.stats().withFetchedBefore(sample.fetched()) : r.stats();
            artefact.put(task, r.vectors(), axis, stats);
            total = total.plus(stats);
            listener.embedded(task, stats);
        }
        return new Result(EmbeddingArtefact.recorded(project), total, artefact.storage());
    }
}
