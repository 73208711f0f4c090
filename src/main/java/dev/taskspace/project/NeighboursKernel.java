package dev.taskspace.project;

import java.util.List;
import java.util.function.Supplier;

/**
 * Distances between the rows of one float32 matrix, computed in {@value #TILE} x {@value #TILE}
 * tiles on a few threads: the one numeric kernel behind {@link Neighbours} and {@link Metrics}.
 *
 * <p>Every distance is a function of exact float32 inputs accumulated in double, the same
 * whatever the tile, the thread, the argument order <b>and whether the Vector API is used</b>, so
 * distance(i, j) == distance(j, i) bit for bit and the tiled numbers equal {@link #distance}'s.
 * That makes ranks well defined (a point is never "closer than itself" because two code paths
 * rounded differently) and figures the same on every JVM. The dot product of rows i and j has
 * {@value #LANES} partial sums, partial sum l accumulating {@code x[i][t] * x[j][t]} (widened to
 * double) for t = l, l + 8, ... below d - d mod 8 with a fused multiply-add each; the partial sums
 * are added in order starting from 0, then the last d mod 8 products are added one FMA at a time.
 * Plain Java does exactly that; {@link NeighboursKernelVector} does it in the 8 lanes of a 512-bit
 * double vector (or two 256-bit ones), when the JDK's incubating Vector API is present
 * ({@code --add-modules jdk.incubator.vector}), the CPU has 256-bit or wider vectors and the system property
 * {@code taskspace.vector} is not {@code false}.
 *
 * <ul>
 *   <li>cosine: {@code 1 - dot(i, j) * (1/|x_i| * 1/|x_j|)}, clipped to [0, 2]; a zero row is at
 *       distance 1 from everything (scikit-learn normalises it to zero too);</li>
 *   <li>euclidean, d &gt; {@value #DIRECT_DIMS}: the squared distance
 *       {@code max(0, |x_i|^2 + |x_j|^2 - 2 dot(i, j))}, scikit-learn's formula;</li>
 *   <li>euclidean, d &le; {@value #DIRECT_DIMS} (2-D layouts): the squared distance summed from the
 *       differences, as scikit-learn's KD-tree does for low dimensions (no cancellation).</li>
 * </ul>
 * Euclidean values are squared ("rank distances"); take the square root where the value itself
 * matters.
 *
 * <p>Speed: the 8 partial sums are independent chains, so the FMA pipes stay busy; the Vector
 * API kernel runs 4 x 4 pairs at a time, 8 lanes each (BENCHMARKS.md). All-pairs work visits
 * only tiles on or above the diagonal and hands each pair to both of its points.
 */
final class NeighboursKernel {
    private static final Dots VECTOR = vectorDots();
    /** Rows per tile side. */
    static final int TILE = 64;
    /** Partial sums of a dot product: the double lanes of a 512-bit vector. */
    static final int LANES = 8;
    /** Up to this many dimensions, euclidean distances come from differences. */
    static final int DIRECT_DIMS = 8;

    private final float[][] x;    // [n][d]
    private final int d;
    private final boolean cosine;
    private final boolean direct; // euclidean from differences
    private final double[] norm;  // [n] cosine: 1/|x_i| (0 for a zero row); euclidean: |x_i|^2
    private final Dots vector;    // null: plain Java sums

    /** Dot products of float32 rows in double: the Vector API implementation's interface. */
    interface Dots {
        /** The dot product of p and q (length d). */
        double dot(float[] p, float[] q, int d);

        /** out[a * TILE + b] = dot(x[rows[r0 + a]], x[j0 + b]), the same numbers as {@link #dot}. */
        void dots(float[][] x, int[] rows, int r0, int aLen, int j0, int bLen, int d, double[] out);
    }

    /** The Vector API sums where the module is present and allowed, else null. */
    private static Dots vectorDots() {
        if ("false".equalsIgnoreCase(System.getProperty(KnnKernel.VECTOR_PROPERTY))) return null;
        if (ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) return null;
        try {
            return (Dots) Class.forName("dev.taskspace.project.NeighboursKernelVector").getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | LinkageError | UnsupportedOperationException e) {
            return null; // a CPU without 256-bit vectors: the plain sums give the same bits
        }
    }

    NeighboursKernel(float[][] x, boolean cosine) {
        this(x, cosine, true);
    }

    /** @param allowVector false: plain Java sums even where the Vector API is available (tests) */
    NeighboursKernel(float[][] x, boolean cosine, boolean allowVector) {
        this(x, cosine, allowVector ? VECTOR : null);
    }

    /** @param vectorDots the Vector API sums to use for tiles, or null for plain Java ones (tests) */
    NeighboursKernel(float[][] x, boolean cosine, Dots vectorDots) {
        if (x.length == 0) throw new IllegalArgumentException("no rows");
        if (x[0] == null) throw new IllegalArgumentException("row 0 is null");
        this.x = x;
        this.d = x[0].length;
        if (d == 0) throw new IllegalArgumentException("rows have no dimensions");
        this.cosine = cosine;
        this.direct = !cosine && d <= DIRECT_DIMS;
        this.norm = new double[x.length];
        this.vector = direct ? null : vectorDots;
        for (int i = 0; i < x.length; i++) {
            float[] r = x[i];
            if (r == null || r.length != d) {
                throw new IllegalArgumentException("row " + i + " has " + (r == null ? "no" : r.length) + " values, row 0 has " + d);
            }
            double sq = dot(r, r, d);
            if (!Double.isFinite(sq)) throw new IllegalArgumentException("row " + i + " has a NaN or infinite value");
            norm[i] = cosine ? (sq == 0 ? 0 : 1 / Math.sqrt(sq)) : sq;
        }
    }

    int size() {
        return x.length;
    }

    /** The distance of rows i and j (squared for euclidean), as the tiles compute it. */
    double distance(int i, int j) {
        if (direct) return squaredDifference(x[i], x[j], d);
        return fromDot(vector != null ? vector.dot(x[i], x[j], d) : dot(x[i], x[j], d), i, j);
    }

    private double fromDot(double dot, int i, int j) {
        if (cosine) return Math.min(2, Math.max(0, 1 - dot * (norm[i] * norm[j])));
        return Math.max(0, (norm[i] + norm[j]) - 2 * dot);
    }

    /**
     * out[a * TILE + b] = distance(rows[r0 + a], j0 + b) for a &lt; aLen, b &lt; bLen
     * (aLen, bLen &le; TILE; out has TILE * TILE entries).
     */
    void tile(int[] rows, int r0, int aLen, int j0, int bLen, double[] out) {
        if (direct) {
            for (int a = 0; a < aLen; a++) {
                float[] p = x[rows[r0 + a]];
                for (int b = 0; b < bLen; b++) out[a * TILE + b] = squaredDifference(p, x[j0 + b], d);
            }
            return;
        }
        dots(rows, r0, aLen, j0, bLen, out);
        for (int a = 0; a < aLen; a++) {
            int i = rows[r0 + a];
            for (int b = 0; b < bLen; b++) out[a * TILE + b] = fromDot(out[a * TILE + b], i, j0 + b);
        }
    }

    /** out[a * TILE + b] = dot(x[rows[r0 + a]], x[j0 + b]) in blocks of 4 x 4 rows. */
    private void dots(int[] rows, int r0, int aLen, int j0, int bLen, double[] out) {
        if (vector != null) {
            vector.dots(x, rows, r0, aLen, j0, bLen, d, out);
            return;
        }
        // The tile's columns and each row widened to double once, not once per product: the same
        // products and sums as dot(), without a float-to-double conversion per multiply-add.
        double[][] cols = widened.get();
        if (cols.length < bLen + 1 || cols[0].length != d) widened.set(cols = new double[TILE + 1][d]);
        for (int b = 0; b < bLen; b++) widen(x[j0 + b], cols[b]);
        double[] p = cols[TILE];
        int b2 = bLen & ~1;
        for (int a = 0; a < aLen; a++) {
            widen(x[rows[r0 + a]], p);
            for (int b = 0; b < b2; b += 2) dot2(p, cols[b], cols[b + 1], d, out, a * TILE + b);
            if (b2 < bLen) out[a * TILE + b2] = dot(p, cols[b2], d);
        }
    }

    /** out[o] = dot(p, q0), out[o + 1] = dot(p, q1), sharing p's loads: the same bits as two dot() calls. */
    private static void dot2(double[] p, double[] q0, double[] q1, int d, double[] out, int o) {
        int dv = d - d % LANES;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        double r0 = 0, r1 = 0, r2 = 0, r3 = 0, r4 = 0, r5 = 0, r6 = 0, r7 = 0;
        for (int t = 0; t < dv; t += LANES) {
            double u0 = p[t], u1 = p[t + 1], u2 = p[t + 2], u3 = p[t + 3], u4 = p[t + 4], u5 = p[t + 5], u6 = p[t + 6], u7 = p[t + 7];
            s0 = Math.fma(u0, q0[t], s0); s1 = Math.fma(u1, q0[t + 1], s1); s2 = Math.fma(u2, q0[t + 2], s2); s3 = Math.fma(u3, q0[t + 3], s3);
            s4 = Math.fma(u4, q0[t + 4], s4); s5 = Math.fma(u5, q0[t + 5], s5); s6 = Math.fma(u6, q0[t + 6], s6); s7 = Math.fma(u7, q0[t + 7], s7);
            r0 = Math.fma(u0, q1[t], r0); r1 = Math.fma(u1, q1[t + 1], r1); r2 = Math.fma(u2, q1[t + 2], r2); r3 = Math.fma(u3, q1[t + 3], r3);
            r4 = Math.fma(u4, q1[t + 4], r4); r5 = Math.fma(u5, q1[t + 5], r5); r6 = Math.fma(u6, q1[t + 6], r6); r7 = Math.fma(u7, q1[t + 7], r7);
        }
        double a = 0, b = 0;
        a += s0; a += s1; a += s2; a += s3; a += s4; a += s5; a += s6; a += s7;
        b += r0; b += r1; b += r2; b += r3; b += r4; b += r5; b += r6; b += r7;
        for (int t = dv; t < d; t++) {
            a = Math.fma(p[t], q0[t], a);
            b = Math.fma(p[t], q1[t], b);
        }
        out[o] = a;
        out[o + 1] = b;
    }

    /** Per thread: the widened columns of a tile and one widened row. */
    private final ThreadLocal<double[][]> widened = ThreadLocal.withInitial(() -> new double[0][]);

    private static void widen(float[] row, double[] into) {
        for (int t = 0; t < row.length; t++) into[t] = row[t];
    }

    /** {@link #dot(float[], float[], int)} on rows already widened to double: the same bits. */
    private static double dot(double[] p, double[] q, int d) {
        int dv = d - d % LANES;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int t = 0; t < dv; t += LANES) {
            s0 = Math.fma(p[t], q[t], s0); s1 = Math.fma(p[t + 1], q[t + 1], s1);
            s2 = Math.fma(p[t + 2], q[t + 2], s2); s3 = Math.fma(p[t + 3], q[t + 3], s3);
            s4 = Math.fma(p[t + 4], q[t + 4], s4); s5 = Math.fma(p[t + 5], q[t + 5], s5);
            s6 = Math.fma(p[t + 6], q[t + 6], s6); s7 = Math.fma(p[t + 7], q[t + 7], s7);
        }
        double r = 0;
        r += s0; r += s1; r += s2; r += s3; r += s4; r += s5; r += s6; r += s7;
        for (int t = dv; t < d; t++) r = Math.fma(p[t], q[t], r);
        return r;
    }

    /** The dot product of p and q (length d) in the class comment's order. */
    static double dot(float[] p, float[] q, int d) {
        int dv = d - d % LANES;
        double s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0;
        for (int t = 0; t < dv; t += LANES) {
            s0 = Math.fma((double) p[t], (double) q[t], s0); s1 = Math.fma((double) p[t + 1], (double) q[t + 1], s1);
            s2 = Math.fma((double) p[t + 2], (double) q[t + 2], s2); s3 = Math.fma((double) p[t + 3], (double) q[t + 3], s3);
            s4 = Math.fma((double) p[t + 4], (double) q[t + 4], s4); s5 = Math.fma((double) p[t + 5], (double) q[t + 5], s5);
            s6 = Math.fma((double) p[t + 6], (double) q[t + 6], s6); s7 = Math.fma((double) p[t + 7], (double) q[t + 7], s7);
        }
        double r = 0;
        r += s0; r += s1; r += s2; r += s3; r += s4; r += s5; r += s6; r += s7;
        return tail(p, q, dv, d, r);
    }

    /** s plus the products of p and q from t = from to d - 1, one fused multiply-add each. */
    static double tail(float[] p, float[] q, int from, int d, double s) {
        for (int t = from; t < d; t++) s = Math.fma((double) p[t], (double) q[t], s);
        return s;
    }

    private static double squaredDifference(float[] p, float[] q, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) {
            double e = (double) p[t] - (double) q[t];
            s = Math.fma(e, e, s);
        }
        return s;
    }

    /** Receives tiles of distances; one instance per worker thread, so it needs no locking. */
    interface Visitor {
        /**
         * dist[a * TILE + b] = distance(rows[r0 + a], j0 + b), a &lt; aLen, b &lt; bLen. In
         * {@link #allPairs} a tile off the diagonal ({@code mirrored}) stands for both (i, j)
         * and (j, i); a diagonal tile lists every ordered pair itself, self pairs included.
         */
        void tile(int[] rows, int r0, int aLen, int j0, int bLen, double[] dist, boolean mirrored);
    }

    /**
     * Visits every unordered pair of rows once (tiles with column block &ge; row block), split
     * over {@code threads} workers; returns each worker's visitor for the caller to merge.
     * Cost: n^2 d / 2 multiply-adds.
     */
    <V extends Visitor> List<V> allPairs(int threads, Supplier<V> newVisitor) {
        int n = x.length;
        int[] identity = new int[n];
        for (int i = 0; i < n; i++) identity[i] = i;
        int blocks = (n + TILE - 1) / TILE;
        // Row blocks are claimed in order; block 0 has the most tiles, so the big ones go first.
        return run(threads, blocks, newVisitor, (v, block, out) -> {
            int i0 = block * TILE, aLen = Math.min(TILE, n - i0);
            for (int j0 = i0; j0 < n; j0 += TILE) {
                int bLen = Math.min(TILE, n - j0);
                tile(identity, i0, aLen, j0, bLen, out);
                v.tile(identity, i0, aLen, j0, bLen, out, j0 != i0);
            }
        });
    }

    /**
     * Visits (rows[a], j) for every listed row and every row j of the matrix (self pairs
     * included), never mirrored. Cost: rows.length * n * d multiply-adds.
     */
    <V extends Visitor> List<V> rowsAgainstAll(int[] rows, int threads, Supplier<V> newVisitor) {
        int n = x.length;
        for (int r : rows) if (r < 0 || r >= n) throw new IllegalArgumentException("row " + r + " is not in 0.." + (n - 1));
        int blocks = (rows.length + TILE - 1) / TILE;
        return run(threads, blocks, newVisitor, (v, block, out) -> {
            int r0 = block * TILE, aLen = Math.min(TILE, rows.length - r0);
            for (int j0 = 0; j0 < n; j0 += TILE) {
                int bLen = Math.min(TILE, n - j0);
                tile(rows, r0, aLen, j0, bLen, out);
                v.tile(rows, r0, aLen, j0, bLen, out, false);
            }
        });
    }

    private interface BlockWork<V> {
        void run(V visitor, int block, double[] scratch);
    }

    /** A worker's visitor and its tile buffer. */
    private record Slot<V>(V visitor, double[] scratch) {}

    private static <V> List<V> run(int threads, int blocks, Supplier<V> newVisitor, BlockWork<V> work) {
        if (threads < 1) throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        List<Slot<V>> slots = Workers.run(threads, blocks, null, () -> new Slot<>(newVisitor.get(), new double[TILE * TILE]),
                (slot, block) -> work.run(slot.visitor(), block, slot.scratch()), dev.taskspace.Reporter.Progress.NONE, 0, 100);
        return slots.stream().map(Slot::visitor).toList();
    }
}
