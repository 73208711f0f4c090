package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The engine on the synthetic Qwen3 model: the script's per-text vectors come back within
 * 1e-5 whatever the batching, order and tokenizer variant.
 */
class OnnxEmbedderTest {
    /** The texts of the fixture are complete prompts already: embed them without an instruction. */
    private static final Task RAW = new Task("raw", null, "");

    static List<TinyQwen3.Text> texts;

    @TempDir
    Path tmp;

    @BeforeAll
    static void load() throws IOException {
        texts = TinyQwen3.texts();
    }

    private static List<String> strings(List<TinyQwen3.Text> ts) {
        return ts.stream().map(TinyQwen3.Text::text).toList();
    }

    private static void assertVectors(float[][] actual, List<TinyQwen3.Text> expected, boolean mrl) {
        assertThat(actual.length).isEqualTo(expected.size());
        for (int i = 0; i < actual.length; i++) {
            float[] want = mrl ? expected.get(i).vector16() : expected.get(i).vector();
            assertThat(actual[i]).as("vector of \"%s\"", expected.get(i).text()).containsExactly(want, within(1e-5f));
        }
    }

    @ParameterizedTest(name = "token budget {0}, batch cap {1}, shuffle seed {2}")
    @CsvSource({"100000, 64, 0", "40, 64, 1", "1, 1, 2", "64, 3, 3", "90, 5, 4"})
    void paddedBatchesInAnyOrderReproduceTheScriptsVectors(long tokenBudget, int maxBatch, long seed) {
        List<TinyQwen3.Text> order = new ArrayList<>(texts);
        Collections.shuffle(order, new Random(seed));
        OnnxEmbedder.Options options = OnnxEmbedder.Options.DEFAULT.withThreads(1).withBatching(tokenBudget, 1L << 30, maxBatch);
        try (Embedder e = OnnxEmbedder.open(TinyQwen3.model(), options)) {
            Embedder.Result r = e.embed(strings(order), RAW, Reporter.SILENT);
            assertVectors(r.vectors(), order, false);
            if (maxBatch > 1 && tokenBudget > 100) assertThat(r.stats().batches()).as("really batched").isLessThan(order.size());
        }
    }

    @ParameterizedTest(name = "{0} calls at once on 2 threads, token budget {1}")
    @CsvSource({"0, 40", "2, 40", "2, 100000", "1, 40"})
    void parallelCallsReproduceTheScriptsVectors(int calls, long tokenBudget) {
        OnnxEmbedder.Options options = OnnxEmbedder.Options.DEFAULT.withThreads(2).withCalls(calls).withBatching(tokenBudget, 1L << 30, 64);
        try (Embedder e = OnnxEmbedder.open(TinyQwen3.model(), options)) {
            Embedder.Result r = e.embed(strings(texts), RAW, Reporter.SILENT);
            assertVectors(r.vectors(), texts, false);
        }
    }

    @Test
    void smallModelsRunOneCallPerThreadAndLargeOnesOneCallOnAllThreads() throws IOException {
        OnnxModel small = TinyQwen3.model();
        assertThat(OnnxEmbedder.callsFor(small, 2, false)).isEqualTo(2);
        assertThat(OnnxEmbedder.callsFor(small, 2, true)).isEqualTo(2);
        Path dir = Files.createDirectories(tmp.resolve("large/onnx"));
        Path onnx = Files.copy(small.onnxFile(), dir.resolve("model.onnx"));
        try (java.io.RandomAccessFile data = new java.io.RandomAccessFile(dir.resolve("model.onnx_data").toFile(), "rw")) {
            data.setLength(OnnxEmbedder.SMALL_MODEL_BYTES); // sparse: no disk space used
        }
        OnnxModel large = OnnxModel.qwen3("large", onnx, small.tokenizerFile(), "fp32");
        assertThat(OnnxEmbedder.callsFor(large, 2, false)).isEqualTo(1);
        assertThat(OnnxEmbedder.callsFor(large, 2, true)).as("int8 runs one text per call, one call per thread").isEqualTo(2);

        // and the automatic token budget: smaller batches for small models, unless one is asked for
        try (OnnxEmbedder s = OnnxEmbedder.open(small, OnnxEmbedder.Options.DEFAULT);
                OnnxEmbedder l = OnnxEmbedder.open(large, OnnxEmbedder.Options.DEFAULT);
                OnnxEmbedder asked = OnnxEmbedder.open(small, OnnxEmbedder.Options.DEFAULT.withBatching(300, 1L << 20, 8))) {
            assertThat(s.tokenBudget()).isEqualTo(OnnxEmbedder.Options.SMALL_MODEL_TOKEN_BUDGET);
            assertThat(l.tokenBudget()).isEqualTo(OnnxEmbedder.Options.DEFAULT_TOKEN_BUDGET);
            assertThat(asked.tokenBudget()).isEqualTo(300);
        }
    }

    @Test
    void dynamicallyQuantizedModelsRunOneTextPerCallOnParallelThreads() {
        OnnxModel m = TinyQwen3.model();
        OnnxModel int8 = new OnnxModel(m.id(), m.onnxFile(), m.tokenizerFile(), "int8", m.pooling(), m.leftPadding(),
                m.endToken(), m.instructionAware(), m.promptStyle(), m.textPrefix(), m.maxTokens());
        try (Embedder e = OnnxEmbedder.open(int8, OnnxEmbedder.Options.DEFAULT.withThreads(2))) {
            Embedder.Result r = e.embed(strings(texts), RAW, Reporter.SILENT);
            assertThat(r.stats().batches()).isEqualTo(texts.size());
            assertThat(r.stats().paddingFraction()).isZero();
            assertVectors(r.vectors(), texts, false);
        }
    }

    @Test
    void aTokenizerThatAppendsTheEndTokenItselfGivesTheSameVectors() {
        try (Embedder e = OnnxEmbedder.open(TinyQwen3.modelWithAppendingTokenizer(), OnnxEmbedder.Options.DEFAULT)) {
            assertVectors(e.embed(strings(texts), RAW, Reporter.SILENT).vectors(), texts, false);
        }
    }

    @Test
    void theTokenIdsAreTheScriptsWithOneEndToken() throws IOException {
        for (OnnxModel m : List.of(TinyQwen3.model(), TinyQwen3.modelWithAppendingTokenizer())) {
            try (TextTokenizer t = TextTokenizer.open(m.tokenizerFile(), m.endToken(), 8192)) {
                assertThat(t.endId()).isEqualTo(TinyQwen3.eosId());
                TextTokenizer.Tokens[] tokens = t.encode(strings(texts));
                for (int i = 0; i < texts.size(); i++) assertThat(tokens[i].ids()).containsExactly(texts.get(i).ids());
            }
        }
    }

    @Test
    void mrlDimensionsTruncateThenNormalise() {
        try (Embedder e = OnnxEmbedder.open(TinyQwen3.model(), OnnxEmbedder.Options.DEFAULT.withDimensions(16))) {
            assertThat(e.info().dimensions()).isEqualTo(16);
            assertVectors(e.embed(strings(texts), RAW, Reporter.SILENT).vectors(), texts, true);
        }
    }

    @Test
    void statsCountRealTokensPaddingAndTruncation() {
        int cap = 10;
        try (Embedder e = OnnxEmbedder.open(TinyQwen3.model(), OnnxEmbedder.Options.DEFAULT.withMaxTokens(cap))) {
            Embedder.Result r = e.embed(strings(texts), RAW, Reporter.SILENT);
            long expectedTokens = texts.stream().mapToLong(t -> Math.min(t.ids().length, cap)).sum();
            long longer = texts.stream().filter(t -> t.ids().length > cap).count();
            assertThat(r.stats().tokens()).isEqualTo(expectedTokens);
            assertThat(r.stats().truncated()).isEqualTo((int) longer).isPositive();
            assertThat(r.stats().paddedTokens()).isGreaterThanOrEqualTo(expectedTokens);
            assertThat(r.stats().texts()).isEqualTo(texts.size());
            for (float[] v : r.vectors()) {
                double norm = 0;
                for (float x : v) norm += x * x;
                assertThat(norm).isCloseTo(1.0, within(1e-5));
            }
        }
    }

    @Test
    void anInstructionChangesTheVectorAndTheEmptyListIsFine() {
        try (Embedder e = OnnxEmbedder.open(TinyQwen3.model(), OnnxEmbedder.Options.DEFAULT)) {
            float[] plain = e.embed(List.of("what is the capital of China?"), RAW, Reporter.SILENT).vectors()[0];
            float[] topic = e.embed(List.of("what is the capital of China?"),
                    new Task("topic", "Identify the topic or theme of the given text", ""), Reporter.SILENT).vectors()[0];
            assertThat(topic).isNotEqualTo(plain);
            assertThat(e.embed(List.of(), RAW, Reporter.SILENT).vectors()).isEmpty();
        }
    }

    @Test
    void aTruncatedModelFileIsOneClearError() throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("onnx"));
        byte[] bytes = Files.readAllBytes(TinyQwen3.model().onnxFile());
        Files.write(dir.resolve("model.onnx"), java.util.Arrays.copyOf(bytes, bytes.length / 2));
        OnnxModel broken = OnnxModel.qwen3("broken", dir.resolve("model.onnx"), TinyQwen3.model().tokenizerFile(), "fp32");
        assertThatThrownBy(() -> OnnxEmbedder.open(broken, OnnxEmbedder.Options.DEFAULT))
                .isInstanceOf(TaskspaceException.class).hasMessageStartingWith("cannot load the model");
    }

    @Test
    void aMissingModelFileIsOneClearError() {
        OnnxModel missing = OnnxModel.qwen3("missing", tmp.resolve("nope.onnx"), TinyQwen3.model().tokenizerFile(), "fp32");
        assertThatThrownBy(() -> OnnxEmbedder.open(missing, OnnxEmbedder.Options.DEFAULT)).hasMessageContaining("no ONNX model at");
    }

    @Test
    void aTokenizerFromAnotherModelIsCaught() throws IOException {
        // A vocabulary whose ids run past the tiny model's embedding table.
        String big = Files.readString(TinyQwen3.model().tokenizerFile()).replace("\"hello\": 1", "\"hello\": 100000");
        Path tok = tmp.resolve("tokenizer.json");
        Files.writeString(tok, big);
        OnnxModel wrong = OnnxModel.qwen3("wrong", TinyQwen3.model().onnxFile(), tok, "fp32");
        try (Embedder e = OnnxEmbedder.open(wrong, OnnxEmbedder.Options.DEFAULT)) {
            assertThatThrownBy(() -> e.embed(List.of("hello"), RAW, Reporter.SILENT))
                    .isInstanceOf(TaskspaceException.class).hasMessageContaining("does not belong to this model");
        }
    }
}
