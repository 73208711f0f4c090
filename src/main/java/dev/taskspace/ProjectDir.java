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

    @Override
    public String toString() {
        return root.toString();
    }
}
