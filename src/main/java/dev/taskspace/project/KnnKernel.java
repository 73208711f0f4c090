package dev.taskspace.project;

/**
 * Float32 dot products for {@link KnnGraph}: single pairs and {@value #TILE} x {@value #TILE}
 * tiles. Two implementations: {@link KnnKernelVector} (the JDK's incubating Vector API, about 60 x
 * 10^9 multiply-adds per second per core with AVX-512 in BENCHMARKS.md) and this class's plain
 * Java one (scalar FMAs in 4 x 4 row blocks, about 8 x 10^9 per core), which {@link #get()} picks
 * when the {@code jdk.incubator.vector} module is not in the boot layer or when the system
 * property {@code taskspace.vector=false} asks for it.
 *
 * <p>Within one implementation a pair's dot product is the same number whichever route computes
 * it (a tile, the tile fringe or {@link #dot}) and whichever argument comes first, so graphs do
 * not depend on tiling or threads. The two implementations sum in different orders and may
 * differ in the last bits.
 */
class KnnKernel {
    /** Rows per tile side. */
    static final int TILE = 64;
    /** System property that, set to {@code false}, forces the plain Java kernel. */
    static final String VECTOR_PROPERTY = "taskspace.vector";

    private static final KnnKernel PLAIN = new KnnKernel();
    private static volatile KnnKernel best;

    KnnKernel() {}

    /** The Vector API kernel where available and allowed, else the plain one. */
    static KnnKernel get() {
        if ("false".equalsIgnoreCase(System.getProperty(VECTOR_PROPERTY))) return PLAIN;
        KnnKernel k = best;
        if (k == null) best = k = loadVector();
        return k;
    }

    /** The plain Java kernel, whatever the JVM offers. */
    static KnnKernel plain() {
        return PLAIN;
    }

    private static KnnKernel loadVector() {
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return PLAIN;
        try {
            return (KnnKernel) Class.forName("dev.taskspace.project.KnnKernelVector").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError e) {
            return PLAIN;
        }
    }

    /** A short name for reports: "vector-512" or "plain". */
    String name() {
        return "plain";
    }

    /** The dot product of p and q (same length), summed from t = 0 in float with FMAs. */
    float dot(float[] p, float[] q) {
        float s = 0;
        for (int t = 0; t < p.length; t++) s = Math.fma(p[t], q[t], s);
        return s;
    }

    /**
     * out[a * TILE + b] = dot(x[rows[r0 + a]], y[cols[c0 + b]]) for a &lt; aLen, b &lt; bLen
     * (both &le; TILE; out has TILE * TILE entries).
     */
    void tile(float[][] x, int[] rows, int r0, int aLen, float[][] y, int[] cols, int c0, int bLen, float[] out) {
        int d = x[rows[r0]].length, a4 = aLen & ~3, b4 = bLen & ~3;
        for (int a = 0; a < a4; a += 4) {
            float[] p0 = x[rows[r0 + a]], p1 = x[rows[r0 + a + 1]], p2 = x[rows[r0 + a + 2]], p3 = x[rows[r0 + a + 3]];
            for (int b = 0; b < b4; b += 4) {
                float[] q0 = y[cols[c0 + b]], q1 = y[cols[c0 + b + 1]], q2 = y[cols[c0 + b + 2]], q3 = y[cols[c0 + b + 3]];
                float s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                float s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
                for (int t = 0; t < d; t++) {
                    float u0 = p0[t], u1 = p1[t], u2 = p2[t], u3 = p3[t];
                    float v0 = q0[t], v1 = q1[t], v2 = q2[t], v3 = q3[t];
                    s00 = Math.fma(u0, v0, s00); s01 = Math.fma(u0, v1, s01); s02 = Math.fma(u0, v2, s02); s03 = Math.fma(u0, v3, s03);
                    s10 = Math.fma(u1, v0, s10); s11 = Math.fma(u1, v1, s11); s12 = Math.fma(u1, v2, s12); s13 = Math.fma(u1, v3, s13);
                    s20 = Math.fma(u2, v0, s20); s21 = Math.fma(u2, v1, s21); s22 = Math.fma(u2, v2, s22); s23 = Math.fma(u2, v3, s23);
                    s30 = Math.fma(u3, v0, s30); s31 = Math.fma(u3, v1, s31); s32 = Math.fma(u3, v2, s32); s33 = Math.fma(u3, v3, s33);
                }
                int o = a * TILE + b;
                out[o] = s00; out[o + 1] = s01; out[o + 2] = s02; out[o + 3] = s03;
                o += TILE;
                out[o] = s10; out[o + 1] = s11; out[o + 2] = s12; out[o + 3] = s13;
                o += TILE;
                out[o] = s20; out[o + 1] = s21; out[o + 2] = s22; out[o + 3] = s23;
                o += TILE;
                out[o] = s30; out[o + 1] = s31; out[o + 2] = s32; out[o + 3] = s33;
            }
        }
        fringe(x, rows, r0, aLen, y, cols, c0, bLen, out, a4, b4);
    }

    /** The entries a 4 x 4 blocked tile leaves out (a &ge; a4 or b &ge; b4), one pair at a time. */
    final void fringe(float[][] x, int[] rows, int r0, int aLen, float[][] y, int[] cols, int c0, int bLen, float[] out, int a4, int b4) {
        for (int a = 0; a < aLen; a++) {
            float[] p = x[rows[r0 + a]];
            for (int b = a < a4 ? b4 : 0; b < bLen; b++) out[a * TILE + b] = dot(p, y[cols[c0 + b]]);
        }
    }
}
