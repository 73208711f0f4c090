package dev.taskspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class Float16Test {
    @Test
    void everyHalfSurvivesTheRoundTrip() {
        for (int h = 0; h < 1 << 16; h++) {
            float f = Float16.toFloat((short) h);
            if (Float.isNaN(f)) {
                assertThat(Float.isNaN(Float16.toFloat(Float16.fromFloat(f)))).as("NaN %04x", h).isTrue();
                continue;
            }
            assertThat(Float16.fromFloat(f) & 0xffff).as("half %04x", h).isEqualTo(h);
        }
    }

    @Test
    void roundsToTheNearestHalfTiesToEven() {
        // 1 + 2^-11 lies halfway between 1 and the next half (1 + 2^-10): ties go to the even one, 1
        assertThat(Float16.toFloat(Float16.fromFloat(1 + 0x1p-11f))).isEqualTo(1f);
        assertThat(Float16.toFloat(Float16.fromFloat(1 + 3 * 0x1p-11f))).isEqualTo(1 + 0x1p-9f);
        assertThat(Float16.toFloat(Float16.fromFloat(65520f))).isEqualTo(Float.POSITIVE_INFINITY);
        assertThat(Float16.toFloat(Float16.fromFloat(65519f))).isEqualTo(65504f);
        assertThat(Float16.toFloat(Float16.fromFloat(0x1p-25f))).isEqualTo(0f); // a tie with zero
        assertThat(Float16.toFloat(Float16.fromFloat(0x1.8p-25f))).isEqualTo(0x1p-24f);
    }

    /** On JDK 20 and newer: the JDK's own conversion, over many random floats and every half's neighbours. */
    @Test
    void agreesWithTheJdkWhereItHasOne() throws Throwable {
        MethodHandle jdk;
        try {
            jdk = MethodHandles.publicLookup().findStatic(Float.class, "floatToFloat16", MethodType.methodType(short.class, float.class));
        } catch (NoSuchMethodException e) {
            org.junit.jupiter.api.Assumptions.abort("this JDK (" + Runtime.version() + ") has no Float.floatToFloat16; the numpy fixtures in NpyTest check the rounding");
            return;
        }
        SplittableRandom r = new SplittableRandom(7);
        for (int i = 0; i < 2_000_000; i++) {
            float f = Float.intBitsToFloat(r.nextInt());
            if (Float.isNaN(f)) continue;
            assertThat(Float16.fromFloat(f)).as("%a", f).isEqualTo((short) jdk.invokeExact(f));
        }
        for (int h = 0; h < 0x7c00; h++) { // around every finite half: the ties and their neighbours
            int bits = Float.floatToRawIntBits(Float16.toFloat((short) h));
            for (int d = -2; d <= 2; d++) {
                for (int tie : new int[] {0, 0x1000, 0x2000}) {
                    float f = Float.intBitsToFloat(bits + tie + d);
                    if (Float.isNaN(f)) continue;
                    assertThat(Float16.fromFloat(f)).as("%a", f).isEqualTo((short) jdk.invokeExact(f));
                    assertThat(Float16.fromFloat(-f)).as("%a", -f).isEqualTo((short) jdk.invokeExact(-f));
                }
            }
        }
    }
}
