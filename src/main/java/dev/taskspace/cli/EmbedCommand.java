package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.embed.EmbedStage;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.RunEstimate;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.VectorStorage;
import dev.taskspace.embed.cache.CachingEmbedder;
import dev.taskspace.embed.cache.VectorCache;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import dev.taskspace.imported.ImportedArtefact;
import dev.taskspace.internal.ConsoleReporter;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace embed}: the second stage. */
@Command(
        name = "embed",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Embed the project's corpus once per task, in-process or through an OpenAI-compatible API, and write one "
                    + "float32 .npy matrix per task (embeddings/TASK.npy, rows in the order of embeddings/ids.txt) with "
                    + "embeddings/embeddings.json.",
            "",
            "Finished tasks are kept: a rerun with the same model and corpus embeds only what is missing. Vectors are "
                    + "also kept in the cache folder as each batch finishes, so an interrupted run resumes where it "
                    + "stopped and a new task embeds only itself.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  taskspace embed",
            "      Qwen3-Embedding-0.6B (downloaded once, 2.4 GB), the four demo tasks",
            "  taskspace embed --model bge-small-q",
            "      a bundled model: no download, but not instruction-tuned",
            "  taskspace embed --tasks default,sentiment --task 'legal=Classify the legal area of the given text'",
            "  taskspace embed --model ~/models/Qwen3-Embedding-0.6B-ONNX --precision int8 --threads 4",
            "  SILICONFLOW_API_KEY=... taskspace embed --backend remote",
            "      SiliconFlow's Qwen/Qwen3-Embedding-0.6B, as the original demo",
            "  taskspace embed --api-base http://localhost:11434/v1 --api-model qwen3-embedding:0.6b",
            "      a local Ollama server",
        })
final class EmbedCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-out",
            description = "The project folder: its corpus is read, its embeddings written (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin
    ModelOptions model;

    @Mixin
    RemoteOptions remote;

    @Mixin
    TaskOptions tasks;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ProjectDir project = new ProjectDir(outDir);
        CorpusArtefact.recordedSha256(project); // fail on a missing corpus before any download
        List<Task> chosen = tasks.tasks();
        try (Embedder embedder = model.open(root, remote, common, () -> model.resolve(root.env(), common, common.reporter(root)))) {
            EmbedReport report = new EmbedReport(root.out(), embedder, project);
            report.finish(EmbedStage.run(project, embedder, new EmbedStage.Options(chosen, tasks.replace, model.storage), common.reporter(root), report));
        }
        return 0;
    }

}
