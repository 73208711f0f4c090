package dev.taskspace.examples;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.Document;
import dev.taskspace.corpus.Newsgroups;
import dev.taskspace.corpus.Sampler;
import dev.taskspace.corpus.TextRules;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import dev.taskspace.embed.cache.CachingEmbedder;
import dev.taskspace.embed.cache.VectorCache;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import dev.taskspace.embed.remote.ApiKey;
import dev.taskspace.embed.remote.RemoteEmbedder;
import dev.taskspace.map.Drift;
import dev.taskspace.project.Metrics;
import dev.taskspace.project.Neighbours;
import dev.taskspace.project.Procrustes;
import dev.taskspace.project.Umap;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * The taskspace tutorial: embed the same 800 newsgroup posts twice — with no instruction and
 * with the sentiment instruction — project both embeddings to 2-D, align the two maps, measure
 * them, and draw them side by side. {@code docs/TUTORIAL.md} walks through this file step by
 * step; run it with {@code mvn -q -Ptutorial}.
 *
 * <p>It uses only taskspace's public API, the same classes the command line is built from:
 * {@code corpus} (load and sample), {@code embed} (tasks and embedders), {@code project} (UMAP,
 * alignment, figures). The picture is drawn by {@link TwoPanelPlot} with XChart.
 */
public final class DefaultVsSentiment {
    private DefaultVsSentiment() {}

    /** Runs the tutorial; {@code --help} lists the options. */
    public static void main(String[] args) {
        int code = run(args);
        if (code != 0) System.exit(code);
    }

    /** The tutorial from start to end; returns the exit code (0: a picture was written). */
    static int run(String[] args) {
        try {
            Settings settings = Settings.parse(args);
            if (settings == null) return 0; // --help
            tutorial(settings);
            return 0;
        } catch (TaskspaceException | IllegalArgumentException e) {
            System.err.println("tutorial: error: " + e.getMessage());
            return 1;
        } catch (IOException e) {
            System.err.println("tutorial: error: cannot write the picture: " + e.getMessage());
            return 1;
        }
    }

    static void tutorial(Settings settings) throws IOException {
        Reporter reporter = Reporter.console(); // notes and progress bars on stderr, as the command line shows them

        // Step 1: the demo sample. 20 Newsgroups, cleaned as scikit-learn does, 80 posts from
        // each of the original demo's 10 categories, drawn with seed 42: the same 800 posts as
        // `./taskspace demo`, on any machine.
        Corpus pool = Newsgroups.load(Newsgroups.Source.defaults(), Newsgroups.DEMO_CATEGORIES, Newsgroups.SPLITS,
                TextRules.DEMO, reporter);
        List<Document> docs = Sampler.perLabel(pool.documents(), settings.perLabel(), 42);
        List<String> texts = docs.stream().map(Document::text).toList();
        System.out.printf(Locale.ROOT, "1. corpus: %d posts in %d categories (of %,d usable)%n", docs.size(),
                Newsgroups.DEMO_CATEGORIES.size(), pool.size());

        // Step 2: two tasks. A task is a name, an instruction (or none) and a note on what to
        // look for. "default" has no instruction: plain semantic similarity.
        Task plain = Tasks.select(Tasks.DEMO, List.of("default")).get(0);
        Task task = settings.task();
        System.out.println("2. tasks: " + plain.name() + " (no instruction) and " + task.name() + ": \""
                + task.instruction() + "\"");

        // Step 3: embed, live. The same texts twice, once per task. Vectors come back in input
        // order, each of unit length. The vector cache keeps them, so a rerun (or a run after
        // `./taskspace demo` with the same model) takes seconds.
        float[][] plainVectors;
        float[][] taskVectors;
        ModelInfo model;
        try (Embedder embedder = new CachingEmbedder(openEmbedder(settings, reporter), VectorCache.defaults())) {
            model = embedder.info();
            System.out.printf(Locale.ROOT, "3. embed: %s (%s, %d dimensions)%n", model.id(), model.backend(), model.dimensions());
            if (!model.instructionAware()) System.out.println("   note: " + model.caveat());
            plainVectors = embed(embedder, texts, plain, reporter);
            taskVectors = embed(embedder, texts, task, reporter);
        }

        // Step 4: project and align. Each task gets its own UMAP layout (15 neighbours,
        // min_dist 0.1, seed 42: the same every run). UMAP's layouts come out turned, mirrored
        // and scaled at random, so the task's layout is brought into the default one's frame
        // by a similarity transform (Procrustes). The fit is weighted by how many of each
        // post's 10 nearest neighbours the instruction left in place: posts the instruction
        // did not move anchor the frame; the ones it moved are free to move.
        int threads = Runtime.getRuntime().availableProcessors();
        float[][] plainMap = umap(plainVectors, plain, reporter);
        float[][] taskMap = umap(taskVectors, task, reporter);
        int[][] plainNeighbours = Neighbours.knn(plainVectors, 10, true, threads); // [posts][10]
        int[][] taskNeighbours = Neighbours.knn(taskVectors, 10, true, threads);
        taskMap = Procrustes.fit(taskMap, plainMap, Procrustes.anchorWeights(plainNeighbours, taskNeighbours)).apply(taskMap);
        System.out.println("4. project: one UMAP layout per task, " + task.name() + "'s aligned onto " + plain.name() + "'s");

        // Step 5: figures. The metrics want each post's category as a number 0..L-1.
        List<String> categories = docs.stream().map(Document::label).distinct().sorted().toList();
        int[] labels = docs.stream().mapToInt(d -> categories.indexOf(d.label())).toArray();
        int[] folds = Metrics.stratifiedFolds(labels, 5, 42);
        Figures plainFigures = Figures.of(plainVectors, plainMap, labels, folds, threads);
        Figures taskFigures = Figures.of(taskVectors, taskMap, labels, folds, threads);
        float[] newShare = Drift.of(plainNeighbours, taskNeighbours); // per post: the share of its 10 neighbours that are new
        double drift = 0;
        for (float d : newShare) drift += d / newShare.length;
        System.out.println("5. figures:");
        System.out.printf(Locale.ROOT, "   %-12s %9s %11s %16s%n", "task", "kNN acc.", "silhouette", "trustworthiness");
        System.out.printf(Locale.ROOT, "   %-12s %9.3f %11.3f %16.3f%n", plain.name(), plainFigures.knnAccuracy(),
                plainFigures.silhouette(), plainFigures.trustworthiness());
        System.out.printf(Locale.ROOT, "   %-12s %9.3f %11.3f %16.3f%n", task.name(), taskFigures.knnAccuracy(),
                taskFigures.silhouette(), taskFigures.trustworthiness());
        System.out.printf(Locale.ROOT, "   mean drift from %s to %s: %.2f (the share of a post's 10 nearest neighbours that are new)%n",
                plain.name(), task.name(), drift);

        // Step 6: the picture. Two panels, default | task, one colour per category, one legend.
        TwoPanelPlot.Panel left = new TwoPanelPlot.Panel(plain.name(), "no instruction", plainMap, plainFigures.line());
        TwoPanelPlot.Panel right = new TwoPanelPlot.Panel(task.name(), "\u201c" + task.instruction() + "\u201d", taskMap,
                taskFigures.line() + String.format(Locale.ROOT, " \u00b7 drift from %s %.2f", plain.name(), drift));
        String title = String.format(Locale.ROOT, "The same %d posts, embedded without and with the %s instruction",
                docs.size(), task.name());
        String subtitle = model.id() + (model.instructionAware() ? " (instruction-tuned)"
                : " (not instruction-tuned: the instruction is only a text prefix)");
        Path out = TwoPanelPlot.write(settings.out(), title, subtitle, left, right, categories, labels);
        System.out.println("6. wrote " + out);
    }

    /**
     * The embedder the settings ask for: an OpenAI-compatible API when {@code --api-model} is
     * given (the key comes from the environment or {@code ./.env}), else a model in-process,
     * resolved as the command line resolves {@code --model}: a bundled model's name, a folder,
     * or a Hugging Face id (downloaded once into the Hugging Face cache).
     */
    static Embedder openEmbedder(Settings settings, Reporter reporter) {
        if (settings.apiModel() != null) {
            RemoteEmbedder.Options options = RemoteEmbedder.Options.DEFAULT.withServer(settings.apiBase(), settings.apiModel());
            ApiKey key = ApiKey.resolve(System.getenv(), Path.of(System.getProperty("user.dir")), options.base());
            return RemoteEmbedder.open(options, key);
        }
        OnnxModel model = ModelResolver.defaults().resolve(settings.model(), settings.precision(), reporter);
        return OnnxEmbedder.open(model, OnnxEmbedder.Options.DEFAULT);
    }

    /** The unit-length vectors [n][d] of {@code texts} under {@code task}, with a line on how it went. */
    static float[][] embed(Embedder embedder, List<String> texts, Task task, Reporter reporter) {
        Embedder.Result result = embedder.embed(texts, task, reporter);
        EmbeddingStats stats = result.stats();
        System.out.printf(Locale.ROOT, "   %-12s %d texts in %.1f s (%d from the vector cache)%n", task.name(), stats.texts(),
                stats.time().toMillis() / 1000.0, stats.cacheHits());
        return result.vectors();
    }

    /** A task's 2-D layout [n][2] of its vectors [n][d], with a progress bar. */
    static float[][] umap(float[][] vectors, Task task, Reporter reporter) {
        try (Reporter.Progress bar = reporter.progress("umap " + task.name(), 100, Reporter.Unit.ITEMS)) {
            return Umap.DEFAULT.fit(vectors, bar);
        }
    }

    /**
     * The figures of one task.
     *
     * @param knnAccuracy     share of posts whose 10 nearest neighbours (cosine, full vectors)
     *                        vote their own category, 5-fold cross-validated
     * @param silhouette      how far apart the categories stand in the full space (-1..1, cosine)
     * @param trustworthiness whether the map's neighbourhoods are real ones (k = 15; 1 is perfect)
     */
    record Figures(double knnAccuracy, double silhouette, double trustworthiness) {
        static Figures of(float[][] vectors, float[][] map, int[] labels, int[] folds, int threads) {
            return new Figures(Metrics.knnAccuracy(vectors, labels, folds, 10, true, threads),
                    Metrics.silhouette(vectors, labels, true, threads),
                    Metrics.trustworthiness(vectors, map, 15, threads));
        }

        String line() {
            return "kNN accuracy " + twoDecimals(knnAccuracy) + " \u00b7 silhouette " + twoDecimals(silhouette)
                    + " \u00b7 trustworthiness " + twoDecimals(trustworthiness);
        }

        /** 0.09, -0.12; never "-0.00". */
        private static String twoDecimals(double v) {
            String s = String.format(Locale.ROOT, "%.2f", v);
            return s.equals("-0.00") ? "0.00" : s;
        }
    }
}
