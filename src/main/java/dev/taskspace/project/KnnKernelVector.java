package dev.taskspace.project;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link KnnKernel} on the JDK's incubating Vector API, in the same summation order and so with
 * the same bits: each pair's products are accumulated lane by lane, partial sum l in lane l of a
 * 512-bit float vector (4 x 4 pairs at a time in 16 registers), or, on a CPU with 256-bit vectors
 * (AVX2), in lane l mod 8 of the first or second of two 256-bit vectors (2 x 2 pairs at a time in
 * 8 registers); the lanes are added at the end in a fixed order (not with {@code reduceLanes},
 * whose order may change when the JIT compiles it), then the last d mod 16 products one by one.
 * Loaded only through {@link KnnKernel#get()}, when the module is present ({@code --add-modules
 * jdk.incubator.vector}); refuses a CPU whose vectors are narrower than 256 bits.
 */
final class KnnKernelVector extends KnnKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_512;
    private static final VectorSpecies<Float> H = FloatVector.SPECIES_256;
    private static final int L = S.length();
    private final ThreadLocal<float[]> lanes = ThreadLocal.withInitial(() -> new float[16 * L]);
    private final boolean wide; // 512-bit vectors, else two 256-bit halves

    KnnKernelVector() {
        this(FloatVector.SPECIES_PREFERRED.vectorBitSize());
    }

    /** @param bits the vector width to use: 512, or 256 (tests run both on an AVX-512 CPU) */
    KnnKernelVector(int bits) {
        if (bits < 256 || L != LANES) throw new UnsupportedOperationException("no 256-bit vectors on this CPU");
        this.wide = bits >= 512;
    }

    @Override
    String name() {
        return "vector-" + (wide ? 512 : 256);
    }

    @Override
    float dot(float[] p, float[] q) {
        if (!wide) return super.dot(p, q);
        int d = p.length, dv = S.loopBound(d);
        FloatVector s = FloatVector.zero(S);
        for (int t = 0; t < dv; t += L) s = FloatVector.fromArray(S, p, t).fma(FloatVector.fromArray(S, q, t), s);
        float[] buf = lanes.get();
        s.intoArray(buf, 0);
        return tail(p, q, dv, d, sum(buf, 0));
    }

    /** The lanes buf[o .. o + L) added in a fixed order. */
    private static float sum(float[] buf, int o) {
        float r = 0;
        for (int l = 0; l < L; l++) r += buf[o + l];
        return r;
    }

    @Override
    void tile(float[][] x, int[] rows, int r0, int aLen, float[][] y, int[] cols, int c0, int bLen, float[] out) {
        if (!wide) {
            tileHalves(x, rows, r0, aLen, y, cols, c0, bLen, out);
            return;
        }
        int d = x[rows[r0]].length, dv = S.loopBound(d), a4 = aLen & ~3, b4 = bLen & ~3;
        float[] buf = lanes.get();
        for (int a = 0; a < a4; a += 4) {
            float[] p0 = x[rows[r0 + a]], p1 = x[rows[r0 + a + 1]], p2 = x[rows[r0 + a + 2]], p3 = x[rows[r0 + a + 3]];
            for (int b = 0; b < b4; b += 4) {
                float[] q0 = y[cols[c0 + b]], q1 = y[cols[c0 + b + 1]], q2 = y[cols[c0 + b + 2]], q3 = y[cols[c0 + b + 3]];
                FloatVector s00 = FloatVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
                FloatVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
                for (int t = 0; t < dv; t += L) {
                    FloatVector u0 = FloatVector.fromArray(S, p0, t), u1 = FloatVector.fromArray(S, p1, t);
                    FloatVector u2 = FloatVector.fromArray(S, p2, t), u3 = FloatVector.fromArray(S, p3, t);
                    FloatVector v0 = FloatVector.fromArray(S, q0, t), v1 = FloatVector.fromArray(S, q1, t);
                    FloatVector v2 = FloatVector.fromArray(S, q2, t), v3 = FloatVector.fromArray(S, q3, t);
                    s00 = u0.fma(v0, s00); s01 = u0.fma(v1, s01); s02 = u0.fma(v2, s02); s03 = u0.fma(v3, s03);
                    s10 = u1.fma(v0, s10); s11 = u1.fma(v1, s11); s12 = u1.fma(v2, s12); s13 = u1.fma(v3, s13);
                    s20 = u2.fma(v0, s20); s21 = u2.fma(v1, s21); s22 = u2.fma(v2, s22); s23 = u2.fma(v3, s23);
                    s30 = u3.fma(v0, s30); s31 = u3.fma(v1, s31); s32 = u3.fma(v2, s32); s33 = u3.fma(v3, s33);
                }
                s00.intoArray(buf, 0); s01.intoArray(buf, L); s02.intoArray(buf, 2 * L); s03.intoArray(buf, 3 * L);
                s10.intoArray(buf, 4 * L); s11.intoArray(buf, 5 * L); s12.intoArray(buf, 6 * L); s13.intoArray(buf, 7 * L);
                s20.intoArray(buf, 8 * L); s21.intoArray(buf, 9 * L); s22.intoArray(buf, 10 * L); s23.intoArray(buf, 11 * L);
                s30.intoArray(buf, 12 * L); s31.intoArray(buf, 13 * L); s32.intoArray(buf, 14 * L); s33.intoArray(buf, 15 * L);
                for (int i = 0; i < 4; i++) {
                    float[] p = x[rows[r0 + a + i]];
                    for (int j = 0; j < 4; j++) {
                        out[(a + i) * TILE + b + j] = tail(p, y[cols[c0 + b + j]], dv, d, sum(buf, (4 * i + j) * L));
                    }
                }
            }
        }
        fringe(x, rows, r0, aLen, y, cols, c0, bLen, out, a4, b4);
    }

    /** {@link #tile} with two 256-bit vectors per pair: lanes 0-7 and 8-15 of the 512-bit order. */
    private void tileHalves(float[][] x, int[] rows, int r0, int aLen, float[][] y, int[] cols, int c0, int bLen, float[] out) {
        int d = x[rows[r0]].length, dv = d - d % LANES, h = H.length(), a2 = aLen & ~1, b2 = bLen & ~1;
        float[] buf = lanes.get();
        for (int a = 0; a < a2; a += 2) {
            float[] p0 = x[rows[r0 + a]], p1 = x[rows[r0 + a + 1]];
            for (int b = 0; b < b2; b += 2) {
                float[] q0 = y[cols[c0 + b]], q1 = y[cols[c0 + b + 1]];
                FloatVector s00 = FloatVector.zero(H), s00h = s00, s01 = s00, s01h = s00, s10 = s00, s10h = s00, s11 = s00, s11h = s00;
                for (int t = 0; t < dv; t += LANES) {
                    FloatVector u0 = FloatVector.fromArray(H, p0, t), u0h = FloatVector.fromArray(H, p0, t + h);
                    FloatVector u1 = FloatVector.fromArray(H, p1, t), u1h = FloatVector.fromArray(H, p1, t + h);
                    FloatVector v0 = FloatVector.fromArray(H, q0, t), v0h = FloatVector.fromArray(H, q0, t + h);
                    FloatVector v1 = FloatVector.fromArray(H, q1, t), v1h = FloatVector.fromArray(H, q1, t + h);
                    s00 = u0.fma(v0, s00); s00h = u0h.fma(v0h, s00h); s01 = u0.fma(v1, s01); s01h = u0h.fma(v1h, s01h);
                    s10 = u1.fma(v0, s10); s10h = u1h.fma(v0h, s10h); s11 = u1.fma(v1, s11); s11h = u1h.fma(v1h, s11h);
                }
                s00.intoArray(buf, 0); s00h.intoArray(buf, h); s01.intoArray(buf, 2 * h); s01h.intoArray(buf, 3 * h);
                s10.intoArray(buf, 4 * h); s10h.intoArray(buf, 5 * h); s11.intoArray(buf, 6 * h); s11h.intoArray(buf, 7 * h);
                for (int i = 0; i < 2; i++) {
                    float[] p = x[rows[r0 + a + i]];
                    for (int j = 0; j < 2; j++) {
                        out[(a + i) * TILE + b + j] = tail(p, y[cols[c0 + b + j]], dv, d, sum(buf, (2 * i + j) * LANES));
                    }
                }
            }
        }
        fringe(x, rows, r0, aLen, y, cols, c0, bLen, out, a2, b2);
    }
}
