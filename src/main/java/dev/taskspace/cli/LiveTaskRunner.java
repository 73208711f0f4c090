package dev.taskspace.cli;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import dev.taskspace.embed.onnx.Pooling;
import dev.taskspace.hub.HfHub;
import dev.taskspace.internal.Hashing;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.project.ProjectStage;
import dev.taskspace.web.LiveTasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Live instructions for {@code serve}: embeds the corpus with the new instruction using the
 * model the map was made with (as recorded in embeddings.json), then runs the projection stage
 * again with the map's tasks plus the new one. UMAP is seeded, so the existing tasks' layouts
 * come out the same and only the new task appears, aligned to the reference.
 */
final class LiveTaskRunner implements LiveTasks {
    private final ProjectDir project;
    private final Map<String, String> env;
    private final Path cacheDir;
    private final ProjectStage.Options projection;
    private final String unavailable;

    LiveTaskRunner(ProjectDir project, Map<String, String> env, Path cacheDir, ProjectStage.Options projection) {
        this.project = project;
        this.env = env;
        this.cacheDir = cacheDir;
        this.projection = projection;
        this.unavailable = reasonUnavailable();
    }

    @Override
    public boolean available() {
        return unavailable.isEmpty();
    }

    @Override
    public String reason() {
        return unavailable;
    }

    private String reasonUnavailable() {
        try {
            JsonNode model = EmbeddingArtefact.manifest(project).path("model");
            if (!"onnx".equals(model.path("backend").asText())) {
                return "This map was embedded through an API; add a task with 'taskspace embed --task NAME=INSTRUCTION' "
                        + "and 'taskspace project'.";
            }
            return "";
        } catch (TaskspaceException e) {
            return e.getMessage();
        }
    }

    @Override
    public void run(String name, String instruction, ProgressListener progress) {
        if (!available()) throw new TaskspaceException(unavailable);
        JsonNode manifest = EmbeddingArtefact.manifest(project);
        JsonNode recorded = manifest.path("model");
        ModelInfo info = new ModelInfo(recorded.path("id").asText(), recorded.path("backend").asText(), recorded.path("precision").asText(),
                recorded.path("dimensions").asInt(), recorded.path("instructionAware").asBoolean(),
                PromptStyle.valueOf(recorded.path("promptStyle").asText("QWEN3")));
        // The recorded settings, so that the finished tasks are kept: a live task is added to them.
        String recordedSettings = manifest.path("embedder").asText("");
        HfHub hub = HfHub.fromEnvironment(env, System.getProperty("user.home"));
        // (values that do not parse are left to the settings check below, which says what differs)
        Pooling pooling = OnnxEmbedder.setting(recordedSettings, "pooling")
                .flatMap(v -> java.util.Arrays.stream(Pooling.values()).filter(p -> p.name().equals(v)).findFirst()).orElse(Pooling.MEAN);
        OnnxModel onnx = new ModelResolver(hub, cacheDir, pooling).resolve(info.id(), info.precision(), Reporter.SILENT)
                .withPromptStyle(info.promptStyle());
        OnnxEmbedder.Options options = OnnxEmbedder.Options.DEFAULT.withDimensions(info.dimensions());
        options = options.withMaxTokens(OnnxEmbedder.setting(recordedSettings, "maxTokens").filter(v -> v.matches("\\d{1,9}"))
                .map(Integer::parseInt).filter(n -> n >= 2).orElse(options.maxTokens()));
        Corpus corpus = CorpusArtefact.read(project);
        List<String> texts = corpus.documents().stream().map(Document::text).toList();
        Task task = new Task(name, instruction, "your instruction");
        try (Embedder embedder = OnnxEmbedder.open(onnx, options)) {
            if (!embedder.info().equals(info)) {
                throw new TaskspaceException("the model " + info.id() + " no longer matches the one this map was made with; "
                        + "run 'taskspace embed' and 'taskspace project' again");
            }
            if (!recordedSettings.isEmpty() && !recordedSettings.equals(embedder.settings())) {
                throw new TaskspaceException("this map was embedded with other engine settings (" + recordedSettings + ") than a live "
                        + "task would use now (" + embedder.settings() + "); run 'taskspace embed' and 'taskspace project' again");
            }
            String settings = recordedSettings.isEmpty() ? embedder.settings() : recordedSettings;
            EmbeddingArtefact artefact = EmbeddingArtefact.begin(project, info, settings, Hashing.sha256(project.corpusDocuments()),
                    corpus.documents().stream().map(Document::id).toList(), false);
            Embedder.Result r = embedder.embed(texts, task, new ListenerReporter("embedding", progress));
            artefact.put(task, r.vectors(), null, r.stats());
        } catch (java.io.IOException e) {
            throw new TaskspaceException("cannot read the corpus: " + e.getMessage(), e);
        }
        progress.update("projecting", 0, -1);
        MapData map = MapArtefact.read(project.mapDir());
        List<String> tasks = new ArrayList<>();
        map.tasks().forEach(t -> tasks.add(t.name()));
        tasks.add(name);
        ProjectStage.Options o = projection;
        ProjectStage.run(project, new ProjectStage.Options(o.umap(), o.neighbours(), o.trustK(), o.folds(), o.seed(), o.threads(), tasks),
                new ListenerReporter("projecting", progress));
    }

    /** Passes a stage's progress bars on to the page. */
    private record ListenerReporter(String stage, ProgressListener listener) implements Reporter {
        @Override
        public void info(String line) {}

        @Override
        public Progress progress(String label, long total, Unit unit) {
            long[] done = {0};
            return new Progress() {
                @Override
                public void stepBy(long n) {
                    done[0] += n;
                    listener.update(stage, done[0], total);
                }

                @Override
                public void stepTo(long n) {
                    done[0] = n;
                    listener.update(stage, n, total);
                }

                @Override
                public void message(String text) {}

                @Override
                public void close() {}
            };
        }
    }
}
