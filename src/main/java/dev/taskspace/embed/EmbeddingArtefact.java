package dev.taskspace.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import dev.taskspace.internal.ArtefactCheck;
import dev.taskspace.internal.ArtefactCommit;
import dev.taskspace.internal.Hashing;
import dev.taskspace.internal.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The embedding stage's artefact, in {@code <project>/embeddings/}: one {@code .npy} matrix per
 * task, float32 or float16 ({@link VectorStorage}; {@code numpy.load("embeddings/topic.npy")},
 * rows in the order of {@code ids.txt}), and {@code embeddings.json}: the model, the corpus it
 * came from, and per task its instruction, storage ({@code dtype}), file checksum and run
 * statistics.
 *
 * <p>Tasks are recorded one by one as they finish, so an interrupted run keeps its finished
 * tasks, and a rerun with the same model and corpus skips them.
 */
public final class EmbeddingArtefact {
    public static final int SCHEMA = 1;
    /** How readers check this artefact ({@link ArtefactCheck}). */
    public static final ArtefactCheck.Kind KIND =
            new ArtefactCheck.Kind(EmbeddingManifest.KIND, SCHEMA, "embeddings", "taskspace embed", "embeddings.json");
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ProjectDir project;
    private EmbeddingManifest manifest;
    private List<String> discarded = List.of();
    private VectorStorage storage = VectorStorage.FLOAT32;

    private EmbeddingArtefact(ProjectDir project, EmbeddingManifest manifest) {
        this.project = project;
        this.manifest = manifest;
    }

    /**
     * Opens the artefact for a run of {@code model} over the corpus with {@code ids}: keeps the
     * tasks already recorded for the same model, engine settings and corpus. When the folder
     * holds finished tasks made otherwise, it refuses (saying which tasks and what differs)
     * unless {@code replace}; then those tasks are discarded ({@link #discarded()}).
     *
     * @param engine the embedder's {@link Embedder#engine()}: what else changes its vectors (the
     *               API server, the model file, the token cap), so a run against another server
     *               with the same model id embeds again
     */
    public static EmbeddingArtefact begin(ProjectDir project, ModelInfo model, EngineSettings engine, String corpusSha256,
            List<String> ids, boolean replace) {
        EmbeddingManifest fresh = new EmbeddingManifest(EmbeddingManifest.KIND, SCHEMA, Version.get(), model, engine.line(), engine,
                corpusSha256, ids.size(), List.of(), null);
        EmbeddingManifest existing = recorded(project, false);
        String difference = existing == null ? null : difference(existing, fresh);
        boolean same = existing != null && difference == null;
        List<String> finished = new ArrayList<>();
        if (existing != null && !same) existing.tasks().forEach(t -> finished.add(t.name()));
        if (!finished.isEmpty() && !replace) {
            throw new TaskspaceException(project.embeddingsDir() + " holds finished tasks (" + String.join(", ", finished) + ") made with "
                    + difference + ": this run would discard them. Add --replace to discard them, or give another --out folder to keep them");
        }
        // A manifest from before the engine record: the same settings by their line; record them now.
        boolean upgrade = same && existing.engine() == null && !engine.equals(EngineSettings.NONE);
        EmbeddingArtefact a = new EmbeddingArtefact(project, !same ? fresh : upgrade ? existing.withEngine(engine) : existing);
        a.discarded = List.copyOf(finished);
        List<EmbeddingManifest.TaskEntry> recorded = a.manifest.tasks();
        if (!recorded.isEmpty()) a.storage = recorded.get(recorded.size() - 1).storage(); // new tasks follow the project's
        try {
            Path idsFile = project.embeddingIds();
            String content = String.join("\n", ids) + "\n";
            boolean idsChanged = !Files.isRegularFile(idsFile) || !Files.readString(idsFile).equals(content);
            if (!same || idsChanged || upgrade) {
                ArtefactCommit commit = ArtefactCommit.begin(project.embeddingsDir());
                if (idsChanged) commit.write(idsFile.getFileName().toString(), content.getBytes(StandardCharsets.UTF_8));
                if (!same) {
                    for (EmbeddingManifest.TaskEntry t : existing == null ? List.<EmbeddingManifest.TaskEntry>of() : existing.tasks()) {
                        commit.delete(project.embeddingFile(t.name()).getFileName().toString());
                        commit.delete(project.axisFile(t.name()).getFileName().toString());
                    }
                }
                if (!same || upgrade) a.stageManifest(commit);
                commit.commit();
            }
        } catch (IOException e) {
            throw new TaskspaceException("cannot write to " + project.embeddingsDir() + ": " + ArtefactCommit.describe(e), e);
        }
        return a;
    }

    /** What makes {@code existing} another artefact than {@code fresh}, or null when none. */
    private static String difference(EmbeddingManifest existing, EmbeddingManifest fresh) {
        if (!Objects.equals(existing.model(), fresh.model())) {
            return "another model (" + (existing.model() == null ? "?" : existing.model().id()) + "; now " + fresh.model().id() + ")";
        }
        if (!existing.embedder().equals(fresh.embedder())) {
            return "other engine settings (" + existing.embedder() + "; now " + fresh.embedder() + ")";
        }
        if (!Objects.equals(existing.corpusSha256(), fresh.corpusSha256())) {
            return "another corpus (corpus.jsonl changed since)";
        }
        if (existing.documents() != fresh.documents()) {
            return "another number of documents (" + existing.documents() + "; now " + fresh.documents() + ")";
        }
        return null;
    }

    /**
     * Stores the tasks put from now on as {@code s}; a task recorded in another storage counts as
     * not embedded ({@link #has}), so a rerun stores it again (from the vector cache). Without
     * this call: the storage of the task recorded last, float32 for a new artefact.
     */
    public EmbeddingArtefact storing(VectorStorage s) {
        this.storage = Objects.requireNonNull(s, "storage");
        return this;
    }

    /** How tasks put from now on are stored. */
    public VectorStorage storage() {
        return storage;
    }

    /** The finished tasks that {@code begin(..., replace = true)} discarded (empty when none). */
    public List<String> discarded() {
        return discarded;
    }

    /**
     * Whether {@code task} was already embedded with this instruction and axis, is stored as
     * {@link #storage()} says, and its files are intact.
     */
    public boolean has(Task task) {
        EmbeddingManifest.TaskEntry t = manifest.task(task.name());
        if (t == null || !Objects.equals(t.instruction(), task.instruction())) return false;
        if (t.storage() != storage) return false;
        EmbeddingManifest.Axis axis = t.axis();
        Task.Axis recorded = axis == null ? null : new Task.Axis(axis.negative(), axis.positive());
        if (!Objects.equals(recorded, task.axis())) return false;
        return ArtefactCheck.intact(project.embeddingFile(task.name()), t.sha256())
                && (axis == null || ArtefactCheck.intact(project.axisFile(task.name()), axis.sha256()));
    }

    /**
     * Writes a task's vectors (and its axis' two label vectors, negative then positive, when the
     * task has an axis), then records it.
     */
    public void put(Task task, float[][] vectors, float[][] axisVectors, EmbeddingStats stats) {
        if ((task.axis() == null) != (axisVectors == null)) throw new IllegalArgumentException("axis vectors must come with an axis");
        Path file = project.embeddingFile(task.name());
        ArtefactCommit commit = null;
        try {
            // The task's files and the manifest that records them: one commit.
            commit = ArtefactCommit.begin(project.embeddingsDir());
            boolean half = storage == VectorStorage.FLOAT16;
            Path staged = commit.write(file.getFileName().toString(), Npy.writer(vectors, half));
            Path axisFile = project.axisFile(task.name());
            EmbeddingManifest.Axis axis = null;
            if (task.axis() != null) {
                Path stagedAxis = commit.write(axisFile.getFileName().toString(), Npy.writer(axisVectors, half));
                axis = new EmbeddingManifest.Axis(task.axis().negative(), task.axis().positive(),
                        project.embeddingsDir().relativize(axisFile).toString(), Hashing.sha256(stagedAxis));
            } else {
                commit.delete(axisFile.getFileName().toString());
            }
            EmbeddingManifest.TaskEntry t = new EmbeddingManifest.TaskEntry(task.name(), task.instruction(), task.lookFor(),
                    project.embeddingsDir().relativize(file).toString(), vectors.length, vectors.length == 0 ? 0 : vectors[0].length,
                    storage.label(), Hashing.sha256(staged), EmbeddingManifest.Stats.of(stats), axis,
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            EmbeddingManifest before = manifest;
            manifest = manifest.with(t);
            try {
                stageManifest(commit);
                commit.commit();
            } catch (IOException | RuntimeException e) {
                manifest = before;
                throw e;
            }
        } catch (IOException e) {
            if (commit != null) commit.abandon();
            throw new TaskspaceException("cannot write " + file + ": " + ArtefactCommit.describe(e)
                    + " (the tasks recorded before are unchanged)", e);
        }
    }

    /** A task's vectors as recorded (float16 ones widened exactly to float), checked against the manifest. */
    public static float[][] read(ProjectDir project, String taskName) {
        EmbeddingManifest.TaskEntry t = entry(project, taskName);
        return npy(project, project.embeddingFile(taskName), t.sha256());
    }

    /** A task's axis vectors [2][d] (negative, positive), or null when it has no axis. */
    public static float[][] readAxis(ProjectDir project, String taskName) {
        EmbeddingManifest.TaskEntry t = entry(project, taskName);
        return t.axis() == null ? null : npy(project, project.axisFile(taskName), t.axis().sha256());
    }

    private static EmbeddingManifest.TaskEntry entry(ProjectDir project, String taskName) {
        EmbeddingManifest.TaskEntry t = recorded(project, true).task(taskName);
        if (t == null) throw new TaskspaceException("no task \"" + taskName + "\" in " + project.embeddingsManifest());
        return t;
    }

    private static float[][] npy(ProjectDir project, Path file, String sha256) {
        // One pass: hashed as it is read (a 1M x 1024 float32 task is 4.1 GB).
        return ArtefactCheck.read(project.embeddingsDir(), file, sha256, kind(project), (in, size) -> Npy.read(in, size, file));
    }

    /** The manifest as written, for the next stage: what made the vectors and the finished tasks. */
    public static EmbeddingManifest recorded(ProjectDir project) {
        return recorded(project, true);
    }

    /** The manifest as written, as JSON (for tools that read fields this build does not know). */
    public static JsonNode manifest(ProjectDir project) {
        return ArtefactCheck.manifest(project.embeddingsDir(), kind(project));
    }

    private void stageManifest(ArtefactCommit commit) throws IOException {
        manifest = manifest.updatedAt(Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        commit.write(project.embeddingsManifest().getFileName().toString(), JSON.writeValueAsBytes(manifest));
    }

    private static EmbeddingManifest recorded(ProjectDir project, boolean required) {
        // A writer starts afresh over a manifest that is not JSON at all (nothing in it can be kept).
        JsonNode n = required ? ArtefactCheck.manifest(project.embeddingsDir(), kind(project))
                : ArtefactCheck.manifestUnlessDamaged(project.embeddingsDir(), kind(project));
        if (n == null) return null;
        try {
            return JSON.treeToValue(n, EmbeddingManifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TaskspaceException(project.embeddingsManifest() + " is damaged (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "): run '" + kind(project).command() + "' again", e);
        }
    }

    private static ArtefactCheck.Kind kind(ProjectDir project) {
        return KIND.withCommand("taskspace embed --out " + project);
    }
}
