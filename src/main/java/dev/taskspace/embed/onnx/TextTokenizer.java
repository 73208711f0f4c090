package dev.taskspace.embed.onnx;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A Hugging Face {@code tokenizer.json} (through DJL's bindings to the Rust library), with the
 * model's rules for special tokens and truncation applied here, not left to the file.
 *
 * <p>With an end token (Qwen3: {@code <|endoftext|>}) texts are encoded without the file's
 * special tokens and the end token is appended exactly once, whether or not the file's
 * post-processor would add it. Without one (BERT-style models) the file's special tokens
 * ({@code [CLS] … [SEP]}) are used. Either way a text longer than the cap keeps its first
 * tokens and its final special token.
 */
final class TextTokenizer implements AutoCloseable {
    private final HuggingFaceTokenizer tokenizer;
    private final long endId; // -1: none
    private final int maxTokens;

    private TextTokenizer(HuggingFaceTokenizer tokenizer, long endId, int maxTokens) {
        this.tokenizer = tokenizer;
        this.endId = endId;
        this.maxTokens = maxTokens;
    }

    /**
     * @param file      the tokenizer.json
     * @param endToken  the token every sequence must end with exactly once, or null to use the
     *                  file's own special tokens
     * @param maxTokens the token cap, end token included
     */
    static TextTokenizer open(Path file, String endToken, int maxTokens) {
        if (!Files.isRegularFile(file)) throw new TaskspaceException("no tokenizer file at " + file);
        if (maxTokens < 2) throw new IllegalArgumentException("the token cap must be at least 2, got " + maxTokens);
        HuggingFaceTokenizer t;
        try {
            t = HuggingFaceTokenizer.newInstance(file, Map.of("padding", "false", "truncation", "false",
                    "addSpecialTokens", "false", "maxLength", "-1"));
        } catch (IOException | RuntimeException e) {
            throw new TaskspaceException(file + " is not a readable Hugging Face tokenizer.json (" + firstLine(e) + ")", e);
        }
        long endId = -1;
        if (endToken != null) {
            long[] ids = t.encode(endToken, false, false).getIds();
            if (ids.length != 1) {
                t.close();
                throw new TaskspaceException(file + " has no " + endToken + " token: it does not belong to this model "
                        + "(a Qwen3 tokenizer.json is needed)");
            }
            endId = ids[0];
        }
        return new TextTokenizer(t, endId, maxTokens);
    }

    /** The end token's id, or -1. */
    long endId() {
        return endId;
    }

    /** A text's token ids, capped, ending with the end token when there is one. */
    record Tokens(long[] ids, boolean truncated) {}

    /** Encodes texts (in parallel inside the native library). */
    Tokens[] encode(List<String> texts) {
        boolean special = endId < 0;
        Encoding[] encodings = tokenizer.batchEncode(texts, special, false);
        Tokens[] out = new Tokens[encodings.length];
        for (int i = 0; i < encodings.length; i++) out[i] = cap(encodings[i].getIds());
        return out;
    }

    private Tokens cap(long[] ids) {
        if (endId >= 0) {
            int keep = Math.min(ids.length, maxTokens - 1);
            long[] withEnd = java.util.Arrays.copyOf(ids, keep + 1);
            withEnd[keep] = endId;
            return new Tokens(withEnd, keep < ids.length);
        }
        if (ids.length <= maxTokens) return new Tokens(ids, false);
        long[] cut = java.util.Arrays.copyOf(ids, maxTokens);
        cut[maxTokens - 1] = ids[ids.length - 1]; // keep the closing special token ([SEP])
        return new Tokens(cut, true);
    }

    @Override
    public void close() {
        tokenizer.close();
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return (nl < 0 ? m : m.substring(0, nl)).strip();
    }
}
