package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The projection stage on synthetic embeddings: map contents, drift, axes, alignment, unlabelled corpora. */
class ProjectStageTest {
    private static final int N = 90;
    private static final int DIMS = 16;

    @TempDir
    Path dir;

    /** Three well-separated clusters; {@code shuffle} reassigns vectors so neighbourhoods change. */
    private static float[][] clusters(long seed, boolean shuffle) {
        Random r = new Random(seed);
        float[][] centres = new float[3][DIMS];
        Random c = new Random(1);
        for (float[] centre : centres) for (int j = 0; j < DIMS; j++) centre[j] = (float) c.nextGaussian() * 4;
        float[][] x = new float[N][DIMS];
        for (int i = 0; i < N; i++) {
            int cl = shuffle ? (i * 7) % 3 : i % 3;
            for (int j = 0; j < DIMS; j++) x[i][j] = centres[cl][j] + (float) r.nextGaussian();
        }
        return x;
    }

    private ProjectDir project(boolean labelled) {
        return project(i -> labelled ? "c" + (i % 3) : null);
    }

    private ProjectDir project(java.util.function.IntFunction<String> label) {
        ProjectDir p = new ProjectDir(dir);
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            docs.add(new Document(String.format("d%03d", i), label.apply(i), "text <b>" + i + "</b> " + "x".repeat(i * 3), "t"));
        }
        CorpusArtefact.write(p, new Corpus(docs, Map.of(), Set.of(), Map.of("source", "synthetic")));
        ModelInfo info = new ModelInfo("synthetic", "test", "fp32", DIMS, true, PromptStyle.QWEN3);
        EmbeddingArtefact a = EmbeddingArtefact.begin(p, info, dev.taskspace.embed.EngineSettings.NONE, sha(p), docs.stream().map(Document::id).toList(), false);
        a.put(new Task("default", null, ""), clusters(2, false), null, EmbeddingStats.NONE);
        a.put(new Task("same", "Repeat", ""), clusters(2, false), null, EmbeddingStats.NONE);
        float[][] axis = {clusters(3, false)[0], clusters(3, false)[1]};
        a.put(new Task("mixed", "Mix", "", new Task.Axis("low", "high")), clusters(4, true), axis, EmbeddingStats.NONE);
        return p;
    }

    private static String sha(ProjectDir p) {
        try {
            return dev.taskspace.internal.Hashing.sha256(p.corpusDocuments());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void writesAMapWithEveryTaskItsFiguresDriftAndAxis() {
        ProjectDir p = project(true);
        List<ProjectStage.TaskSummary> summary = ProjectStage.run(p, ProjectStage.Options.DEFAULT, Reporter.SILENT);
        MapData map = MapArtefact.read(p.mapDir());

        assertThat(map.tasks()).extracting(MapData.TaskLayer::name).containsExactly("default", "same", "mixed");
        assertThat(summary).extracting(ProjectStage.TaskSummary::name).containsExactly("default", "same", "mixed");
        MapData.TaskLayer ref = map.tasks().get(0);
        assertThat(ref.figures().get("knnAccuracy")).as("clusters are the labels").isGreaterThan(0.95);
        assertThat(ref.figures().get("trustworthiness")).isGreaterThan(0.85);
        assertThat(ref.drift()).containsOnly(0f);
        assertThat(map.tasks().get(1).drift()).as("same vectors, same neighbours").containsOnly(0f);
        assertThat(map.tasks().get(2).figures().get("meanDrift")).isGreaterThan(0.5);
        assertThat(map.taskJaccard()[0][1]).isEqualTo(1.0);
        assertThat(map.taskJaccard()[0][2]).isLessThan(0.5);
        assertThat(ref.neighbours()[0]).hasSize(10).doesNotContain(0);
        assertThat(map.previews().get(N - 1)).endsWith("…").hasSizeLessThan(210);

        assertThat(map.axes()).singleElement().satisfies(a -> {
            assertThat(a.name()).isEqualTo("mixed");
            assertThat(a.negative()).isEqualTo("low");
            float[][] x = EmbeddingArtefact.read(p, "mixed");
            float[][] axis = EmbeddingArtefact.readAxis(p, "mixed");
            double expected = dot(x[5], axis[1]) - dot(x[5], axis[0]);
            assertThat((double) a.scores()[5]).isCloseTo(expected, within(1e-5));
        });
    }

    @Test
    void aTaskStoredAsFloat16IsProjectedBesideFloat32OnesWithTheSameNeighbours() {
        ProjectDir p = project(true);
        ModelInfo info = new ModelInfo("synthetic", "test", "fp32", DIMS, true, PromptStyle.QWEN3);
        EmbeddingArtefact a = EmbeddingArtefact.begin(p, info, dev.taskspace.embed.EngineSettings.NONE, sha(p), readIds(p), false).storing(dev.taskspace.embed.VectorStorage.FLOAT16);
        a.put(new Task("same", "Repeat", ""), clusters(2, false), null, EmbeddingStats.NONE); // default's vectors, as float16
        ProjectStage.run(p, ProjectStage.Options.DEFAULT, Reporter.SILENT);
        MapData map = MapArtefact.read(p.mapDir());
        assertThat(map.tasks()).extracting(MapData.TaskLayer::name).containsExactly("default", "mixed", "same"); // re-put: last
        assertThat(map.taskJaccard()[0][2]).as("float16 rounding keeps the neighbours").isGreaterThan(0.95);
        assertThat(map.tasks().get(2).figures().get("knnAccuracy")).isGreaterThan(0.95);
    }

    private static List<String> readIds(ProjectDir p) {
        try {
            return java.nio.file.Files.readAllLines(p.embeddingIds());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void alignmentKeepsEachTasksOwnStructureAndPutsIdenticalTasksOnTopOfEachOther() {
        ProjectDir p = project(true);
        ProjectStage.run(p, ProjectStage.Options.DEFAULT, Reporter.SILENT);
        MapData map = MapArtefact.read(p.mapDir());
        // An identical task gets the identical layout after alignment.
        float[][] a = map.tasks().get(0).coords();
        float[][] b = map.tasks().get(1).coords();
        for (int i = 0; i < N; i++) {
            assertThat((double) b[i][0]).isCloseTo(a[i][0], within(1e-3));
            assertThat((double) b[i][1]).isCloseTo(a[i][1], within(1e-3));
        }
        // The aligned layout is as trustworthy as the independent fit (a similarity transform).
        float[][] x = EmbeddingArtefact.read(p, "mixed");
        float[][] independent = Umap.DEFAULT.fit(x, Reporter.Progress.NONE);
        double alone = Metrics.trustworthiness(x, independent, 15, 1);
        double aligned = Metrics.trustworthiness(x, map.tasks().get(2).coords(), 15, 1);
        assertThat(aligned).isCloseTo(alone, within(1e-6));
    }

    @Test
    void withoutLabelsTheLabelFiguresAreLeftOut() {
        ProjectDir p = project(false);
        ProjectStage.run(p, ProjectStage.Options.DEFAULT, Reporter.SILENT);
        Map<String, Double> f = MapArtefact.read(p.mapDir()).tasks().get(0).figures();
        assertThat(f).containsKey("trustworthiness").doesNotContainKeys("knnAccuracy", "silhouette", "knnAccuracy2d", "silhouette2d");
    }

    /** 5-fold cross-validation needs 5 labelled documents; 4 of them get a map, not an internal error. */
    @Test
    void tooFewLabelledDocumentsForTheFoldsLeaveTheLabelFiguresOut() {
        ProjectDir p = project(i -> i < 4 ? "c" + (i % 2) : null);
        ProjectStage.run(p, ProjectStage.Options.DEFAULT, Reporter.SILENT);
        Map<String, Double> f = MapArtefact.read(p.mapDir()).tasks().get(0).figures();
        assertThat(f).containsKey("trustworthiness").doesNotContainKeys("knnAccuracy", "silhouette", "knnAccuracy2d", "silhouette2d");
    }

    @Test
    void aChosenTaskOrderAndUnknownTasks() {
        ProjectDir p = project(true);
        ProjectStage.Options o = ProjectStage.Options.DEFAULT;
        ProjectStage.Options chosen = new ProjectStage.Options(o.umap(), o.neighbours(), o.trustK(), o.folds(), o.seed(), o.threads(),
                List.of("mixed", "default"));
        ProjectStage.run(p, chosen, Reporter.SILENT);
        MapData map = MapArtefact.read(p.mapDir());
        assertThat(map.tasks()).extracting(MapData.TaskLayer::name).containsExactly("mixed", "default");
        assertThat(map.tasks().get(0).drift()).as("the first task is the reference").containsOnly(0f);
        ProjectStage.Options unknown = new ProjectStage.Options(o.umap(), o.neighbours(), o.trustK(), o.folds(), o.seed(), o.threads(),
                List.of("nope"));
        assertThatThrownBy(() -> ProjectStage.run(p, unknown, Reporter.SILENT)).hasMessageContaining("task \"nope\" is not embedded");
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
            na += a[i] * a[i];
            nb += b[i] * b[i];
        }
        return s / Math.sqrt(na * nb);
    }
}
