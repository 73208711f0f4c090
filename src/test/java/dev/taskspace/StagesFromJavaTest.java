package dev.taskspace;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusStage;
import dev.taskspace.embed.EmbedStage;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingManifest;
import dev.taskspace.embed.Tasks;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.project.ProjectStage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library example of docs/ARCHITECTURE.md ("The stages from Java"), as written there, on a bundled model. */
class StagesFromJavaTest {
    @TempDir
    Path dir;

    @Test
    void corpusEmbedAndProjectRunFromJavaIntoOneProjectFolder() throws Exception {
        StringBuilder jsonl = new StringBuilder();
        String[] topics = {"the rocket reached orbit", "the engine of the car", "the pitcher threw the ball"};
        for (int i = 0; i < 30; i++) jsonl.append("{\"text\": \"").append(topics[i % 3]).append(" on day ").append(i)
                .append("\", \"label\": \"t").append(i % 3).append("\"}\n");
        Path input = Files.writeString(dir.resolve("reviews.jsonl"), jsonl);
        Map<String, String> env = Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString(), "TASKSPACE_OFFLINE", "1",
                "HF_HOME", dir.resolve("hf").toString());

        // -- as in docs/ARCHITECTURE.md (ModelResolver.defaults() there reads the process's environment)
        ProjectDir project = new ProjectDir(dir.resolve("reviews"));
        Corpus corpus = CorpusStage.run(CorpusStage.Options.own(input), project, Reporter.SILENT);
        OnnxModel model = ModelResolver.fromEnvironment(env).resolve("bge-small-q", null, Reporter.SILENT);
        try (Embedder embedder = OnnxEmbedder.open(model, OnnxEmbedder.Options.DEFAULT)) {
            EmbedStage.run(project, embedder, new EmbedStage.Options(Tasks.DEMO, false), Reporter.SILENT, EmbedStage.Listener.NONE);
        }
        List<ProjectStage.TaskSummary> figures = ProjectStage.run(project, ProjectStage.Options.DEFAULT, Reporter.SILENT);
        MapData map = MapArtefact.read(project.mapDir());
        // --

        assertThat(corpus.size()).isEqualTo(30);
        EmbeddingManifest embedded = dev.taskspace.embed.EmbeddingArtefact.recorded(project);
        assertThat(embedded.tasks()).extracting(EmbeddingManifest.TaskEntry::name)
                .containsExactlyElementsOf(Tasks.DEMO.stream().map(dev.taskspace.embed.Task::name).toList());
        assertThat(embedded.engine().pooling()).isEqualTo("CLS");
        assertThat(figures).hasSize(Tasks.DEMO.size());
        assertThat(figures.get(0).figures()).containsKey("knnAccuracy");
        assertThat(map.tasks()).hasSize(Tasks.DEMO.size());
        assertThat(map.ids()).hasSize(30);

        // the stage run again keeps every finished task
        try (Embedder embedder = OnnxEmbedder.open(model, OnnxEmbedder.Options.DEFAULT)) {
            EmbedStage.Result again = EmbedStage.run(project, embedder, new EmbedStage.Options(Tasks.DEMO, false), Reporter.SILENT,
                    EmbedStage.Listener.NONE);
            assertThat(again.total().texts()).isZero();
        }
    }
}
