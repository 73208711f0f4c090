package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.EmbeddingArtefact;
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
        try (Embedder embedder = open(root, model, remote, common, () -> model.resolve(root.env(), common, common.reporter(root)))) {
            run(root, embedder, chosen, tasks.replace, model.storage, common, project);
        }
        return 0;
    }

    /**
     * The embedder the options choose: the remote one, or the in-process one on the model that
     * {@code onnx} resolves; behind the vector cache unless {@code --no-cache}. Shared with {@code demo}.
     */
    static Embedder open(TaskspaceCommand root, ModelOptions model, RemoteOptions remote, CommonOptions common,
            Supplier<OnnxModel> onnx) {
        Embedder e;
        if (remote.remote()) {
            root.out().println(remote.describe(root.env(), model));
            e = remote.open(root.env(), model);
        } else {
            e = OnnxEmbedder.open(onnx.get(), model.engineOptions());
        }
        if (model.noCache) return e;
        VectorCache cache = new VectorCache(common.cacheDir(root.env()).resolve("vectors"));
        root.out().println("vector cache: " + cache.dir() + " (--no-cache to bypass)");
        return new CachingEmbedder(e, cache);
    }

    /**
     * Runs the stage into {@code project} with {@code embedder} and prints its summary; shared with {@code demo}.
     *
     * @param storage how to store the vectors; null: as the project's tasks already are
     */
    static void run(TaskspaceCommand root, Embedder embedder, List<Task> tasks, boolean replace, VectorStorage storage, CommonOptions common,
            ProjectDir project) {
        PrintStream out = root.out();
        ConsoleReporter reporter = common.reporter(root);
        Corpus corpus = CorpusArtefact.read(project);
        String corpusSha = CorpusArtefact.recordedSha256(project); // read() checked the file against it: no second pass
        List<String> ids = corpus.documents().stream().map(Document::id).toList();
        List<String> texts = corpus.documents().stream().map(Document::text).toList();
        ModelInfo info = embedder.info();
        boolean cached = embedder instanceof CachingEmbedder;
        out.printf(Locale.ROOT, "model: %s (%s, %s, %d dimensions)%n", info.id(), info.backend(), info.precision(), info.dimensions());
        if (!info.instructionAware()) out.println("note: " + info.caveat());
        EmbeddingArtefact artefact = EmbeddingArtefact.begin(project, info, embedder.engine(), corpusSha, ids, replace);
        if (storage != null) artefact.storing(storage);
        if (!artefact.discarded().isEmpty()) {
            out.println("replaced: discarded the finished tasks " + String.join(", ", artefact.discarded())
                    + " (made with another model, engine settings or corpus)");
        }
        RunEstimate.Estimate estimate = RunEstimate.of(embedder, texts, tasks.stream().filter(t -> !artefact.has(t)).toList());
        if (estimate != null && estimate.time().compareTo(RunEstimate.ANNOUNCE_ABOVE) > 0) {
            EstimateReport.print(estimate, info, dev.taskspace.imported.ImportedArtefact.exists(project), out);
        }
        EmbeddingStats total = EmbeddingStats.NONE;
        for (Task task : tasks) {
            if (artefact.has(task)) {
                out.printf(Locale.ROOT, "  %-12s already embedded with this model, its settings and this corpus: kept%n", task.name());
                continue;
            }
            Embedder.Result r = embedder.embed(texts, task, reporter);
            float[][] axis = task.axis() == null ? null
                    : embedder.embed(List.of(task.axis().negative(), task.axis().positive()), task, Reporter.SILENT).vectors();
            artefact.put(task, r.vectors(), axis, r.stats());
            total = total.plus(r.stats());
            out.println("  " + line(task.name(), r.stats(), cached));
        }
        if (total.texts() > 0 && tasks.size() > 1) out.println("  " + line("all", total, cached));
        out.println("wrote " + project.embeddingsDir() + (artefact.storage() == VectorStorage.FLOAT16 ? " (vectors stored as float16)" : ""));
    }

    private static String line(String name, EmbeddingStats s, boolean cached) {
        String cache = cached ? String.format(Locale.ROOT, "; cache: %,d hits, %,d misses", s.cacheHits(), s.cacheMisses()) : "";
        if (s.batches() == 0 && s.cacheHits() > 0) {
            return String.format(Locale.ROOT, "%-12s %,d texts, all from the vector cache, in %s%s", name, s.texts(),
                    ConsoleReporter.format(s.time()), cache);
        }
        if (s.requests() > 0) {
            return String.format(Locale.ROOT, "%-12s %,d texts, %,d requests (%,d retried), %,d tokens in %s: %.1f requests/s, "
                    + "%.1f texts/s%s", name, s.texts(), s.requests(), s.retries(), s.tokens(), ConsoleReporter.format(s.time()),
                    s.requestsPerSecond(), s.textsPerSecond(), cache);
        }
        return String.format(Locale.ROOT, "%-12s %,d texts, %,d tokens in %s: %,.0f tokens/s, %.1f texts/s, padding %.1f%%%s%s",
                name, s.texts(), s.tokens(), ConsoleReporter.format(s.time()), s.tokensPerSecond(), s.textsPerSecond(),
                100 * s.paddingFraction(), s.truncated() > 0 ? ", " + s.truncated() + " cut at the token cap" : "", cache);
    }
}
