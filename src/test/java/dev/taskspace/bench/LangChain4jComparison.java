package dev.taskspace.bench;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2.AllMiniLmL6V2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.allminilml6v2q.AllMiniLmL6V2QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15.BgeSmallEnV15EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2.E5SmallV2EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.e5smallv2q.E5SmallV2QuantizedEmbeddingModel;
import dev.langchain4j.model.output.Response;
import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.onnx.BenchHooks;
import dev.taskspace.embed.onnx.BundledModels;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;

/**
 * Each bundled model through taskspace's engine and through LangChain4j's own class for it, on
 * the same strings (the engine's prompts, e5's "query: " included), in one JVM on the same ONNX
 * Runtime: a warm-up call each, then rounds in which every configuration of taskspace
 * ({@code --configs}: calls x token budget, e.g. {@code 0x4096,2x1024}; default the engine's
 * defaults) and LangChain4j run once each, the order rotated each round so that drift hits all
 * alike.
 * Also the cosine of the two engines' vectors for each text.
 */
final class LangChain4jComparison {
    /** LangChain4j's class per bundled model; the executor is null for LangChain4j's default pool. */
    private static final Map<String, Function<Executor, EmbeddingModel>> CLASSES = Map.of(
            "all-minilm-l6-v2", e -> e == null ? new AllMiniLmL6V2EmbeddingModel() : new AllMiniLmL6V2EmbeddingModel(e),
            "all-minilm-l6-v2-q", e -> e == null ? new AllMiniLmL6V2QuantizedEmbeddingModel() : new AllMiniLmL6V2QuantizedEmbeddingModel(e),
            "bge-small-en-v1.5", e -> e == null ? new BgeSmallEnV15EmbeddingModel() : new BgeSmallEnV15EmbeddingModel(e),
            "bge-small-en-v1.5-q", e -> e == null ? new BgeSmallEnV15QuantizedEmbeddingModel() : new BgeSmallEnV15QuantizedEmbeddingModel(e),
            "e5-small-v2", e -> e == null ? new E5SmallV2EmbeddingModel() : new E5SmallV2EmbeddingModel(e),
            "e5-small-v2-q", e -> e == null ? new E5SmallV2QuantizedEmbeddingModel() : new E5SmallV2QuantizedEmbeddingModel(e));

    private final Args args;
    private double maxOthers;
    private int maxRetries;
    private double maxWait;

    LangChain4jComparison(Args args) {
        this.args = args;
    }

    /** One timed pass of either engine. */
    private record Pass(double seconds, long tokens, double ownCores, double otherCores, float[][] vectors) {
        double textsPerSecond() {
            return vectors.length / seconds;
        }
    }

    /** One taskspace configuration: model calls at once (0: the engine's choice) and token budget per batch. */
    private record Config(int calls, long budget) {
        static Config parse(String s) {
            String[] p = s.strip().split("x");
            return new Config(Integer.parseInt(p[0]), Long.parseLong(p[1]));
        }

        String label() {
            return (calls == 0 ? "auto" : calls + (calls == 1 ? " call" : " calls")) + ", budget " + (budget == 0 ? "auto" : budget);
        }
    }

    void run() {
        Path cache = args.path("cache", "/tmp/taskspace-bench-cache");
        int threads = args.integer("threads", 2);
        int rounds = args.integer("rounds", 5);
        int l4jThreads = args.integer("l4j-threads", 0);
        maxOthers = args.decimal("max-others", 0.15);
        maxRetries = args.integer("retries", 4);
        maxWait = args.decimal("max-wait", 1800);
        List<String> texts = BenchCorpus.texts(args.path("corpus", "/tmp/bench-corpus"), args.integer("every", 1));
        List<String> names = List.of(args.string("models", String.join(",", BundledModels.ALL.stream().map(BundledModels.Bundled::name)
                .toList())).split(","));
        List<Config> configs = new ArrayList<>();
        for (String c : args.string("configs", "0x0").split(",")) configs.add(Config.parse(c));
        ExecutorService pool = l4jThreads > 0 ? Executors.newFixedThreadPool(l4jThreads) : null;
        System.out.printf("texts: %d demo documents, task \"%s\"; taskspace threads %d, configurations (calls x token budget) %s; "
                        + "LangChain4j executor: %s; %d rounds%n%n", texts.size(), BenchCorpus.TOPIC.name(), threads,
                configs.stream().map(Config::label).toList(), pool == null ? "its default" : l4jThreads + " threads", rounds);
        List<String> rows = new ArrayList<>();
        try {
            for (String name : names) rows.addAll(compare(name.strip(), cache, texts, threads, configs, rounds, pool));
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        System.out.println();
        System.out.println("| model | taskspace | taskspace texts/s (min-max) | LangChain4j texts/s (min-max) | ratio (median of rounds) "
                + "| tokens taskspace / LangChain4j | cores busy ts / L4J | others | cosine, texts within both caps: min (n ≥ 0.999) "
                + "| cosine longer: min, median (n) |");
        System.out.println("|---|---|---:|---:|---:|---:|---:|---:|---:|---:|");
        rows.forEach(System.out::println);
    }

    /**
     * Every round runs each taskspace configuration and LangChain4j once, in an order rotated
     * from round to round, so that drift and load hit all alike; a round that other processes
     * disturbed beyond {@code --max-others} is run again.
     */
    private List<String> compare(String name, Path cache, List<String> texts, int threads, List<Config> configs, int rounds,
            Executor pool) {
        BundledModels.Bundled b = BundledModels.find(name).orElseThrow(() -> new IllegalArgumentException("no bundled model " + name));
        OnnxModel model = BundledModels.load(b, cache);
        List<String> prompts = BenchHooks.prompts(model, BenchCorpus.TOPIC, texts);
        int[] fullLengths = BenchHooks.tokenLengths(uncapped(model), OnnxEmbedder.Options.DEFAULT, prompts); // not cut at all
        int bothCap = Math.min(model.maxTokens(), truncation(model.tokenizerFile())); // both engines see the whole text up to here
        List<TextSegment> segments = prompts.stream().map(TextSegment::from).toList();
        EmbeddingModel l4j = CLASSES.get(name).apply(pool);
        int n = configs.size();
        List<Embedder> engines = new ArrayList<>();
        List<List<Pass>> ts = new ArrayList<>();
        List<List<Double>> ratios = new ArrayList<>();
        List<Pass> lc = new ArrayList<>();
        try {
            for (Config c : configs) {
                OnnxEmbedder.Options o = OnnxEmbedder.Options.DEFAULT.withThreads(threads).withCalls(c.calls())
                        .withMaxTokens(args.integer("max-tokens", OnnxEmbedder.Options.DEFAULT.maxTokens()))
                        .withBatching(c.budget(), OnnxEmbedder.Options.DEFAULT.cellBudget(), OnnxEmbedder.Options.DEFAULT.maxBatch());
                Embedder e = OnnxEmbedder.open(model, o);
                engines.add(e);
                e.embed(texts.subList(0, 32), BenchCorpus.TOPIC, Reporter.SILENT);
                ts.add(new ArrayList<>());
                ratios.add(new ArrayList<>());
            }
            l4j.embedAll(segments.subList(0, 32));
            for (int r = 0; r < rounds; r++) {
                Pass[] a = new Pass[n];
                Pass c = null;
                for (int attempt = 0; attempt <= maxRetries; attempt++) {
                    Meter.awaitQuiet(maxOthers / 2, maxWait);
                    for (int k = 0; k <= n; k++) {
                        int which = (k + r) % (n + 1); // n: LangChain4j
                        if (which == n) c = langchain4j(l4j, segments);
                        else a[which] = taskspace(engines.get(which), texts);
                    }
                    double others = c.otherCores();
                    for (Pass p : a) others = Math.max(others, p.otherCores());
                    if (others <= maxOthers) break;
                    System.out.printf(Locale.ROOT, "%-20s round %d disturbed (other processes up to %.2f cores), again%n", name, r + 1,
                            others);
                }
                lc.add(c);
                StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%-20s round %d: LangChain4j %6.1f texts/s (%.2f cores, "
                        + "others %.2f)", name, r + 1, c.textsPerSecond(), c.ownCores(), c.otherCores()));
                for (int k = 0; k < n; k++) {
                    ts.get(k).add(a[k]);
                    ratios.get(k).add(a[k].textsPerSecond() / c.textsPerSecond());
                    line.append(String.format(Locale.ROOT, "  | %s: %6.1f texts/s (%.2f cores, others %.2f) ratio %.2f",
                            configs.get(k).label(), a[k].textsPerSecond(), a[k].ownCores(), a[k].otherCores(), ratios.get(k).get(r)));
                }
                System.out.println(line);
            }
        } finally {
            engines.forEach(Embedder::close);
        }
        List<String> rows = new ArrayList<>();
        float[][] y = lc.get(lc.size() - 1).vectors();
        List<Double> lcRate = lc.stream().map(Pass::textsPerSecond).toList();
        for (int k = 0; k < n; k++) {
            List<Pass> mine = ts.get(k);
            float[][] x = mine.get(mine.size() - 1).vectors();
            List<Double> shortCos = new ArrayList<>();
            List<Double> longCos = new ArrayList<>();
            for (int i = 0; i < x.length; i++) (fullLengths[i] <= bothCap ? shortCos : longCos).add(dot(x[i], y[i]));
            List<Double> tsRate = mine.stream().map(Pass::textsPerSecond).toList();
            rows.add(String.format(Locale.ROOT, "| %s | %s | %.1f (%.1f-%.1f) | %.1f (%.1f-%.1f) | **%.2f×** | %,d / %,d | %.2f / %.2f "
                            + "| %.2f | %.5f (%d of %d) | %s |",
                    name + " (cap " + model.maxTokens() + "; LangChain4j " + bothCap + ")", configs.get(k).label(), Meter.median(tsRate), Meter.min(tsRate), Meter.max(tsRate), Meter.median(lcRate),
                    Meter.min(lcRate), Meter.max(lcRate), Meter.median(ratios.get(k)), mine.get(0).tokens(), lc.get(0).tokens(),
                    Meter.median(mine.stream().map(Pass::ownCores).toList()), Meter.median(lc.stream().map(Pass::ownCores).toList()),
                    Meter.median(mine.stream().map(Pass::otherCores).toList()), Meter.min(shortCos),
                    shortCos.stream().filter(v -> v >= 0.999).count(), shortCos.size(),
                    longCos.isEmpty() ? "-" : String.format(Locale.ROOT, "%.4f, %.4f (%d)", Meter.min(longCos), Meter.median(longCos),
                            longCos.size())));
        }
        return rows;
    }

    private static Pass taskspace(Embedder engine, List<String> texts) {
        Meter m = Meter.start();
        Embedder.Result r = engine.embed(texts, BenchCorpus.TOPIC, Reporter.SILENT);
        Meter.Reading t = m.stop();
        return new Pass(t.seconds(), r.stats().tokens(), t.ownCores(), t.otherCores(), r.vectors());
    }

    private static Pass langchain4j(EmbeddingModel model, List<TextSegment> segments) {
        Meter m = Meter.start();
        Response<List<Embedding>> r = model.embedAll(segments);
        Meter.Reading t = m.stop();
        float[][] v = r.content().stream().map(Embedding::vector).toArray(float[][]::new);
        // LangChain4j counts tokens without [CLS] and [SEP]; add them back to compare with taskspace.
        long tokens = r.tokenUsage().inputTokenCount() + 2L * segments.size();
        return new Pass(t.seconds(), tokens, t.ownCores(), t.otherCores(), v);
    }

    /**
     * The truncation length a tokenizer.json sets for itself (LangChain4j's tokenizer honours
     * it: all-MiniLM-L6-v2's file says 128), or the largest int.
     */
    private static int truncation(Path tokenizerJson) {
        try {
            com.fasterxml.jackson.databind.JsonNode t = new com.fasterxml.jackson.databind.ObjectMapper().readTree(tokenizerJson.toFile());
            int n = t.path("truncation").path("max_length").asInt(0);
            return n > 0 ? n : Integer.MAX_VALUE;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The same model without its token limit, to count each text's full length. */
    private static OnnxModel uncapped(OnnxModel m) {
        return new OnnxModel(m.id(), m.onnxFile(), m.tokenizerFile(), m.precision(), m.pooling(), m.leftPadding(), m.endToken(),
                m.instructionAware(), m.promptStyle(), m.textPrefix(), 0);
    }

    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += (double) a[i] * b[i];
        return s;
    }
}
