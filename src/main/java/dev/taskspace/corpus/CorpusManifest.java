package dev.taskspace.corpus;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;

/**
 * {@code corpus.json}, the corpus stage's manifest, as a record. Readers ignore unknown fields
 * (the contract in docs/artefacts.md).
 *
 * @param artefact   always {@link #KIND}
 * @param schema     the schema version it was written with
 * @param taskspace  the taskspace version that wrote it
 * @param created    when it was written (ISO-8601)
 * @param documents  how many documents {@code corpus.jsonl} holds
 * @param sha256     the SHA-256 of {@code corpus.jsonl}
 * @param provenance where the documents came from and how they were chosen (source, cleaning, sample)
 * @param dropped    documents left out, per reason
 * @param truncated  ids of the texts cut at the length limit
 * @param summary    documents per label and length statistics
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonPropertyOrder({"artefact", "schema", "taskspace", "created", "documents", "sha256", "provenance", "dropped", "truncated", "summary"})
public record CorpusManifest(String artefact, int schema, String taskspace, String created, int documents, String sha256,
        Map<String, Object> provenance, Map<String, Integer> dropped, List<String> truncated, CorpusSummary summary) {

    /** The {@code artefact} value of a corpus manifest. */
    public static final String KIND = "taskspace.corpus";

    public CorpusManifest {
        provenance = provenance == null ? Map.of() : provenance;
        dropped = dropped == null ? Map.of() : dropped;
        truncated = truncated == null ? List.of() : List.copyOf(truncated);
    }
}
