package dev.taskspace.embed.remote;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.function.IntFunction;

/**
 * Standard base64 (padding optional) of little-endian float32 values, as embeddings servers
 * send {@code encoding_format: base64}, decoded straight from an answer's bytes into floats:
 * one pass over the characters, no intermediate strings or buffers besides the decoded bytes.
 */
final class Base64Floats {
    private static final byte[] VALUE = new byte[256]; // a character's 6 bits, -1 outside the alphabet
    private static final VarHandle FLOAT_LE = MethodHandles.byteArrayViewVarHandle(float[].class, ByteOrder.LITTLE_ENDIAN);

    static {
        java.util.Arrays.fill(VALUE, (byte) -1);
        String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
        for (int i = 0; i < alphabet.length(); i++) VALUE[alphabet.charAt(i)] = (byte) i;
    }

    private Base64Floats() {}

    /**
     * The floats encoded in {@code s[from, end)}; null when those bytes are not plain base64
     * (a character outside the alphabet, padding in the middle, a length no encoder makes), for
     * the caller's slower reader to say what is wrong. A whole decoding into a byte count that is
     * not a multiple of 4 throws {@code partial.apply(bytes)}.
     */
    static float[] decode(byte[] s, int from, int end, IntFunction<? extends RuntimeException> partial) {
        int n = end - from;
        int pad = 0;
        if (n > 0 && s[end - 1] == '=') pad = n > 1 && s[end - 2] == '=' ? 2 : 1;
        if (pad > 0 && n % 4 != 0) return null;
        int chars = n - pad;
        int tail = chars % 4;
        if (tail == 1) return null;
        int bytes = chars / 4 * 3 + (tail == 0 ? 0 : tail - 1);
        byte[] out = new byte[bytes];
        int o = 0;
        int i = from;
        for (int whole = from + chars - tail; i < whole; i += 4) {
            int a = VALUE[s[i] & 0xff];
            int b = VALUE[s[i + 1] & 0xff];
            int c = VALUE[s[i + 2] & 0xff];
            int d = VALUE[s[i + 3] & 0xff];
            if ((a | b | c | d) < 0) return null;
            int x = a << 18 | b << 12 | c << 6 | d;
            out[o] = (byte) (x >> 16);
            out[o + 1] = (byte) (x >> 8);
            out[o + 2] = (byte) x;
            o += 3;
        }
        if (tail > 0) {
            int x = 0;
            for (int k = 0; k < tail; k++) {
                int v = VALUE[s[i + k] & 0xff];
                if (v < 0) return null;
                x |= v << (18 - 6 * k);
            }
            out[o++] = (byte) (x >> 16);
            if (tail == 3) out[o] = (byte) (x >> 8);
        }
        if (bytes % 4 != 0) throw partial.apply(bytes);
        float[] v = new float[bytes / 4];
        for (int k = 0; k < v.length; k++) v[k] = (float) FLOAT_LE.get(out, 4 * k);
        return v;
    }
}
