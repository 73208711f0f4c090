package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every bundled model through the same engine: real models, no download. */
class BundledModelsIT {
    private static final Task PLAIN = new Task("default", null, "");
    private static final String ANCHOR = "The cat sat quietly on the warm windowsill all afternoon.";
    private static final String PARAPHRASE = "All afternoon, the cat rested calmly on the sunny window ledge.";
    private static final String UNRELATED = "Quarterly revenue fell because of higher interest rates on corporate loans.";

    @TempDir
    static Path cache;

    static List<String> names() {
        return BundledModels.ALL.stream().map(BundledModels.Bundled::name).toList();
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        for (int i = 0; i < a.length; i++) dot += a[i] * b[i];
        return dot; // both unit length
    }

    private static OnnxEmbedder open(String name) {
        return OnnxEmbedder.open(BundledModels.load(BundledModels.find(name).orElseThrow(), cache), OnnxEmbedder.Options.DEFAULT);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aParaphraseScoresHigherThanAnUnrelatedSentence(String name) {
        try (Embedder e = open(name)) {
            float[][] v = e.embed(List.of(ANCHOR, PARAPHRASE, UNRELATED), PLAIN, Reporter.SILENT).vectors();
            assertThat(cosine(v[0], v[1])).isGreaterThan(cosine(v[0], v[2]) + 0.1);
            assertThat(e.info().instructionAware()).isFalse();
            assertThat(e.info().caveat()).contains("not instruction-tuned");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void aTextGetsTheSameVectorAloneAndInsideAPaddedBatch(String name) {
        String longer = "A much longer sentence that forces the short one to be padded, because batches are as wide as "
                + "their longest text and every other text in them gets padding tokens to fill the rest of its row.";
        try (Embedder e = open(name)) {
            float[] alone = e.embed(List.of(ANCHOR), PLAIN, Reporter.SILENT).vectors()[0];
            Embedder.Result batch = e.embed(List.of(longer, ANCHOR, "Short."), PLAIN, Reporter.SILENT);
            if (e.info().precision().equals("fp32")) {
                assertThat(batch.stats().batches()).as("one padded batch").isEqualTo(1);
                assertThat(batch.stats().paddingFraction()).isPositive();
            } else {
                // Dynamic int8 quantization scales activations per call: one text per call.
                assertThat(batch.stats().batches()).isEqualTo(3);
            }
            assertThat(cosine(alone, batch.vectors()[1])).isGreaterThanOrEqualTo(0.9999);
        }
    }

    /**
     * The graph rewrite fuses both layer norms of every transformer layer. Float models keep their
     * vectors (to 1e-5 per component); int8 models move a little, because the layer norms' last
     * bits decide which way some activations round to int8 (BENCHMARKS.md measures how much).
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("names")
    void theGraphRewriteFusesEveryLayerNormAfterTheEmbeddingsAndKeepsTheVectors(String name) {
        OnnxModel model = BundledModels.load(BundledModels.find(name).orElseThrow(), cache);
        List<String> texts = List.of(ANCHOR, PARAPHRASE, UNRELATED, "Short.");
        try (OnnxEmbedder rewritten = OnnxEmbedder.open(model, OnnxEmbedder.Options.DEFAULT, true);
                OnnxEmbedder plain = OnnxEmbedder.open(model, OnnxEmbedder.Options.DEFAULT, false)) {
            int layers = name.startsWith("all-minilm") ? 6 : 12;
            assertThat(rewritten.fusedLayerNorms()).isEqualTo(2 * layers);
            assertThat(plain.fusedLayerNorms()).isZero();
            assertThat(rewritten.settings()).isNotEqualTo(plain.settings());
            float[][] a = rewritten.embed(texts, PLAIN, Reporter.SILENT).vectors();
            float[][] b = plain.embed(texts, PLAIN, Reporter.SILENT).vectors();
            for (int i = 0; i < texts.size(); i++) {
                if (model.precision().equals("fp32")) {
                    for (int j = 0; j < a[i].length; j++) assertThat(a[i][j]).isCloseTo(b[i][j], org.assertj.core.data.Offset.offset(1e-5f));
                } else {
                    assertThat(cosine(a[i], b[i])).as(texts.get(i)).isGreaterThan(0.99);
                }
            }
        }
    }

    @Test
    void filesAreCopiedOnceIntoTheCache() throws Exception {
        BundledModels.Bundled b = BundledModels.find("minilm-q").orElseThrow();
        OnnxModel first = BundledModels.load(b, cache);
        long modified = Files.getLastModifiedTime(first.onnxFile()).toMillis();
        OnnxModel again = BundledModels.load(b, cache);
        assertThat(again.onnxFile()).isEqualTo(first.onnxFile()).startsWith(cache.resolve("models/bundled"));
        assertThat(Files.getLastModifiedTime(again.onnxFile()).toMillis()).isEqualTo(modified);
        assertThat(BundledModels.find("all-minilm-l6-v2-q")).contains(b);
    }
}
