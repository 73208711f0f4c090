package dev.taskspace.embed;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * {@code embeddings/embeddings.json}, the embed stage's manifest, as a record: what made the
 * vectors and, per finished task, its file, checksum and run statistics. Readers ignore
 * unknown fields (the contract in docs/artefacts.md).
 *
 * @param artefact     always {@link #KIND}
 * @param schema       the schema version it was written with
 * @param taskspace    the taskspace version that wrote it
 * @param model        the model
 * @param embedder     {@link #engine}'s {@link EngineSettings#line() line}: what runs compare;
 *                     empty when the engine has nothing to add
 * @param engine       the engine settings as a record; null in manifests written before
 *                     taskspace recorded it (they still carry {@code embedder})
 * @param corpusSha256 the SHA-256 of the {@code corpus.jsonl} the vectors came from
 * @param documents    rows per task
 * @param tasks        the finished tasks, in the order they finished
 * @param updated      when the manifest was last written (ISO-8601), or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"artefact", "schema", "taskspace", "model", "embedder", "engine", "corpusSha256", "documents", "tasks", "updated"})
public record EmbeddingManifest(String artefact, int schema, String taskspace, ModelInfo model, String embedder,
        @JsonInclude(JsonInclude.Include.NON_NULL) EngineSettings engine, String corpusSha256, int documents, List<TaskEntry> tasks,
        @JsonInclude(JsonInclude.Include.NON_NULL) String updated) {

    /** The {@code artefact} value of an embeddings manifest. */
    public static final String KIND = "taskspace.embeddings";

    public EmbeddingManifest {
        embedder = embedder == null ? "" : embedder;
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
    }

    /** The task named {@code name}, or null. */
    public TaskEntry task(String name) {
        for (TaskEntry t : tasks) if (t.name().equals(name)) return t;
        return null;
    }

    /** This manifest with {@code entry} recorded last (replacing a task of the same name). */
    EmbeddingManifest with(TaskEntry entry) {
        List<TaskEntry> next = new ArrayList<>();
        for (TaskEntry t : tasks) if (!t.name().equals(entry.name())) next.add(t);
        next.add(entry);
        return new EmbeddingManifest(artefact, schema, taskspace, model, embedder, engine, corpusSha256, documents, next, updated);
    }

    /** This manifest with its engine recorded as a record (a manifest older than {@code engine}). */
    EmbeddingManifest withEngine(EngineSettings e) {
        return new EmbeddingManifest(artefact, schema, taskspace, model, embedder, e, corpusSha256, documents, tasks, updated);
    }

    /** This manifest stamped as written at {@code time}. */
    EmbeddingManifest updatedAt(String time) {
        return new EmbeddingManifest(artefact, schema, taskspace, model, embedder, engine, corpusSha256, documents, tasks, time);
    }

    /**
     * One finished task.
     *
     * @param file    the vectors' file, relative to the embeddings folder
     * @param dtype   how the file stores them, {@link VectorStorage#label()}; null in manifests
     *                written before float16 storage: float32
     * @param sha256  the SHA-256 of that file
     * @param axis    the zero-shot axis' label vectors, or null
     * @param created when the task finished (ISO-8601)
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"name", "instruction", "lookFor", "file", "rows", "dims", "dtype", "sha256", "stats", "axis", "created"})
    public record TaskEntry(String name, String instruction, String lookFor, String file, int rows, int dims,
            @JsonInclude(JsonInclude.Include.NON_NULL) String dtype, String sha256, Stats stats, Axis axis, String created) {
        public TaskEntry {
            Objects.requireNonNull(name, "name");
            VectorStorage.of(dtype); // refuses an unknown one
        }

        /** How the task's file stores its vectors. */
        public VectorStorage storage() {
            return VectorStorage.of(dtype);
        }

        /** The task as embedded: name, instruction, what to look for, and its axis' labels. */
        public Task task() {
            return new Task(name, instruction, lookFor == null ? "" : lookFor,
                    axis == null ? null : new Task.Axis(axis.negative(), axis.positive()));
        }
    }

    /**
     * A task's run statistics; {@code requests} and {@code retries} only for a remote run.
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"tokens", "paddedTokens", "truncated", "batches", "seconds", "tokensPerSecond", "cacheHits", "requests", "retries"})
    public record Stats(long tokens, long paddedTokens, int truncated, int batches, double seconds, double tokensPerSecond,
            int cacheHits, @JsonInclude(JsonInclude.Include.NON_NULL) Integer requests,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer retries) {

        static Stats of(EmbeddingStats s) {
            boolean remote = s.requests() > 0;
            return new Stats(s.tokens(), s.paddedTokens(), s.truncated(), s.batches(), s.time().toMillis() / 1000.0,
                    Math.round(s.tokensPerSecond() * 10) / 10.0, s.cacheHits(), remote ? Integer.valueOf(s.requests()) : null,
                    remote ? Integer.valueOf(s.retries()) : null);
        }
    }

    /**
     * A task's zero-shot axis: its two labels and the file of their vectors (negative, positive).
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"negative", "positive", "file", "sha256"})
    public record Axis(String negative, String positive, String file, String sha256) {}
}
