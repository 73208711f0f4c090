package dev.taskspace.project;

import jdk.incubator.vector.DoubleVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * {@link NeighboursKernel}'s dot products on the JDK's incubating Vector API, in the same order
 * and so with the same bits as its plain Java sums: float32 rows loaded and widened to double in
 * registers (exactly), accumulated lane by lane with FMAs in a 512-bit double vector (lane l =
 * partial sum l), 4 x 4 pairs at a time; at the end the lanes are added in a fixed order, then
 * the last d mod 8 dimensions one by one. About 4x the plain kernel's speed (BENCHMARKS.md).
 *
 * <p>Loaded only by {@link NeighboursKernel}, when the module is present; refuses a CPU whose
 * vectors are narrower than 512 bits.
 */
final class NeighboursKernelVector implements NeighboursKernel.Dots {
    private static final VectorSpecies<Double> S = DoubleVector.SPECIES_512;
    private static final int L = S.length();
    /** Floats that widen to one double vector. */
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_256;
    private static final int TILE = NeighboursKernel.TILE;
    /** Per thread: 16 x L accumulator lanes. */
    private final ThreadLocal<double[]> lanes = ThreadLocal.withInitial(() -> new double[16 * L]);

    NeighboursKernelVector() {
        if (DoubleVector.SPECIES_PREFERRED.vectorBitSize() < S.vectorBitSize() || L != NeighboursKernel.LANES) {
            throw new UnsupportedOperationException("no 512-bit vectors on this CPU");
        }
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
}
