package dev.taskspace;

import java.nio.file.Path;
import java.util.Objects;

/**
 * A project folder: where each pipeline stage leaves its artefact for the next one. Every
 * path of an artefact is named here and nowhere else.
 *
 * <pre>
 * project/
 *   corpus.jsonl   documents: id, label, text, source, meta      (corpus stage)
 *   corpus.json    its manifest: parameters, provenance, summary
 *   embeddings/    embeddings.json, ids.txt, one TASK.npy per task   (embed stage)
 *                  (and TASK.axis.npy for a task with a zero-shot axis)
 *   imported/      layouts.json, coords.f32: 2-D layouts made elsewhere  (import stage)
 *   map/           map.json and binary arrays the page loads        (project stage)
 *   site/          the page and a copy of the map, for any static host  (site stage)
 * </pre>
 */
public record ProjectDir(Path root) {
    public ProjectDir {
        Objects.requireNonNull(root, "root");
        root = root.toAbsolutePath().normalize();
    }

    /** The corpus stage's documents, one JSON object per line. */
    public Path corpusDocuments() {
        return root.resolve("corpus.jsonl");
    }

    /** The corpus stage's manifest. */
    public Path corpusManifest() {
        return root.resolve("corpus.json");
    }

    /** The embedding stage's folder. */
    public Path embeddingsDir() {
        return root.resolve("embeddings");
    }

    /** The embedding stage's manifest. */
    public Path embeddingsManifest() {
        return embeddingsDir().resolve("embeddings.json");
    }

    /** The document ids, one per line, in the row order of every task's matrix. */
    public Path embeddingIds() {
        return embeddingsDir().resolve("ids.txt");
    }

    /** A task's vectors, a float32 .npy matrix. */
    public Path embeddingFile(String task) {
        return embeddingsDir().resolve(task + ".npy");
    }

    /** A task's zero-shot axis: the label descriptions' vectors, negative then positive. */
    public Path axisFile(String task) {
        return embeddingsDir().resolve(task + ".axis.npy");
    }

    /** 2-D layouts imported from elsewhere (taskspace import), which the projection stage adds to the map. */
    public Path importedDir() {
        return root.resolve("imported");
    }

    /** The projection stage's map folder, which the page loads. */
    public Path mapDir() {
        return root.resolve("map");
    }

    /** The static site's default folder: the page and a copy of the map. */
    public Path siteDir() {
        return root.resolve("site");
    }

    @Override
    public String toString() {
        return root.toString();
    }
}
