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
        int b2 = bLen & ~1;
        for (int a = 0; a < aLen; a++) {
            float[] p = x[rows[r0 + a]];
            for (int b = 0; b < b2; b += 2) dot2(p, y[cols[c0 + b]], y[cols[c0 + b + 1]], out, a * TILE + b);
        }
        fringe(x, rows, r0, aLen, y, cols, c0, bLen, out, aLen, b2);
    }

    /** out[o] = dot(p, q0), out[o + 1] = dot(p, q1), sharing p's loads: the same bits as two dot() calls. */
    private static void dot2(float[] p, float[] q0, float[] q1, float[] out, int o) {
        int d = p.length, dv = d - d % LANES;
        float s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0, s14 = 0, s15 = 0;
        float r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0, r8 = 0, r9 = 0, r10 = 0, r11 = 0, r12 = 0, r13 = 0, r14 = 0, r15 = 0;
        for (int t = 0; t < dv; t += LANES) {
            float u0 = p[t], u1 = p[t + 1], u2 = p[t + 2], u3 = p[t + 3], u4 = p[t + 4], u5 = p[t + 5], u6 = p[t + 6], u7 = p[t + 7];
            float u8 = p[t + 8], u9 = p[t + 9], u10 = p[t + 10], u11 = p[t + 11], u12 = p[t + 12], u13 = p[t + 13], u14 = p[t + 14], u15 = p[t + 15];
            s0 = Math.fma(u0, q0[t + 0], s0); s1 = Math.fma(u1, q0[t + 1], s1); s2 = Math.fma(u2, q0[t + 2], s2); s3 = Math.fma(u3, q0[t + 3], s3);
            s4 = Math.fma(u4, q0[t + 4], s4); s5 = Math.fma(u5, q0[t + 5], s5); s6 = Math.fma(u6, q0[t + 6], s6); s7 = Math.fma(u7, q0[t + 7], s7);
            s8 = Math.fma(u8, q0[t + 8], s8); s9 = Math.fma(u9, q0[t + 9], s9); s10 = Math.fma(u10, q0[t + 10], s10); s11 = Math.fma(u11, q0[t + 11], s11);
            s12 = Math.fma(u12, q0[t + 12], s12); s13 = Math.fma(u13, q0[t + 13], s13); s14 = Math.fma(u14, q0[t + 14], s14); s15 = Math.fma(u15, q0[t + 15], s15);
            r0 = Math.fma(u0, q1[t + 0], r0); r1 = Math.fma(u1, q1[t + 1], r1); r2 = Math.fma(u2, q1[t + 2], r2); r3 = Math.fma(u3, q1[t + 3], r3);
            r4 = Math.fma(u4, q1[t + 4], r4); r5 = Math.fma(u5, q1[t + 5], r5); r6 = Math.fma(u6, q1[t + 6], r6); r7 = Math.fma(u7, q1[t + 7], r7);
            r8 = Math.fma(u8, q1[t + 8], r8); r9 = Math.fma(u9, q1[t + 9], r9); r10 = Math.fma(u10, q1[t + 10], r10); r11 = Math.fma(u11, q1[t + 11], r11);
            r12 = Math.fma(u12, q1[t + 12], r12); r13 = Math.fma(u13, q1[t + 13], r13); r14 = Math.fma(u14, q1[t + 14], r14); r15 = Math.fma(u15, q1[t + 15], r15);
        }
        float a = 0, b = 0;
        a += s0; a += s1; a += s2; a += s3; a += s4; a += s5; a += s6; a += s7;
        a += s8; a += s9; a += s10; a += s11; a += s12; a += s13; a += s14; a += s15;
        b += r0; b += r1; b += r2; b += r3; b += r4; b += r5; b += r6; b += r7;
        b += r8; b += r9; b += r10; b += r11; b += r12; b += r13; b += r14; b += r15;
        out[o] = tail(p, q0, dv, d, a);
        out[o + 1] = tail(p, q1, dv, d, b);
    }

    /** The entries a 4 x 4 blocked tile leaves out (a &ge; a4 or b &ge; b4), one pair at a time. */
    final void fringe(float[][] x, int[] rows, int r0, int aLen, float[][] y, int[] cols, int c0, int bLen, float[] out, int a4, int b4) {
        for (int a = 0; a < aLen; a++) {
            float[] p = x[rows[r0 + a]];
            for (int b = a < a4 ? b4 : 0; b < bLen; b++) out[a * TILE + b] = dot(p, y[cols[c0 + b]]);
        }
    }
}
