package dev.taskspace.imported;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.internal.ArtefactCheck;
import dev.taskspace.internal.ArtefactCommit;
import dev.taskspace.internal.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The import stage's artefact, beside the corpus it belongs to:
 *
 * <pre>
 * imported/
 *   layouts.json  schema, tasks, document ids, provenance, and coords.f32's shape, size and SHA-256
 *   coords.f32    float32 [tasks][n][2] each task's layout as imported (not aligned)
 * </pre>
 *
 * The documents themselves are the project's corpus ({@code corpus.jsonl}); the ids here must
 * be the corpus's, in its order.
 */
public final class ImportedArtefact {
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    private static final String COORDS = "coords.f32";
    /** How readers check this artefact ({@link ArtefactCheck}). */
    public static final ArtefactCheck.Kind KIND =
            new ArtefactCheck.Kind("taskspace.imported", SCHEMA, "imported layouts", "taskspace import", "layouts.json");

    private ImportedArtefact() {}

    /** Whether the project has imported layouts. */
    public static boolean exists(ProjectDir project) {
        Path dir = project.importedDir();
        ArtefactCheck.recover(dir, KIND); // a first import a crash interrupted after its commit point
        return Files.isRegularFile(dir.resolve("layouts.json"));
    }

    /** Writes the layouts and their manifest as one commit ({@link ArtefactCommit}): a crash leaves the old ones or the new. */
    public static void write(ProjectDir project, ImportedMaps maps) {
        int n = maps.size();
        int t = maps.tasks().size();
        ByteBuffer b = ByteBuffer.allocate(4 * t * n * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (float[][] layout : maps.coords()) for (float[] p : layout) b.putFloat(p[0]).putFloat(p[1]);
        Path dir = project.importedDir();
        try {
            ArtefactCommit commit = ArtefactCommit.begin(dir);
            commit.write(COORDS, b.array());
            ImportedManifest m = new ImportedManifest(ImportedManifest.KIND, SCHEMA, Version.get(),
                    Instant.now().truncatedTo(ChronoUnit.SECONDS).toString(), n, maps.tasks(), maps.provenance(),
                    maps.documents().stream().map(Document::id).toList(), Map.of(COORDS, new ImportedManifest.DataFile("float32",
                    List.of((long) t, (long) n, 2L), b.capacity(), Hashing.sha256(b.array()))));
            commit.write("layouts.json", JSON.writeValueAsBytes(m));
            commit.commit();
        } catch (IOException e) {
            throw new TaskspaceException("cannot write the imported layouts to " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The manifest of the imported layouts in {@code dir}, checked ({@link ArtefactCheck}: kind and schema). */
    static ImportedManifest manifest(Path dir) {
        try {
            return JSON.treeToValue(ArtefactCheck.manifest(dir, KIND), ImportedManifest.class);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TaskspaceException(dir.resolve("layouts.json") + " is damaged (" + e.getOriginalMessage().lines().findFirst().orElse("")
                    + "): run 'taskspace import' again", e);
        }
    }

    /** Reads the layouts with the project's corpus as their documents; checks ids, size and checksum. */
    public static ImportedMaps read(ProjectDir project) {
        Path dir = project.importedDir();
        Path manifest = dir.resolve("layouts.json");
        String again = ": run 'taskspace import' again";
        ImportedManifest m = manifest(dir);
        try {
            int n = m.documents();
            List<String> tasks = m.tasks();
            Corpus corpus = CorpusArtefact.read(project);
            if (n != corpus.size() || !m.ids().equals(corpus.documents().stream().map(Document::id).toList())) {
                throw new TaskspaceException("the imported layouts in " + dir + " were made for another corpus than " + project.corpusDocuments() + again);
            }
            Path coords = dir.resolve(COORDS);
            ImportedManifest.DataFile f = m.files().get(COORDS);
            if (f == null) throw ArtefactCheck.unlisted(dir, COORDS, KIND);
            byte[] bytes = ArtefactCheck.read(dir, coords, f.bytes(), f.sha256(), KIND);
            if (bytes.length != 4L * tasks.size() * n * 2) throw ArtefactCheck.mismatch(dir, coords, KIND);
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            float[][][] c = new float[tasks.size()][n][2];
            for (float[][] layout : c) for (float[] p : layout) {
                p[0] = b.getFloat();
                p[1] = b.getFloat();
            }
            return new ImportedMaps(corpus.documents(), tasks, c, m.provenance());
        } catch (IllegalArgumentException e) {
            throw new TaskspaceException(manifest + ": " + e.getMessage() + again);
        }
    }
}
