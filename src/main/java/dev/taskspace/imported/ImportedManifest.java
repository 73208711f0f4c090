package dev.taskspace.imported;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code imported/layouts.json}, the import stage's manifest, as a record. Readers ignore
 * unknown fields (the contract in docs/artefacts.md).
 *
 * @param artefact   always {@link #KIND}
 * @param schema     the schema version it was written with
 * @param taskspace  the taskspace version that wrote it
 * @param created    when it was written (ISO-8601)
 * @param documents  documents per layout
 * @param tasks      the imported layouts' task names, in the order of {@code coords.f32}
 * @param provenance where the layouts came from
 * @param ids        the documents' ids, in the corpus's order
 * @param files      the data files by name ({@code coords.f32})
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"artefact", "schema", "taskspace", "created", "documents", "tasks", "provenance", "ids", "files"})
public record ImportedManifest(String artefact, int schema, String taskspace, String created, int documents, List<String> tasks,
        Map<String, Object> provenance, List<String> ids, Map<String, DataFile> files) {

    /** The {@code artefact} value of an imported-layouts manifest. */
    public static final String KIND = "taskspace.imported";

    public ImportedManifest {
        tasks = tasks == null ? List.of() : List.copyOf(tasks);
        provenance = provenance == null ? Map.of() : provenance;
        ids = ids == null ? List.of() : List.copyOf(ids);
        files = files == null ? Map.of() : files;
    }

    /**
     * One data file of the artefact.
     *
     * @param dtype  its element type ({@code float32})
     * @param shape  its dimensions ({@code [tasks, documents, 2]})
     * @param bytes  its size
     * @param sha256 its SHA-256
     */
    @JsonIgnoreProperties(ignoreUnknown = true)
    @JsonPropertyOrder({"dtype", "shape", "bytes", "sha256"})
    public record DataFile(String dtype, List<Long> shape, long bytes, String sha256) {}
}
