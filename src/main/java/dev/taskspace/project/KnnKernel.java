package dev.taskspace.project;

/**
 * Float32 dot products for {@link KnnGraph}: single pairs and {@value #TILE} x {@value #TILE}
 * tiles. Two implementations that give <b>the same bits</b>: this class's plain Java one and
 * {@link KnnKernelVector} on the JDK's incubating Vector API (about 7x faster with AVX-512,
 * BENCHMARKS.md), which {@link #get()} picks when the {@code jdk.incubator.vector} module is in
 * the boot layer, the CPU has 256-bit or wider vectors and the system property
 * {@code taskspace.vector} is not {@code false}.
 *
 * <p>The one summation order both follow: {@value #LANES} partial sums, partial sum l
 * accumulating {@code p[t] * q[t]} for t = l, l + 16, l + 32, ... below d - d mod 16 with a fused
 * multiply-add each (the lanes of one 512-bit float vector); then the partial sums added in
 * order starting from 0; then the last d mod 16 products, one fused multiply-add each. FMAs are
 * exactly rounded in both Java and the Vector API, so a pair's dot product is the same number
 * whichever implementation, route (a tile, the tile fringe or {@link #dot}) or argument order
 * computes it: graphs, and so maps, depend neither on the module nor on tiling or threads.
 */
class KnnKernel {
    /** Rows per tile side. */
    static final int TILE = 64;
    /** Partial sums of a dot product: the float lanes of a 512-bit vector. */
    static final int LANES = 16;
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
        } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
            return PLAIN; // a CPU without 256-bit vectors (the plain kernel gives the same bits)
        }
    }

    /** A short name for reports: "vector-512", "vector-256" or "plain". */
    String name() {
        return "plain";
    }

    /** The dot product of p and q (same length), in the class comment's order. */
    float dot(float[] p, float[] q) {
        int d = p.length, dv = d - d % LANES;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        float s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
        for (int t = 0; t < dv; t += LANES) {
            s0 = Math.fma(p[t], q[t], s0); s1 = Math.fma(p[t + 1], q[t + 1], s1);
            s2 = Math.fma(p[t + 2], q[t + 2], s2); s3 = Math.fma(p[t + 3], q[t + 3], s3);
            s4 = Math.fma(p[t + 4], q[t + 4], s4); s5 = Math.fma(p[t + 5], q[t + 5], s5);
            s6 = Math.fma(p[t + 6], q[t + 6], s6); s7 = Math.fma(p[t + 7], q[t + 7], s7);
            s8 = Math.fma(p[t + 8], q[t + 8], s8); s9 = Math.fma(p[t + 9], q[t + 9], s9);
            s10 = Math.fma(p[t + 10], q[t + 10], s10); s11 = Math.fma(p[t + 11], q[t + 11], s11);
            s12 = Math.fma(p[t + 12], q[t + 12], s12); s13 = Math.fma(p[t + 13], q[t + 13], s13);
            s14 = Math.fma(p[t + 14], q[t + 14], s14); s15 = Math.fma(p[t + 15], q[t + 15], s15);
        }
        float r = 0;
        r += s0; r += s1; r += s2; r += s3; r += s4; r += s5; r += s6; r += s7;
        r += s8; r += s9; r += s10; r += s11; r += s12; r += s13; r += s14; r += s15;
        return tail(p, q, dv, d, r);
    }

    /** s plus the products of p and q from t = from to d - 1, one fused multiply-add each. */
    static float tail(float[] p, float[] q, int from, int d, float s) {
        for (int t = from; t < d; t++) s = Math.fma(p[t], q[t], s);
        return s;
    }

    /**
     * out[a * TILE + b] = dot(x[rows[r0 + a]], y[cols[c0 + b]]) for a &lt; aLen, b &lt; bLen
     * (both &le; TILE; out has TILE * TILE entries).
     */
    void tile(float[][] x, int[] rows, int r0, int aLen, float[][] y, int[] cols, int c0, int bLen, float[] out) {
        fringe(x, rows, r0, aLen, y, cols, c0, bLen, out, 0, 0);
    }

    /** The entries a 4 x 4 blocked tile leaves out (a &ge; a4 or b &ge; b4), one pair at a time. */
    final void fringe(float[][] x, int[] rows, int r0, int aLen, float[][] y, int[] cols, int c0, int bLen, float[] out, int a4, int b4) {
        for (int a = 0; a < aLen; a++) {
            float[] p = x[rows[r0 + a]];
            for (int b = a < a4 ? b4 : 0; b < bLen; b++) out[a * TILE + b] = dot(p, y[cols[c0 + b]]);
        }
    }
}
