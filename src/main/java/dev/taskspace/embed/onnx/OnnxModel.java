package dev.taskspace.embed.onnx;

import dev.taskspace.embed.PromptStyle;
import java.nio.file.Path;
import java.util.Objects;

/**
 * An embedding model on disk and the rules for using it.
 *
 * @param id               how it is named in outputs, e.g. {@code onnx-community/Qwen3-Embedding-0.6B-ONNX}
 * @param onnxFile         the graph (any external data file beside it, as the export wrote it)
 * @param tokenizerFile    its tokenizer.json
 * @param precision        {@code fp32}, {@code fp16}, {@code int8}, {@code q4}, … as the export names it
 * @param pooling          how one vector is taken from the token states
 * @param leftPadding      pad on the left (decoders with last-token pooling) or on the right
 * @param endToken         the token each sequence ends with exactly once and pads with
 *                         (Qwen3: {@code <|endoftext|>}), or null to use the tokenizer's own
 *                         special tokens and pad with id 0
 * @param instructionAware whether the model was trained to follow instructions
 * @param promptStyle      how a task's instruction is put before a text
 * @param textPrefix       put before every text after the prompt (e5's {@code "query: "}), or ""
 * @param maxTokens        the longest input the model takes (BERT-style: 512), or 0 for no limit of its own
 */
public record OnnxModel(String id, Path onnxFile, Path tokenizerFile, String precision, Pooling pooling,
        boolean leftPadding, String endToken, boolean instructionAware, PromptStyle promptStyle, String textPrefix,
        int maxTokens) {

    /** Qwen3-Embedding's end and padding token. */
    public static final String QWEN3_END_TOKEN = "<|endoftext|>";

    public OnnxModel {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(onnxFile, "onnxFile");
        Objects.requireNonNull(tokenizerFile, "tokenizerFile");
        Objects.requireNonNull(pooling, "pooling");
        Objects.requireNonNull(promptStyle, "promptStyle");
        precision = precision == null ? "fp32" : precision;
        textPrefix = textPrefix == null ? "" : textPrefix;
    }

    /**
     * A Qwen3-Embedding export: end token {@code <|endoftext|>} appended once, left padding
     * with it, last-token pooling, Qwen3's instruction template.
     */
    public static OnnxModel qwen3(String id, Path onnxFile, Path tokenizerFile, String precision) {
        return new OnnxModel(id, onnxFile, tokenizerFile, precision, Pooling.LAST_TOKEN, true, QWEN3_END_TOKEN, true,
                PromptStyle.QWEN3, "", 0);
    }

    /**
     * A BERT-style sentence encoder (not instruction-tuned): its own special tokens, right
     * padding, the given pooling; instructions become a plain prefix.
     */
    public static OnnxModel encoder(String id, Path onnxFile, Path tokenizerFile, String precision, Pooling pooling,
            String textPrefix, int maxTokens) {
        return new OnnxModel(id, onnxFile, tokenizerFile, precision, pooling, false, null, false, PromptStyle.QWEN3,
                textPrefix, maxTokens);
    }

    /** The same model with another prompt style. */
    public OnnxModel withPromptStyle(PromptStyle style) {
        return new OnnxModel(id, onnxFile, tokenizerFile, precision, pooling, leftPadding, endToken, instructionAware, style,
                textPrefix, maxTokens);
    }
}
