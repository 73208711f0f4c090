package dev.taskspace.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Base64FloatsTest {
    private static byte[] encode(float[] v, boolean padding) {
        ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(v);
        Base64.Encoder e = padding ? Base64.getEncoder() : Base64.getEncoder().withoutPadding();
        return e.encode(b.array());
    }

    private static float[] decode(byte[] s) {
        return Base64Floats.decode(s, 0, s.length, n -> new IllegalStateException(n + " bytes"));
    }

    @Test
    void decodesWhatTheJdkEncodesEveryLengthWithAndWithoutPadding() {
        SplittableRandom r = new SplittableRandom(3);
        for (int d = 0; d <= 40; d++) {
            float[] v = new float[d];
            for (int i = 0; i < d; i++) v[i] = Float.intBitsToFloat(r.nextInt()); // every bit pattern, NaN included
            for (boolean padding : new boolean[] {true, false}) {
                float[] back = decode(encode(v, padding));
                assertThat(back).hasSize(d);
                for (int i = 0; i < d; i++) assertThat(Float.floatToRawIntBits(back[i])).isEqualTo(Float.floatToRawIntBits(v[i]));
            }
        }
    }

    @Test
    void decodesFromTheMiddleOfABody() {
        byte[] enc = encode(new float[] {1.5f, -2f, 0.25f}, true);
        String body = "{\"embedding\":\"" + new String(enc, StandardCharsets.US_ASCII) + "\"}";
        byte[] b = body.getBytes(StandardCharsets.US_ASCII);
        int from = body.indexOf(":\"") + 2;
        assertThat(Base64Floats.decode(b, from, from + enc.length, n -> new IllegalStateException())).containsExactly(1.5f, -2f, 0.25f);
    }

    @Test
    void whatIsNotPlainBase64IsLeftToTheSlowerReader() {
        assertThat(decode("AAAA@AAA".getBytes(StandardCharsets.US_ASCII))).isNull(); // outside the alphabet
        assertThat(decode("AAAA\\/AA".getBytes(StandardCharsets.US_ASCII))).isNull(); // a JSON escape
        assertThat(decode("AA=AAAAA".getBytes(StandardCharsets.US_ASCII))).isNull(); // padding in the middle
        assertThat(decode("AAAAA".getBytes(StandardCharsets.US_ASCII))).isNull(); // a length no encoder makes
        assertThat(decode("AAAAAA=".getBytes(StandardCharsets.US_ASCII))).isNull(); // padding on a partial quartet
    }

    @Test
    void aPartialFloatIsRefusedWithItsByteCount() {
        byte[] five = Base64.getEncoder().encode(new byte[5]);
        assertThatThrownBy(() -> decode(five)).hasMessage("5 bytes");
    }
}
