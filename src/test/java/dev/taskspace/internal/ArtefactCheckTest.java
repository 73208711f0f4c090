package dev.taskspace.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.EngineSettings;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import dev.taskspace.imported.ImportedArtefact;
import dev.taskspace.imported.ImportedMaps;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.project.ProjectStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every artefact (corpus, embeddings, map, imported layouts) with a wrong kind, a newer schema,
 * a damaged or a truncated data file fails with the same one-line error, worded once in
 * {@link ArtefactCheck}.
 */
class ArtefactCheckTest {
    private static final int N = 24;

    @TempDir
    Path dir;

    private ProjectDir project;

    /** One artefact: how to read it, its manifest, one of its data files, and the kind's "artefact" value. */
    record Case(String name, String manifest, String data, String kind, String noun, String command) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Case> artefacts() {
        return Stream.of(
                new Case("corpus", "corpus.json", "corpus.jsonl", "taskspace.corpus", "corpus", "taskspace corpus --out "),
                new Case("embeddings", "embeddings/embeddings.json", "embeddings/default.npy", "taskspace.embeddings", "embeddings",
                        "taskspace embed --out "),
                new Case("map", "map/map.json", "map/coords.f32", "taskspace.map", "map", "taskspace project"),
                new Case("imported", "imported/layouts.json", "imported/coords.f32", "taskspace.imported", "imported layouts",
                        "taskspace import"));
    }

    @BeforeEach
    void project() {
        project = new ProjectDir(dir.resolve("p"));
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < N; i++) docs.add(new Document("d" + i, "c" + (i % 2), "text number " + i, "t"));
        CorpusArtefact.write(project, new Corpus(docs, Map.of(), Set.of(), Map.of()));
        ModelInfo info = new ModelInfo("synthetic", "test", "fp32", 8, true, PromptStyle.QWEN3);
        String sha;
        try {
            sha = Hashing.sha256(project.corpusDocuments());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        EmbeddingArtefact a = EmbeddingArtefact.begin(project, info, EngineSettings.NONE, sha, docs.stream().map(Document::id).toList(), false);
        a.put(new Task("default", null, ""), vectors(1), null, EmbeddingStats.NONE);
        a.put(new Task("topic", "Topic", ""), vectors(2), null, EmbeddingStats.NONE);
        ProjectStage.run(project, ProjectStage.Options.DEFAULT, Reporter.SILENT);
        float[][][] coords = new float[1][N][2];
        for (int i = 0; i < N; i++) coords[0][i] = new float[] {i, -i};
        ImportedArtefact.write(project, new ImportedMaps(docs, List.of("elsewhere"), coords, Map.of()));
    }

    private static float[][] vectors(long seed) {
        Random r = new Random(seed);
        float[][] x = new float[N][8];
        for (float[] row : x) {
            double norm = 0;
            for (int j = 0; j < 8; j++) norm += (row[j] = (float) r.nextGaussian()) * row[j];
            for (int j = 0; j < 8; j++) row[j] /= (float) Math.sqrt(norm);
        }
        return x;
    }

    private void read(Case c) {
        switch (c.name()) {
            case "corpus" -> CorpusArtefact.read(project);
            case "embeddings" -> EmbeddingArtefact.read(project, "default");
            case "map" -> MapArtefact.read(project.mapDir());
            default -> ImportedArtefact.read(project);
        }
    }

    private String error(Case c) {
        TaskspaceException e = org.junit.jupiter.api.Assertions.assertThrows(TaskspaceException.class, () -> read(c));
        assertThat(e.getMessage()).doesNotContain("\n");
        return e.getMessage();
    }

    private Path path(String relative) {
        return project.root().resolve(relative);
    }

    @ParameterizedTest
    @MethodSource("artefacts")
    void allFourReadWhenIntact(Case c) {
        read(c); // no exception: the cases below fail for the reason they make
    }

    @ParameterizedTest
    @MethodSource("artefacts")
    void aWrongKindIsRefused(Case c) throws Exception {
        Files.writeString(path(c.manifest()), Files.readString(path(c.manifest())).replace("\"" + c.kind() + "\"", "\"taskspace.other\""));
        assertThat(error(c)).matches(Pattern.quote(path(c.manifest()).toString()) + " is not a taskspace " + c.noun()
                + " manifest \\(artefact \"taskspace.other\"\\): run '" + Pattern.quote(c.command()) + ".*' again");
    }

    @ParameterizedTest
    @MethodSource("artefacts")
    void aNewerSchemaAsksForAnUpgrade(Case c) throws Exception {
        Files.writeString(path(c.manifest()), Files.readString(path(c.manifest())).replaceFirst("\"schema\"\\s*:\\s*1", "\"schema\" : 99"));
        assertThat(error(c)).matches(Pattern.quote(path(c.manifest()).toString())
                + " has schema 99, newer than this taskspace \\(.+\\) reads \\(1\\): upgrade taskspace");
    }

    @ParameterizedTest
    @MethodSource("artefacts")
    void aDamagedDataFileIsRefused(Case c) throws Exception {
        byte[] b = Files.readAllBytes(path(c.data()));
        b[b.length - 2] ^= 0x01;
        Files.write(path(c.data()), b);
        assertThat(error(c)).isEqualTo(mismatch(c));
    }

    @ParameterizedTest
    @MethodSource("artefacts")
    void aTruncatedDataFileIsRefusedInTheSameWords(Case c) throws Exception {
        byte[] b = Files.readAllBytes(path(c.data()));
        Files.write(path(c.data()), Arrays.copyOf(b, b.length - 4));
        assertThat(error(c)).isEqualTo(mismatch(c));
    }

    /** One way to damage an embeddings .npy that its reader, hashing as it reads, meets before the checksum does. */
    record Damage(String name, java.util.function.UnaryOperator<byte[]> apply) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Stream<Damage> npyDamages() {
        return Stream.of(
                new Damage("a flipped byte in the middle of the vectors", b -> {
                    b[b.length / 2 + 40] ^= 0x10;
                    return b;
                }),
                new Damage("a damaged magic number", b -> {
                    b[1] = 'X';
                    return b;
                }),
                new Damage("a header claiming more rows than the file holds", b -> header(b, "(24, 8), }", "(99, 8), }")),
                new Damage("a header claiming a matrix no array can hold", b -> header(b, "(24, 8), }     ", "(99999999999, 8), }")),
                new Damage("bytes appended", b -> Arrays.copyOf(b, b.length + 4)),
                new Damage("the last row cut off", b -> Arrays.copyOf(b, b.length - 32)));
    }

    private static byte[] header(byte[] b, String from, String to) {
        String s = new String(b, java.nio.charset.StandardCharsets.ISO_8859_1);
        assertThat(s).contains(from);
        return s.replace(from, to).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    @ParameterizedTest
    @MethodSource("npyDamages")
    void aDamagedEmbeddingsFileIsCaughtWhileReadingInTheSameWords(Damage d) throws Exception {
        Case c = artefacts().filter(a -> a.name().equals("embeddings")).findFirst().orElseThrow();
        byte[] b = Files.readAllBytes(path(c.data()));
        Files.write(path(c.data()), d.apply().apply(b.clone()));
        assertThat(error(c)).isEqualTo(mismatch(c));
    }

    @org.junit.jupiter.api.Test
    void theVectorsReadAreTheVectorsWritten() {
        assertThat(EmbeddingArtefact.read(project, "default")).isDeepEqualTo(vectors(1));
        assertThat(EmbeddingArtefact.read(project, "topic")).isDeepEqualTo(vectors(2));
    }

    private String mismatch(Case c) {
        String command = c.command().endsWith("--out ") ? c.command() + project : c.command();
        String manifest = Path.of(c.manifest()).getFileName().toString();
        return path(c.data()) + " does not match its checksum in " + manifest
                + " (truncated, changed or damaged since it was written): run '" + command + "' again";
    }
}
