package dev.taskspace.project;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NeighboursKernel}'s dot products on the JDK's incubating Vector API, in the same order
 * and so with the same bits as its plain Java sums: float32 rows loaded and widened to double in
 * registers (exactly), accumulated lane by lane with FMAs, partial sum l in lane l of a 512-bit
 * double vector (4 x 4 pairs at a time), or, on a CPU with 256-bit vectors (AVX2), in lane l mod 4
 * of the first or second of two 256-bit vectors (2 x 2 pairs at a time); at the end the lanes are
 * added in a fixed order, then the last d mod 8 dimensions one by one.
 *
 * <p>Loaded only by {@link NeighboursKernel}, when the module is present; refuses a CPU whose
 * vectors are narrower than 256 bits.
 */
final class NeighboursKernelVector implements NeighboursKernel.Dots {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    private static final int L = S.length();
    /** Floats that widen to one double vector. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    /** The halves on a 256-bit CPU: 4 doubles, widened from 4 floats. */
    private static final VectorSpecies<Double> SH = DoubleVector.SPECIES_256;
    private static final VectorSpecies<Float> FH = FloatVector.SPECIES_128;
    private static final int TILE = NeighboursKernel.TILE;
    /** Per thread: 16 x L accumulator lanes. */
    private final ThreadLocal<double[]> lanes = ThreadLocal.withInitial(() -> new double[16 * L]);
    private final boolean wide; // 512-bit vectors, else two 256-bit halves

    NeighboursKernelVector() {
        this(DoubleVector.SPECIES_PREFERRED.vectorBitSize());
    }

    /** @param bits the vector width to use: 512, or 256 (tests run both on an AVX-512 CPU) */
    NeighboursKernelVector(int bits) {
        if (bits < 256 || L != NeighboursKernel.LANES) throw new UnsupportedOperationException("no 256-bit vectors on this CPU");
        this.wide = bits >= 512;
    }

    @Override
    public double dot(float[] p, float[] q, int d) {
        return NeighboursKernel.dot(p, q, d);
    }

    private static double sum(double[] lanes, int o) {
        double r = 0;
        for (int l = 0; l < L; l++) r += lanes[o + l];
        return r;
    }

    @Override
    public void dots(float[][] x, int[] rows, int r0, int aLen, int j0, int bLen, int d, double[] out) {
        if (!wide) {
            dotsHalves(x, rows, r0, aLen, j0, bLen, d, out);
            return;
        }
        double[] buf = lanes.get();
        int dv = d - d % L, a4 = aLen & ~3, b4 = bLen & ~3;
        for (int a = 0; a < a4; a += 4) {
            float[] p0 = x[rows[r0 + a]], p1 = x[rows[r0 + a + 1]], p2 = x[rows[r0 + a + 2]], p3 = x[rows[r0 + a + 3]];
            for (int b = 0; b < b4; b += 4) {
                float[] q0 = x[j0 + b], q1 = x[j0 + b + 1], q2 = x[j0 + b + 2], q3 = x[j0 + b + 3];
                DoubleVector s00 = DoubleVector.zero(S), s01 = s00, s02 = s00, s03 = s00, s10 = s00, s11 = s00, s12 = s00, s13 = s00;
                DoubleVector s20 = s00, s21 = s00, s22 = s00, s23 = s00, s30 = s00, s31 = s00, s32 = s00, s33 = s00;
                for (int t = 0; t < dv; t += L) {
                    DoubleVector u0 = wide(p0, t), u1 = wide(p1, t), u2 = wide(p2, t), u3 = wide(p3, t);
                    DoubleVector v0 = wide(q0, t), v1 = wide(q1, t), v2 = wide(q2, t), v3 = wide(q3, t);
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
                        out[(a + i) * TILE + b + j] = NeighboursKernel.tail(p, x[j0 + b + j], dv, d, sum(buf, (4 * i + j) * L));
                    }
                }
            }
        }
        // the fringe (a tile side not a multiple of 4): one pair at a time, the same sums
        for (int a = 0; a < aLen; a++) {
            float[] p = x[rows[r0 + a]];
            for (int b = a < a4 ? b4 : 0; b < bLen; b++) out[a * TILE + b] = dot(p, x[j0 + b], d);
        }
    }

    /** row[t .. t + L) widened to double (exactly). */
    private static DoubleVector wide(float[] row, int t) {
        return (DoubleVector) FloatVector.fromArray(F, row, t).convertShape(VectorOperators.F2D, S, 0);
    }

    /** {@link #dots} with two 256-bit vectors per pair: lanes 0-3 and 4-7 of the 512-bit order. */
    private void dotsHalves(float[][] x, int[] rows, int r0, int aLen, int j0, int bLen, int d, double[] out) {
        double[] buf = lanes.get();
        int h = SH.length(), dv = d - d % L, a2 = aLen & ~1, b2 = bLen & ~1;
        for (int a = 0; a < a2; a += 2) {
            float[] p0 = x[rows[r0 + a]], p1 = x[rows[r0 + a + 1]];
            for (int b = 0; b < b2; b += 2) {
                float[] q0 = x[j0 + b], q1 = x[j0 + b + 1];
                DoubleVector s00 = DoubleVector.zero(SH), s00h = s00, s01 = s00, s01h = s00, s10 = s00, s10h = s00, s11 = s00, s11h = s00;
                for (int t = 0; t < dv; t += L) {
                    DoubleVector u0 = half(p0, t), u0h = half(p0, t + h), u1 = half(p1, t), u1h = half(p1, t + h);
                    DoubleVector v0 = half(q0, t), v0h = half(q0, t + h), v1 = half(q1, t), v1h = half(q1, t + h);
                    s00 = u0.fma(v0, s00); s00h = u0h.fma(v0h, s00h); s01 = u0.fma(v1, s01); s01h = u0h.fma(v1h, s01h);
                    s10 = u1.fma(v0, s10); s10h = u1h.fma(v0h, s10h); s11 = u1.fma(v1, s11); s11h = u1h.fma(v1h, s11h);
                }
                s00.intoArray(buf, 0); s00h.intoArray(buf, h); s01.intoArray(buf, 2 * h); s01h.intoArray(buf, 3 * h);
                s10.intoArray(buf, 4 * h); s10h.intoArray(buf, 5 * h); s11.intoArray(buf, 6 * h); s11h.intoArray(buf, 7 * h);
                for (int i = 0; i < 2; i++) {
                    float[] p = x[rows[r0 + a + i]];
                    for (int j = 0; j < 2; j++) {
                        out[(a + i) * TILE + b + j] = NeighboursKernel.tail(p, x[j0 + b + j], dv, d, sum(buf, (2 * i + j) * L));
                    }
                }
            }
        }
        for (int a = 0; a < aLen; a++) {
            float[] p = x[rows[r0 + a]];
            for (int b = a < a2 ? b2 : 0; b < bLen; b++) out[a * TILE + b] = dot(p, x[j0 + b], d);
        }
    }

    /** row[t .. t + 4) widened to double (exactly). */
    private static DoubleVector half(float[] row, int t) {
        return (DoubleVector) FloatVector.fromArray(FH, row, t).convertShape(VectorOperators.F2D, SH, 0);
    }
}
