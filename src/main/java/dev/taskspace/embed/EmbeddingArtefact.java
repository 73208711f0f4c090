package dev.taskspace.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import dev.taskspace.internal.ArtefactCommit;
import dev.taskspace.internal.Hashing;
import dev.taskspace.internal.Npy;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Objects;

/**
 * The embedding stage's artefact, in {@code <project>/embeddings/}: one float32 {@code .npy}
 * matrix per task ({@code numpy.load("embeddings/topic.npy")}, rows in the order of
 * {@code ids.txt}), and {@code embeddings.json}: the model, the corpus it came from, and per
 * task its instruction, file checksum and run statistics.
 *
 * <p>Tasks are recorded one by one as they finish, so an interrupted run keeps its finished
 * tasks, and a rerun with the same model and corpus skips them.
 */
public final class EmbeddingArtefact {
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final ProjectDir project;
    private final ObjectNode manifest;
    private List<String> discarded = List.of();

    private EmbeddingArtefact(ProjectDir project, ObjectNode manifest) {
        this.project = project;
        this.manifest = manifest;
    }

    /**
     * Opens the artefact for a run of {@code model} over the corpus with {@code ids}: keeps the
     * tasks already recorded for the same model, embedder settings and corpus. When the folder
     * holds finished tasks made otherwise, it refuses (saying which tasks and what differs)
     * unless {@code replace}; then those tasks are discarded ({@link #discarded()}).
     *
     * @param settings the embedder's {@link dev.taskspace.embed.Embedder#settings()}: what else
     *                 changes its vectors (the API server, the model file, the token cap), so a
     *                 run against another server with the same model id embeds again
     */
    public static EmbeddingArtefact begin(ProjectDir project, ModelInfo model, String settings, String corpusSha256, List<String> ids,
            boolean replace) {
        ObjectNode fresh = JSON.createObjectNode();
        fresh.put("artefact", "taskspace.embeddings");
        fresh.put("schema", SCHEMA);
        fresh.put("taskspace", Version.get());
        fresh.set("model", JSON.valueToTree(model));
        fresh.put("embedder", settings);
        fresh.put("corpusSha256", corpusSha256);
        fresh.put("documents", ids.size());
        fresh.set("tasks", JSON.createArrayNode());
        ObjectNode existing = readManifest(project, false);
        String difference = existing == null ? null : difference(existing, fresh);
        boolean same = existing != null && difference == null;
        List<String> finished = new java.util.ArrayList<>();
        if (existing != null && !same) existing.path("tasks").forEach(t -> finished.add(t.path("name").asText()));
        if (!finished.isEmpty() && !replace) {
            throw new TaskspaceException(project.embeddingsDir() + " holds finished tasks (" + String.join(", ", finished) + ") made with "
                    + difference + ": this run would discard them. Add --replace to discard them, or give another --out folder to keep them");
        }
        EmbeddingArtefact a = new EmbeddingArtefact(project, same ? existing : fresh);
        a.discarded = List.copyOf(finished);
        try {
            Path idsFile = project.embeddingIds();
            String content = String.join("\n", ids) + "\n";
            boolean idsChanged = !Files.isRegularFile(idsFile) || !Files.readString(idsFile).equals(content);
            if (!same || idsChanged) {
                ArtefactCommit commit = ArtefactCommit.begin(project.embeddingsDir());
                if (idsChanged) commit.write(idsFile.getFileName().toString(), content.getBytes(StandardCharsets.UTF_8));
                if (!same) {
                    for (JsonNode t : existing == null ? JSON.createArrayNode() : existing.path("tasks")) {
                        commit.delete(project.embeddingFile(t.path("name").asText()).getFileName().toString());
                        commit.delete(project.axisFile(t.path("name").asText()).getFileName().toString());
                    }
                    a.stageManifest(commit);
                }
                commit.commit();
            }
        } catch (IOException e) {
            throw new TaskspaceException("cannot write to " + project.embeddingsDir() + ": " + ArtefactCommit.describe(e), e);
        }
        return a;
    }

    /** What makes {@code existing} another artefact than {@code fresh}, or null when none. */
    private static String difference(JsonNode existing, JsonNode fresh) {
        if (!existing.path("model").equals(fresh.get("model"))) {
            return "another model (" + existing.path("model").path("id").asText("?") + "; now " + fresh.path("model").path("id").asText() + ")";
        }
        if (!existing.path("embedder").asText("\0").equals(fresh.path("embedder").asText())) {
            return "other engine settings (" + existing.path("embedder").asText() + "; now " + fresh.path("embedder").asText() + ")";
        }
        if (!existing.path("corpusSha256").asText().equals(fresh.path("corpusSha256").asText())) {
            return "another corpus (corpus.jsonl changed since)";
        }
        if (existing.path("documents").asInt(-1) != fresh.path("documents").asInt()) {
            return "another number of documents (" + existing.path("documents").asInt(-1) + "; now " + fresh.path("documents").asInt() + ")";
        }
        return null;
    }

    /** The finished tasks that {@code begin(..., replace = true)} discarded (empty when none). */
    public List<String> discarded() {
        return discarded;
    }

    /**
     * Whether {@code task} was already embedded with this instruction and axis, and its files
     * are intact.
     */
    public boolean has(Task task) {
        JsonNode t = entry(task.name());
        if (t == null || !Objects.equals(nullable(t.get("instruction")), task.instruction())) return false;
        JsonNode axis = t.get("axis");
        Task.Axis recorded = axis == null || axis.isNull() ? null
                : new Task.Axis(axis.path("negative").asText(), axis.path("positive").asText());
        if (!Objects.equals(recorded, task.axis())) return false;
        return intact(project.embeddingFile(task.name()), t.path("sha256").asText())
                && (recorded == null || intact(project.axisFile(task.name()), axis.path("sha256").asText()));
    }

    private static boolean intact(Path file, String sha256) {
        try {
            return Files.isRegularFile(file) && Hashing.sha256(file).equals(sha256);
        } catch (IOException e) {
            return false;
        }
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
            Path staged = commit.write(file.getFileName().toString(), Npy.writer(vectors));
            ObjectNode t = JSON.createObjectNode();
            t.put("name", task.name());
            t.put("instruction", task.instruction());
            t.put("lookFor", task.lookFor());
            t.put("file", project.embeddingsDir().relativize(file).toString());
            t.put("rows", vectors.length);
            t.put("dims", vectors.length == 0 ? 0 : vectors[0].length);
            t.put("sha256", Hashing.sha256(staged));
            ObjectNode s = t.putObject("stats");
            s.put("tokens", stats.tokens());
            s.put("paddedTokens", stats.paddedTokens());
            s.put("truncated", stats.truncated());
            s.put("batches", stats.batches());
            s.put("seconds", stats.time().toMillis() / 1000.0);
            s.put("tokensPerSecond", Math.round(stats.tokensPerSecond() * 10) / 10.0);
            s.put("cacheHits", stats.cacheHits());
            if (stats.requests() > 0) {
                s.put("requests", stats.requests());
                s.put("retries", stats.retries());
            }
            Path axisFile = project.axisFile(task.name());
            if (task.axis() != null) {
                Path stagedAxis = commit.write(axisFile.getFileName().toString(), Npy.writer(axisVectors));
                ObjectNode a = t.putObject("axis");
                a.put("negative", task.axis().negative());
                a.put("positive", task.axis().positive());
                a.put("file", project.embeddingsDir().relativize(axisFile).toString());
                a.put("sha256", Hashing.sha256(stagedAxis));
            } else {
                t.putNull("axis");
                commit.delete(axisFile.getFileName().toString());
            }
            t.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            ArrayNode tasks = (ArrayNode) manifest.get("tasks");
            ArrayNode before = tasks.deepCopy();
            for (int i = tasks.size() - 1; i >= 0; i--) {
                if (tasks.get(i).path("name").asText().equals(task.name())) tasks.remove(i);
            }
            tasks.add(t);
            try {
                stageManifest(commit);
                commit.commit();
            } catch (IOException | RuntimeException e) {
                manifest.set("tasks", before);
                throw e;
            }
        } catch (IOException e) {
            if (commit != null) commit.abandon();
            throw new TaskspaceException("cannot write " + file + ": " + ArtefactCommit.describe(e)
                    + " (the tasks recorded before are unchanged)", e);
        }
    }

    /** A task's vectors as recorded, checked against the manifest. */
    public static float[][] read(ProjectDir project, String taskName) {
        ObjectNode m = readManifest(project, true);
        for (JsonNode t : m.path("tasks")) {
            if (!t.path("name").asText().equals(taskName)) continue;
            Path file = project.embeddingFile(taskName);
            if (!Files.isRegularFile(file)) {
                throw new TaskspaceException(file + " is missing, though embeddings.json lists the task \"" + taskName
                        + "\": run 'taskspace embed' again to make it");
            }
            try {
                if (!Hashing.sha256(file).equals(t.path("sha256").asText())) {
                    throw new TaskspaceException(file + " does not match embeddings.json: run 'taskspace embed' again");
                }
                return Npy.read(file);
            } catch (IOException e) {
                throw new TaskspaceException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        throw new TaskspaceException("no task \"" + taskName + "\" in " + project.embeddingsManifest());
    }

    /** A task's axis vectors [2][d] (negative, positive), or null when it has no axis. */
    public static float[][] readAxis(ProjectDir project, String taskName) {
        for (JsonNode t : readManifest(project, true).path("tasks")) {
            if (!t.path("name").asText().equals(taskName)) continue;
            JsonNode axis = t.get("axis");
            if (axis == null || axis.isNull()) return null;
            Path file = project.axisFile(taskName);
            if (!intact(file, axis.path("sha256").asText())) {
                throw new TaskspaceException(file + " is missing or does not match embeddings.json: run 'taskspace embed' again");
            }
            try {
                return Npy.read(file);
            } catch (IOException e) {
                throw new TaskspaceException("cannot read " + file + ": " + e.getMessage(), e);
            }
        }
        throw new TaskspaceException("no task \"" + taskName + "\" in " + project.embeddingsManifest());
    }

    /** The manifest as written, for the next stage; null-safe reading is the caller's. */
    public static JsonNode manifest(ProjectDir project) {
        return readManifest(project, true);
    }

    private JsonNode entry(String name) {
        for (JsonNode t : manifest.path("tasks")) if (t.path("name").asText().equals(name)) return t;
        return null;
    }

    private void stageManifest(ArtefactCommit commit) throws IOException {
        manifest.put("updated", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        commit.write(project.embeddingsManifest().getFileName().toString(), JSON.writeValueAsBytes(manifest));
    }

    private static ObjectNode readManifest(ProjectDir project, boolean required) {
        Path f = project.embeddingsManifest();
        try {
            if (Files.isDirectory(project.embeddingsDir())) ArtefactCommit.recover(project.embeddingsDir());
        } catch (IOException e) {
            throw new TaskspaceException("cannot finish the interrupted write of " + project.embeddingsDir() + ": " + ArtefactCommit.describe(e), e);
        }
        if (!Files.isRegularFile(f)) {
            if (!required) return null;
            throw new TaskspaceException("no embeddings in " + project + ": run 'taskspace embed --out " + project + "' first");
        }
        try {
            JsonNode n = JSON.readTree(Files.readString(f, StandardCharsets.UTF_8));
            if (!(n instanceof ObjectNode o) || !"taskspace.embeddings".equals(o.path("artefact").asText())) {
                throw new TaskspaceException(f + " is not a taskspace embeddings manifest");
            }
            if (o.path("schema").asInt() > SCHEMA) {
                throw new TaskspaceException(f + " has schema " + o.path("schema").asInt() + ", newer than this taskspace reads: upgrade taskspace");
            }
            return o;
        } catch (IOException e) {
            if (!required) return null;
            throw new TaskspaceException(f + " is damaged: run 'taskspace embed' again", e);
        }
    }

    private static String nullable(JsonNode n) {
        return n == null || n.isNull() ? null : n.asText();
    }
}
