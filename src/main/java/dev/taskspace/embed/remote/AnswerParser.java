package dev.taskspace.embed.remote;

import com.fasterxml.jackson.core.Base64Variant;
import com.fasterxml.jackson.core.Base64Variants;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Function;

/**
 * Reads an embeddings answer ({@code {"data": [{"index": k, "embedding": [...] or "base64"}],
 * "usage": {...}}}) in one streaming pass: base64 vectors are decoded straight from the body's
 * bytes (the parser only finds where each one starts), decimal ones read as they come, no tree
 * and no intermediate strings. Every way the answer can be unusable is an {@link ApiException}
 * made by {@code bad}, naming the vector.
 */
final class AnswerParser {
    /** Standard base64 as servers send it, padding optional (as {@link java.util.Base64} reads it). */
    private static final Base64Variant BASE64 = Base64Variants.MIME_NO_LINEFEEDS
            .withReadPadding(Base64Variant.PaddingReadBehaviour.PADDING_ALLOWED);
    private static final JsonFactory JSON = new JsonFactory();

    private final Function<String, ApiException> bad;
    private final Function<String, String> snippet;

    AnswerParser(Function<String, ApiException> bad, Function<String, String> snippet) {
        this.bad = bad;
        this.snippet = snippet;
    }

    /** The vectors, {@code [k]} for input k, and the tokens counted; null when the body is not JSON with a {@code data} array. */
    EmbeddingsClient.Ok parse(byte[] body, int length, int n) {
        try (JsonParser p = JSON.createParser(body, 0, length)) {
            if (p.nextToken() != JsonToken.START_OBJECT) return null;
            List<Integer> indices = null;
            List<float[]> vectors = new ArrayList<>();
            long tokens = 0;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("data") && t == JsonToken.START_ARRAY) {
                    indices = new ArrayList<>();
                    data(p, body, length, indices, vectors);
                } else if (name.equals("usage") && t == JsonToken.START_OBJECT) {
                    tokens = usage(p);
                } else {
                    p.skipChildren();
                }
            }
            if (indices == null) return null;
            return new EmbeddingsClient.Ok(place(indices, vectors, n), tokens);
        } catch (JsonProcessingException notJson) {
            return null;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // cannot happen on a byte array
        }
    }

    private void data(JsonParser p, byte[] body, int length, List<Integer> indices, List<float[]> vectors) throws IOException {
        for (int k = 0; p.nextToken() != JsonToken.END_ARRAY; k++) {
            if (p.currentToken() != JsonToken.START_OBJECT) throw bad.apply("answer " + k + " is " + snippet.apply(p.getText()));
            int index = k;
            float[] v = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (name.equals("index")) {
                    index = t == JsonToken.VALUE_NUMBER_INT ? p.getIntValue() : -1;
                } else if (name.equals("embedding")) {
                    v = vector(p, t, k, body, length);
                } else {
                    p.skipChildren();
                }
            }
            if (v == null) throw bad.apply("answer " + index + " has no embedding");
            if (v.length == 0) throw bad.apply("vector " + index + " is empty");
            for (float f : v) if (!Float.isFinite(f)) throw bad.apply("vector " + index + " has a value that is not a finite number");
            indices.add(index);
            vectors.add(v);
        }
    }

    private float[] vector(JsonParser p, JsonToken t, int k, byte[] body, int length) throws IOException {
        if (t == JsonToken.START_ARRAY) {
            float[] v = new float[1024];
            int size = 0;
            while (p.nextToken() != JsonToken.END_ARRAY) {
                if (!p.currentToken().isNumeric()) {
                    throw bad.apply("vector " + k + " holds " + snippet.apply(p.currentToken().isStructStart() ? p.currentToken().asString() : p.getText()));
                }
                if (size == v.length) v = Arrays.copyOf(v, 2 * size);
                v[size++] = (float) p.getDoubleValue();
            }
            return Arrays.copyOf(v, size);
        }
        if (t == JsonToken.VALUE_STRING) { // encoding_format "base64": little-endian float32
            float[] direct = plainBase64(p, k, body, length);
            if (direct != null) return direct;
            byte[] bytes;
            try {
                bytes = p.getBinaryValue(BASE64);
            } catch (JsonProcessingException notBase64) {
                String why = notBase64.getOriginalMessage(); // "Failed to decode VALUE_STRING as base64 (...): Illegal character ..."
                int at = why.lastIndexOf("): ");
                throw bad.apply("vector " + k + " is not valid base64 (" + snippet.apply(at < 0 ? why : why.substring(at + 3)) + ")");
            }
            if (bytes.length % 4 != 0) {
                throw bad.apply("vector " + k + " decodes to " + bytes.length + " bytes, not a whole number of 4-byte floats");
            }
            float[] v = new float[bytes.length / 4];
            ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(v);
            return v;
        }
        p.skipChildren();
        return null;
    }

    /**
     * The vector of the base64 string the parser stands on, decoded from the body's bytes between
     * its quotes (the parser then skips them); null when the string is not plain base64 (escapes,
     * characters outside the alphabet), which the parser's own decoding then reads or refuses.
     */
    private float[] plainBase64(JsonParser p, int k, byte[] body, int length) {
        long quote = p.currentTokenLocation().getByteOffset();
        if (quote < 0 || quote >= length || body[(int) quote] != '"') return null;
        int from = (int) quote + 1;
        int end = from;
        while (end < length && body[end] != '"') {
            if (body[end] == '\\') return null;
            end++;
        }
        if (end >= length) return null;
        return Base64Floats.decode(body, from, end, bytes -> bad.apply("vector " + k + " decodes to " + bytes
                + " bytes, not a whole number of 4-byte floats"));
    }

    private static long usage(JsonParser p) throws IOException {
        long total = -1;
        long prompt = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String name = p.currentName();
            JsonToken t = p.nextToken();
            if (t == JsonToken.VALUE_NUMBER_INT && name.equals("total_tokens")) total = p.getLongValue();
            else if (t == JsonToken.VALUE_NUMBER_INT && name.equals("prompt_tokens")) prompt = p.getLongValue();
            else p.skipChildren();
        }
        return total >= 0 ? total : prompt;
    }

    /** The vectors put in input order by their index, each exactly once. */
    private float[][] place(List<Integer> indices, List<float[]> vectors, int n) {
        if (indices.size() != n) throw bad.apply(n + " texts sent, " + indices.size() + " vectors received");
        float[][] out = new float[n][];
        for (int k = 0; k < n; k++) {
            int index = indices.get(k);
            if (index < 0 || index >= n) throw bad.apply("an answer has index " + index + " for a batch of " + n);
            if (out[index] != null) throw bad.apply("index " + index + " came twice");
            out[index] = vectors.get(k);
        }
        return out;
    }
}
