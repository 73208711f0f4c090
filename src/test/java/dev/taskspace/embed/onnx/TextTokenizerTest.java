package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.testing.SharedData;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real Qwen3 tokenizer.json of ../shared/data: ids, the end token exactly once, truncation. */
class TextTokenizerTest {
    private static final String TEXT = "Instruct: Classify the sentiment\nQuery:Hello world";
    /** From ../shared/data/README.md: DJL's ids for TEXT, without an end token. */
    private static final long[] README_IDS = {641, 1235, 25, 3228, 1437, 279, 25975, 198, 2859, 25, 9707, 1879};
    private static final long END = 151643;

    static Path qwen;

    @TempDir
    Path tmp;

    @BeforeAll
    static void findTokenizer() {
        qwen = SharedData.require("qwen3-tokenizer/tokenizer.json");
    }

    private static long[] plus(long[] ids, long last) {
        long[] out = java.util.Arrays.copyOf(ids, ids.length + 1);
        out[ids.length] = last;
        return out;
    }

    @Test
    void theChatTokenizerGivesTheDocumentedIdsAndOneEndToken() {
        try (TextTokenizer t = TextTokenizer.open(qwen, OnnxModel.QWEN3_END_TOKEN, 8192)) {
            assertThat(t.endId()).isEqualTo(END);
            TextTokenizer.Tokens tokens = t.encode(List.of(TEXT))[0];
            assertThat(tokens.ids()).containsExactly(plus(README_IDS, END));
            assertThat(tokens.truncated()).isFalse();
        }
    }

    @Test
    void aTokenizerWhosePostProcessorAppendsTheEndTokenStillGetsItOnce() throws IOException {
        // The official Qwen3-Embedding tokenizer.json appends <|endoftext|> in its post-processor.
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(qwen.toFile());
        root.set("post_processor", json.readTree("""
                {"type": "TemplateProcessing",
                 "single": [{"Sequence": {"id": "A", "type_id": 0}}, {"SpecialToken": {"id": "<|endoftext|>", "type_id": 0}}],
                 "pair": [{"Sequence": {"id": "A", "type_id": 0}}, {"Sequence": {"id": "B", "type_id": 1}},
                          {"SpecialToken": {"id": "<|endoftext|>", "type_id": 1}}],
                 "special_tokens": {"<|endoftext|>": {"id": "<|endoftext|>", "ids": [151643], "tokens": ["<|endoftext|>"]}}}
                """));
        Path variant = tmp.resolve("tokenizer.json");
        json.writeValue(variant.toFile(), root);
        try (TextTokenizer t = TextTokenizer.open(variant, OnnxModel.QWEN3_END_TOKEN, 8192)) {
            assertThat(t.encode(List.of(TEXT))[0].ids()).containsExactly(plus(README_IDS, END));
        }
    }

    @Test
    void longTextsAreCutAndStillEndWithTheEndToken() {
        try (TextTokenizer t = TextTokenizer.open(qwen, OnnxModel.QWEN3_END_TOKEN, 5)) {
            TextTokenizer.Tokens tokens = t.encode(List.of(TEXT, "Hello"))[0];
            assertThat(tokens.ids()).containsExactly(641, 1235, 25, 3228, END);
            assertThat(tokens.truncated()).isTrue();
            assertThat(t.encode(List.of("Hello"))[0].truncated()).isFalse();
        }
    }

    @Test
    void aTokenizerWithoutTheEndTokenIsRefused() throws IOException {
        ObjectMapper json = new ObjectMapper();
        Path bert = tmp.resolve("bert.json");
        json.writeValue(bert.toFile(), json.readTree("""
                {"version": "1.0", "added_tokens": [], "normalizer": null, "pre_tokenizer": {"type": "Whitespace"},
                 "post_processor": null, "decoder": null,
                 "model": {"type": "WordLevel", "vocab": {"[UNK]": 0, "hello": 1}, "unk_token": "[UNK]"}}
                """));
        assertThatThrownBy(() -> TextTokenizer.open(bert, OnnxModel.QWEN3_END_TOKEN, 100))
                .hasMessageContaining("has no <|endoftext|> token");
    }

    @Test
    void aFileThatIsNoTokenizerIsAClearError() throws IOException {
        Path junk = tmp.resolve("tokenizer.json");
        java.nio.file.Files.writeString(junk, "{\"not\": \"a tokenizer\"}");
        assertThatThrownBy(() -> TextTokenizer.open(junk, OnnxModel.QWEN3_END_TOKEN, 100))
                .hasMessageContaining("is not a readable Hugging Face tokenizer.json");
    }
}
