package dev.taskspace.bench;

import dev.taskspace.Reporter;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.onnx.BenchHooks;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Throughput of the fp32 engine on a Qwen3-Embedding-shaped model: tokens/s, texts/s, padding,
 * batches and the fraction of FP32 peak, for several token budgets per batch, each run on a
 * freshly opened embedder, the budgets taking turns so that machine noise spreads evenly.
 */
final class Qwen3Bench {
    private final Args args;

    Qwen3Bench(Args args) {
        this.args = args;
    }

    /** One configuration's plan and the work it implies. */
    private record Config(long budget, OnnxEmbedder.Options options, List<int[]> plan, double useful, double executed,
            long paddedSlots) {}

    /** One timed pass; {@code reruns}: batches timed again because other processes disturbed them. */
    private record Run(EmbeddingStats stats, Meter.Reading reading, double loadSeconds, int reruns) {}

    static OnnxModel model(Path dir, String precision) {
        Path onnx = dir.resolve("onnx/model.onnx");
        if (!Files.isRegularFile(onnx)) {
            throw new IllegalArgumentException("no model at " + onnx + ": run /usr/bin/python3 scripts/qwen3_synthetic.py "
                    + "--shape 0.6b --out " + dir + " (and scripts/qwen3_int8.py for int8)");
        }
        return OnnxModel.qwen3("random-weights/Qwen3-Embedding-0.6B-shape", onnx, dir.resolve("tokenizer.json"), precision);
    }

    /** The engine runs int8 (dynamically quantized) models one text per call, on parallel single-threaded calls. */
    private static boolean perText(String precision) {
        return precision.equals("int8") || precision.equals("uint8") || precision.equals("quantized");
    }

    private static List<int[]> plan(int[] lengths, OnnxEmbedder.Options o, String precision) {
        if (!perText(precision)) return BenchHooks.plan(lengths, o);
        List<int[]> singles = new ArrayList<>();
        for (int i = 0; i < lengths.length; i++) singles.add(new int[] {i});
        return singles;
    }

    void run() {
        Path dir = args.path("model", "/tmp/qwen3-0.6b-random");
        String precision = args.string("precision", "fp32");
        OnnxModel model = model(dir, precision);
        Qwen3Shape shape = Qwen3Shape.read(dir.resolve("config.json"));
        int every = args.integer("every", 4);
        int runs = args.integer("runs", 3);
        int threads = args.integer("threads", 2);
        double peak = args.decimal("peak", 510);
        double maxOthers = args.decimal("max-others", 0.15);
        int maxRetries = args.integer("retries", 4);
        double maxWait = args.decimal("max-wait", 1800);
        // int8 runs one text per call on parallel calls: only a whole pass keeps both calls busy.
        boolean wholePass = args.string("method", "batches").equals("pass") || perText(precision);
        List<String> texts = BenchCorpus.texts(args.path("corpus", "/tmp/bench-corpus"), every);
        List<String> prompts = BenchHooks.prompts(model, BenchCorpus.TOPIC, texts);
        int[] lengths = BenchHooks.tokenLengths(model, OnnxEmbedder.Options.DEFAULT, prompts);
        long realTokens = 0;
        for (int n : lengths) realTokens += n;

        System.out.printf("model   %s (%s)%n", dir, shape.describe());
        System.out.printf("texts   every %d-th demo document, task \"%s\" (Qwen3 prompt): %s%n", every, BenchCorpus.TOPIC.name(),
                BenchCorpus.describeLengths(lengths));
        System.out.printf("engine  %s, threads %d, token cap %d, runs %d, peak for %%: %.0f GFLOP/s%n",
                perText(precision) ? precision + " (one text per call, calls in parallel)" : precision, threads,
                OnnxEmbedder.Options.DEFAULT.maxTokens(), runs, peak);
        System.out.printf("timing  %s%n%n", wholePass ? "one embed() call per pass, repeated if disturbed"
                : "one embed() call per batch of the engine's plan, a batch repeated if disturbed; time = sum over batches");

        List<Config> configs = new ArrayList<>();
        for (long budget : args.longs("budgets", List.of(4096L))) {
            OnnxEmbedder.Options o = OnnxEmbedder.Options.DEFAULT.withThreads(threads)
                    .withBatching(budget, OnnxEmbedder.Options.DEFAULT.cellBudget(), OnnxEmbedder.Options.DEFAULT.maxBatch());
            List<int[]> plan = plan(lengths, o, precision);
            long slots = 0;
            for (int[] b : plan) slots += (long) lengths[b[0]] * b.length;
            configs.add(new Config(budget, o, plan, shape.usefulFlops(plan, lengths), shape.executedFlops(plan, lengths), slots));
        }
        Map<Long, List<Run>> results = new LinkedHashMap<>();
        configs.forEach(c -> results.put(c.budget(), new ArrayList<>()));
        for (int r = 0; r < runs; r++) {
            for (int k = 0; k < configs.size(); k++) {
                Config c = configs.get((k + r) % configs.size()); // rotate the order each round
                Meter.awaitQuiet(maxOthers / 2, maxWait);
                Run run = wholePass ? pass(model, c.options(), texts) : batchwise(model, c, texts, maxOthers, maxRetries, maxWait);
                for (int retry = 1; wholePass && retry <= maxRetries && run.reading().otherCores() > maxOthers; retry++) {
                    System.out.printf(Locale.ROOT, "round %d  budget %5d: disturbed (%s), again%n", r + 1, c.budget(),
                            run.reading().describe());
                    Meter.awaitQuiet(maxOthers / 2, maxWait);
                    run = pass(model, c.options(), texts);
                }
                check(run.stats(), c, realTokens);
                results.get(c.budget()).add(run);
                System.out.printf(Locale.ROOT, "round %d  budget %5d: %7.1f tokens/s  %5.2f texts/s  %5.1f%% of peak  "
                                + "(load %.1f s; %s; %d batches re-run)%n", r + 1, c.budget(), run.stats().tokensPerSecond(),
                        run.stats().textsPerSecond(), 100 * c.useful() / run.reading().seconds() / 1e9 / peak, run.loadSeconds(),
                        run.reading().describe(), run.reruns());
            }
        }
        System.out.println();
        System.out.println("| token budget | batches | padding | useful GFLOP | executed GFLOP | median tokens/s (min-max) "
                + "| median texts/s | useful GFLOP/s | % of " + (int) peak + " | JVM cores busy | other cores busy |");
        System.out.println("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
        for (Config c : configs) {
            List<Run> rs = results.get(c.budget());
            List<Double> tps = rs.stream().map(x -> x.stats().tokensPerSecond()).toList();
            List<Double> secs = rs.stream().map(x -> x.reading().seconds()).toList();
            double gflops = c.useful() / Meter.median(secs) / 1e9;
            System.out.printf(Locale.ROOT, "| %d | %d | %.2f%% | %.0f | %.0f | %.1f (%.1f-%.1f) | %.2f | %.1f | %.1f%% | %.2f | %.2f |%n",
                    c.budget(), c.plan().size(), 100.0 * (c.paddedSlots() - realTokens) / c.paddedSlots(), c.useful() / 1e9,
                    c.executed() / 1e9, Meter.median(tps), Meter.min(tps), Meter.max(tps),
                    Meter.median(rs.stream().map(x -> x.stats().textsPerSecond()).toList()), gflops, 100 * gflops / peak,
                    Meter.median(rs.stream().map(x -> x.reading().ownCores()).toList()),
                    Meter.median(rs.stream().map(x -> x.reading().otherCores()).toList()));
        }
        System.out.printf(Locale.ROOT, "%nuseful GFLOP per real token (mean over the texts): %.3f%n",
                configs.get(0).useful() / realTokens / 1e9);
        System.out.printf("peak RSS of this JVM so far (VmHWM): %s%n", Args.procStatus("VmHWM"));
    }

    /** One full pass on a freshly opened embedder, after a small untimed warm-up call. */
    static Run pass(OnnxModel model, OnnxEmbedder.Options options, List<String> texts) {
        long t0 = System.nanoTime();
        try (Embedder e = OnnxEmbedder.open(model, options)) {
            double load = (System.nanoTime() - t0) / 1e9;
            String afterLoad = Args.procStatus("VmHWM");
            e.embed(texts.subList(Math.max(0, texts.size() - 4), texts.size()), BenchCorpus.TOPIC, Reporter.SILENT);
            System.out.printf("  (peak resident set after loading the model %s, after the warm-up call %s)%n", afterLoad,
                    Args.procStatus("VmHWM"));
            Meter meter = Meter.start();
            Embedder.Result result = e.embed(texts, BenchCorpus.TOPIC, Reporter.SILENT);
            return new Run(result.stats(), meter.stop(), load, 0);
        }
    }

    /**
     * A pass timed batch by batch: the engine is called once per batch of its own plan (the
     * batch's texts alone form exactly that batch again), so that a batch disturbed by another
     * process can be timed again instead of the whole pass. Time = the sum over batches.
     */
    private static Run batchwise(OnnxModel model, Config c, List<String> texts, double maxOthers, int maxRetries, double maxWait) {
        long t0 = System.nanoTime();
        try (Embedder e = OnnxEmbedder.open(model, c.options())) {
            double load = (System.nanoTime() - t0) / 1e9;
            e.embed(texts.subList(Math.max(0, texts.size() - 4), texts.size()), BenchCorpus.TOPIC, Reporter.SILENT);
            EmbeddingStats total = EmbeddingStats.NONE;
            double seconds = 0;
            double ownCoreSeconds = 0;
            double otherCoreSeconds = 0;
            int reruns = 0;
            for (int[] batch : c.plan()) {
                List<String> sub = new ArrayList<>(batch.length);
                for (int i : batch) sub.add(texts.get(i));
                Embedder.Result result;
                Meter.Reading reading;
                for (int attempt = 0; ; attempt++) {
                    Meter m = Meter.start();
                    result = e.embed(sub, BenchCorpus.TOPIC, Reporter.SILENT);
                    reading = m.stop();
                    if (!(reading.otherCores() > maxOthers) || attempt >= maxRetries) break;
                    reruns++;
                    if (attempt >= 1) Meter.awaitQuiet(maxOthers / 2, maxWait);
                }
                if (result.stats().batches() != (perText(model.precision()) ? batch.length : 1)) {
                    throw new IllegalStateException("a batch of the plan was not formed again alone: " + result.stats());
                }
                total = total.plus(result.stats());
                seconds += reading.seconds();
                ownCoreSeconds += reading.ownCores() * reading.seconds();
                otherCoreSeconds += reading.otherCores() * reading.seconds();
            }
            return new Run(total, new Meter.Reading(seconds, ownCoreSeconds / seconds, otherCoreSeconds / seconds), load, reruns);
        }
    }

    /** The engine's own counts must match the plan the FLOPs were computed from. */
    private static void check(EmbeddingStats s, Config c, long realTokens) {
        if (s.tokens() != realTokens || s.batches() != c.plan().size() || s.paddedTokens() != c.paddedSlots()) {
            throw new IllegalStateException("the engine's counts " + s + " differ from the benchmark's plan (tokens " + realTokens
                    + ", batches " + c.plan().size() + ", slots " + c.paddedSlots() + ")");
        }
    }

    /**
     * The batch plan of every {@code --budgets} value (batches, padding fraction, FLOPs: all
     * deterministic, from the engine's own tokenization and planner), then, unless
     * {@code --plan-only true}, one pass over the texts at {@code --budget} (default: the
     * engine's), printing the engine-reported padding and the peak resident set. For a clean
     * peak-memory figure run it as its own JVM under {@code /usr/bin/time -v};
     * {@code --longest K} keeps only the K longest texts (the widest batches, where memory
     * peaks) for a quicker comparison of budgets.
     */
    void once() {
        Path dir = args.path("model", "/tmp/qwen3-0.6b-random");
        OnnxModel model = model(dir, args.string("precision", "fp32"));
        Qwen3Shape shape = Qwen3Shape.read(dir.resolve("config.json"));
        List<String> all = BenchCorpus.texts(args.path("corpus", "/tmp/bench-corpus"), args.integer("every", 1));
        OnnxEmbedder.Options d = OnnxEmbedder.Options.DEFAULT;
        long budget = args.longs("budget", List.of((long) OnnxEmbedder.Options.DEFAULT_TOKEN_BUDGET)).get(0);
        OnnxEmbedder.Options o = d.withThreads(args.integer("threads", 2)).withMaxTokens(args.integer("max-tokens", d.maxTokens()))
                .withBatching(budget, d.cellBudget(), d.maxBatch());
        int[] allLengths = BenchHooks.tokenLengths(model, o, BenchHooks.prompts(model, BenchCorpus.TOPIC, all));
        List<String> texts = all;
        int longest = args.integer("longest", 0);
        if (longest > 0 && longest < all.size()) { // only the K longest texts: the widest batches, where memory peaks
            Integer[] order = new Integer[allLengths.length];
            for (int i = 0; i < order.length; i++) order[i] = i;
            java.util.Arrays.sort(order, (a, b) -> Integer.compare(allLengths[b], allLengths[a]));
            texts = new ArrayList<>();
            for (int k = 0; k < longest; k++) texts.add(all.get(order[k]));
        }
        int[] lengths = texts == all ? allLengths : BenchHooks.tokenLengths(model, o, BenchHooks.prompts(model, BenchCorpus.TOPIC, texts));
        System.out.printf("texts   %s (task \"%s\", Qwen3 prompt)%n", BenchCorpus.describeLengths(lengths), BenchCorpus.TOPIC.name());
        for (long b : args.longs("budgets", List.of(1024L, 2048L, 4096L, 8192L))) {
            List<int[]> plan = plan(lengths, o.withBatching(b, o.cellBudget(), o.maxBatch()), model.precision());
            long real = 0;
            long slots = 0;
            for (int[] batch : plan) {
                slots += (long) lengths[batch[0]] * batch.length;
                for (int i : batch) real += lengths[i];
            }
            System.out.printf(Locale.ROOT, "plan    token budget %5d: %3d batches, %,d real tokens in %,d slots: padding %.2f%%; "
                            + "useful %.0f GFLOP, executed %.0f GFLOP%n", b, plan.size(), real, slots, 100.0 * (slots - real) / slots,
                    shape.usefulFlops(plan, lengths) / 1e9, shape.executedFlops(plan, lengths) / 1e9);
        }
        if (Boolean.parseBoolean(args.string("plan-only", "false"))) return;
        System.out.printf("pass    token budget %d, %d threads%n", budget, o.threads());
        Run run = pass(model, o, texts);
        EmbeddingStats s = run.stats();
        System.out.printf(Locale.ROOT, "engine  %d texts, %,d tokens, %d batches, padding %.2f%%, %d truncated: %.1f tokens/s, "
                        + "%.2f texts/s (load %.1f s; %s)%n", s.texts(), s.tokens(), s.batches(), 100 * s.paddingFraction(),
                s.truncated(), s.tokensPerSecond(), s.textsPerSecond(), run.loadSeconds(), run.reading().describe());
        if (!perText(model.precision())) {
            double useful = shape.usefulFlops(plan(lengths, o, model.precision()), lengths);
            System.out.printf(Locale.ROOT, "work    %.0f GFLOP useful: %.1f GFLOP/s over the pass's wall time%n", useful / 1e9,
                    useful / 1e9 / run.reading().seconds());
        }
        Runtime rt = Runtime.getRuntime();
        System.out.printf("memory  VmHWM %s, VmRSS %s; Java heap used %d MB of %d MB committed (max %d MB)%n",
                Args.procStatus("VmHWM"), Args.procStatus("VmRSS"), (rt.totalMemory() - rt.freeMemory()) >> 20,
                rt.totalMemory() >> 20, rt.maxMemory() >> 20);
    }
}
