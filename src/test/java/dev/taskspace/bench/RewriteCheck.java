package dev.taskspace.bench;

import dev.taskspace.Reporter;
import dev.taskspace.embed.onnx.BenchHooks;
import dev.taskspace.embed.onnx.BundledModels;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How far the graph rewrite moves each bundled model's vectors: every {@code --every}-th demo
 * document under the {@code topic} task, embedded by the engine with and without the rewrite.
 * For an int8 model it also compares both with the float model it was quantized from, to show
 * whether the rewrite's change is inside the quantization's own error.
 */
final class RewriteCheck {
    private final Args args;

    RewriteCheck(Args args) {
        this.args = args;
    }

    void run() {
        Path cache = args.path("cache", "/tmp/taskspace-bench-cache");
        List<String> texts = BenchCorpus.texts(args.path("corpus", "/tmp/bench-corpus"), args.integer("every", 4));
        System.out.println("| model | layer norms fused | cosine rewritten vs as-is: min / median | "
                + "vs the fp32 model, as-is: min / median | vs the fp32 model, rewritten: min / median |");
        System.out.println("|---|---:|---:|---:|---:|");
        for (BundledModels.Bundled b : BundledModels.ALL) {
            OnnxModel model = BundledModels.load(b, cache);
            int[] fused = new int[1];
            float[][] rewritten = embed(model, true, texts, fused);
            float[][] asIs = embed(model, false, texts, new int[1]);
            String fp32 = "-";
            String fp32Rewritten = "-";
            if (!b.precision().equals("fp32")) {
                String floatName = b.name().substring(0, b.name().length() - 2); // "-q"
                float[][] reference = embed(BundledModels.load(BundledModels.find(floatName).orElseThrow(), cache), false, texts, new int[1]);
                fp32 = stats(asIs, reference);
                fp32Rewritten = stats(rewritten, reference);
            }
            System.out.printf(Locale.ROOT, "| %s | %d | %s | %s | %s |%n", b.name(), fused[0], stats(rewritten, asIs), fp32, fp32Rewritten);
        }
    }

    /** The texts' vectors; {@code fused[0]}: how many layer norms the rewrite fused. */
    private static float[][] embed(OnnxModel model, boolean rewrite, List<String> texts, int[] fused) {
        try (OnnxEmbedder e = BenchHooks.open(model, OnnxEmbedder.Options.DEFAULT.withThreads(2), rewrite)) {
            fused[0] = BenchHooks.fusedLayerNorms(e);
            return e.embed(texts, BenchCorpus.TOPIC, Reporter.SILENT).vectors();
        }
    }

    private static String stats(float[][] a, float[][] b) {
        List<Double> cos = new ArrayList<>();
        for (int i = 0; i < a.length; i++) {
            double d = 0;
            for (int j = 0; j < a[i].length; j++) d += (double) a[i][j] * b[i][j];
            cos.add(d);
        }
        return String.format(Locale.ROOT, "%.5f / %.5f", Meter.min(cos), Meter.median(cos));
    }
}
