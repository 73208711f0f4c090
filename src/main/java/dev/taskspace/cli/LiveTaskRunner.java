package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.EmbedStage;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingManifest;
import dev.taskspace.embed.EngineSettings;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import dev.taskspace.embed.onnx.Pooling;
import dev.taskspace.hub.HfHub;
import dev.taskspace.project.ProjectStage;
import dev.taskspace.web.LiveTasks;
import java.nio.file.Path;
import java.util.Map;

/**
 * Live instructions for {@code serve}: reopens the engine the map was embedded with (as
 * embeddings.json records it, {@link EngineSettings}), then adds the task with the embed and
 * projection stages' "add one task" operations ({@link EmbedStage#addTask},
 * {@link ProjectStage#addTask}). UMAP is seeded, so the existing tasks' layouts come out the same
 * and only the new task appears, aligned to the reference. The same model embeds search queries
 * ({@link #openRecordedModel}).
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
            if (!"onnx".equals(EmbeddingArtefact.recorded(project).model().backend())) {
                return "This map was embedded through an API; add a task with 'taskspace embed --task NAME=INSTRUCTION' "
                        + "and 'taskspace project'.";
            }
            return "";
        } catch (TaskspaceException e) {
            return e.getMessage();
        }
    }

    /**
     * Opens the model the map was embedded with (as embeddings.json records it: model, token cap,
     * pooling) and checks that it still is that model with those settings; the caller closes it.
     */
    Embedder openRecordedModel() {
        if (!available()) throw new TaskspaceException(unavailable);
        EmbeddingManifest manifest = EmbeddingArtefact.recorded(project);
        ModelInfo info = manifest.model();
        EngineSettings recorded = manifest.engine();
        if (recorded == null) {
            throw new TaskspaceException(project.embeddingsManifest() + " was written by an older taskspace and does not record the "
                    + "engine settings a live task needs: run 'taskspace embed --out " + project.root() + "' with the options it was "
                    + "made with (it keeps the finished tasks and records them), then add the task again");
        }
        HfHub hub = HfHub.fromEnvironment(env, System.getProperty("user.home"));
        OnnxModel onnx = new ModelResolver(hub, cacheDir, Pooling.named(recorded.pooling())).resolve(info.id(), info.precision(), Reporter.SILENT)
                .withPromptStyle(info.promptStyle());
        OnnxEmbedder.Options options = OnnxEmbedder.Options.DEFAULT.withDimensions(info.dimensions());
        if (recorded.maxTokens() > 0) options = options.withMaxTokens(recorded.maxTokens());
        Embedder embedder = OnnxEmbedder.open(onnx, options);
        try {
            if (!embedder.info().equals(info)) {
                throw new TaskspaceException("the model " + info.id() + " no longer matches the one this map was made with; "
                        + "run 'taskspace embed' and 'taskspace project' again");
            }
            if (!recorded.equals(embedder.engine()) || !manifest.embedder().equals(embedder.settings())) {
                throw new TaskspaceException("this map was embedded with other engine settings (" + manifest.embedder() + ") than a live "
                        + "task would use now (" + embedder.settings() + "); run 'taskspace embed' and 'taskspace project' again");
            }
        } catch (RuntimeException e) {
            embedder.close();
            throw e;
        }
        return embedder;
    }

    @Override
    public void run(String name, String instruction, ProgressListener progress) {
        // The recorded model and settings, so that the finished tasks are kept: a live task is added to them.
        try (Embedder embedder = openRecordedModel()) {
            EmbedStage.addTask(project, embedder, new Task(name, instruction, "your instruction"), new ListenerReporter("embedding", progress));
        }
        progress.update("projecting", 0, -1);
        ProjectStage.addTask(project, projection, name, new ListenerReporter("projecting", progress));
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
