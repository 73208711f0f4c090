package dev.taskspace.imported;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.corpus.Document;
import dev.taskspace.corpus.Newsgroups;
import dev.taskspace.internal.Hashing;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.project.ImportedLayers;
import dev.taskspace.project.Metrics;
import dev.taskspace.project.ProjectStage;
import dev.taskspace.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The original demo's real Qwen3 maps (../shared/data/original-demo-data.json): 800 documents,
 * 10 categories x 80, four tasks, matched back to their 20 Newsgroups posts, and the imported
 * map's 2-D figures equal to scikit-learn's (scripts/sklearn_imported_fixtures.py).
 */
class OriginalDemoSharedDataIT {
    static Path data;
    static Path archive;
    static JsonNode expected;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        data = SharedData.require("original-demo-data.json");
        archive = SharedData.require("20news-bydate.tar.gz");
        try (InputStream in = OriginalDemoSharedDataIT.class.getResourceAsStream("original-demo-figures.json")) {
            expected = new ObjectMapper().readTree(in);
        }
    }

    @Test
    void theSharedCopyIs800DocumentsOf10CategoriesBy80WithFourTasks() {
        ImportedMaps m = OriginalDemo.read(data);
        assertThat(Hashing.sha256(readAll(data))).isEqualTo(OriginalDemo.CANONICAL_SHA256);
        assertThat(m.size()).isEqualTo(800);
        assertThat(m.tasks()).containsExactly("default", "sentiment", "topic", "toxicity");
        Map<String, Integer> perLabel = new TreeMap<>();
        m.documents().forEach(d -> perLabel.merge(d.label(), 1, Integer::sum));
        assertThat(perLabel).hasSize(10).allSatisfy((label, n) -> assertThat(n).isEqualTo(80));
        assertThat(perLabel.keySet()).containsExactlyInAnyOrderElementsOf(Newsgroups.DEMO_CATEGORIES);
        assertThat(m.documents().stream().filter(d -> d.text().contains("<") || d.text().contains(">")))
                .as("texts with markup characters, kept as data").isNotEmpty();
    }

    @Test
    void importingMatchesEveryTextToItsPostAndTheMapsFiguresAreScikitLearns() {
        ProjectDir project = new ProjectDir(tmp.resolve("p"));
        Newsgroups.Source ng = new Newsgroups.Source(archive, tmp.resolve("cache"), Newsgroups.CANONICAL_URL, Newsgroups.CANONICAL_SHA256, true);
        ImportStage.Result r = ImportStage.run(project, OriginalDemo.read(data), ng, false, Reporter.SILENT);
        assertThat(r.matched()).isEqualTo(800);
        List<String> ids = r.maps().documents().stream().map(Document::id).toList();
        assertThat(new HashSet<>(ids)).hasSize(800);
        assertThat(ids).allSatisfy(id -> assertThat(id).matches("(train|test)/[a-z.]+/\\d+"));
        for (Document d : r.maps().documents()) assertThat(d.id()).contains("/" + d.label() + "/");

        ImportedLayers.writeMap(project, ProjectStage.Options.DEFAULT);
        MapData map = MapArtefact.read(project.mapDir());
        assertThat(map.ids()).isEqualTo(ids);
        List<String> tasks = List.of("default", "sentiment", "topic", "toxicity");
        assertThat(map.tasks().stream().map(MapData.TaskLayer::name).toList()).isEqualTo(tasks);
        for (int t = 0; t < 4; t++) {
            MapData.TaskLayer layer = map.tasks().get(t);
            String name = tasks.get(t);
            assertThat(layer.importedFrom()).isEqualTo("Qwen3-Embedding-0.6B");
            assertThat(layer.figures().get("knnAccuracy2d")).as(name).isCloseTo(expected.path("knn_accuracy_2d").path(name).asDouble(), within(1e-12));
            assertThat(layer.figures().get("silhouette2d")).as(name).isCloseTo(expected.path("silhouette_2d").path(name).asDouble(), within(1e-9));
            assertThat(layer.figures().get("knnAccuracy")).as("no vectors: not available").isNaN();
            assertThat(layer.figures().get("silhouette")).isNaN();
            assertThat(layer.figures().get("trustworthiness")).isNaN();
            JsonNode lists = expected.path("knn_10").path(name);
            for (int i = 0; i < 800; i++) {
                for (int j = 0; j < 10; j++) assertThat(layer.neighbours()[i][j]).isEqualTo(lists.path(i).path(j).asInt());
            }
            for (int u = 0; u < 4; u++) {
                assertThat(map.taskJaccard()[t][u]).as("%s/%s", name, tasks.get(u))
                        .isCloseTo(expected.path("overlap_2d").path(t).path(u).asDouble(), within(1e-12));
            }
            assertThat(layer.figures().get("meanDrift")).isCloseTo(expected.path("drift_2d").path(name).asDouble(), within(1e-6));
        }
        assertThat(map.tasks().get(2).instruction()).isEqualTo("Identify the topic or theme of the given text");
        assertThat(map.tasks().get(0).instruction()).isNull();
        @SuppressWarnings("unchecked")
        Map<String, Object> imported = (Map<String, Object>) map.provenance().get("imported");
        assertThat(String.valueOf(imported.get("prompt"))).contains("Query: {text}");
        assertThat(String.valueOf(imported.get("projection"))).contains("one independent UMAP per task");
        assertThat(String.valueOf(imported.get("vectors"))).contains("not available");
    }

    @Test
    void theScriptsFoldsAreTaskspacesFolds() {
        // The fixture's kNN accuracies are only comparable if scikit-learn saw the folds taskspace uses.
        List<String> labels = OriginalDemo.read(data).documents().stream().map(Document::label).toList();
        List<String> names = labels.stream().distinct().sorted().toList();
        int[] codes = labels.stream().mapToInt(names::indexOf).toArray();
        int[] folds = Metrics.stratifiedFolds(codes, 5, 42);
        for (int i = 0; i < folds.length; i++) assertThat(folds[i]).isEqualTo(expected.path("folds").path(i).asInt());
    }

    private static byte[] readAll(Path p) {
        try {
            return java.nio.file.Files.readAllBytes(p);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
