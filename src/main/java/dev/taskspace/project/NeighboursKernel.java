package dev.taskspace.project;

import java.util.List;
import java.util.function.Supplier;

/**
 * Distances between the rows of one float32 matrix, computed in {@value #TILE} x {@value #TILE}
 * tiles on a few threads: the one numeric kernel behind {@link Neighbours} and {@link Metrics}.
 *
 * <p>Every distance is a function of exact float32 inputs accumulated in double, the same
 * whatever the tile, the thread or the argument order, so distance(i, j) == distance(j, i) bit
 * for bit and the tiled numbers equal {@link #distance}'s. That makes ranks well defined: a point
 * is never "closer than itself" because two code paths rounded differently. The dot product of
 * rows i and j is either {@code s = fma(x[i][t], x[j][t], s)} for t = 0, 1, ..., d-1 (plain
 * Java), or, when the JDK's incubating Vector API is present ({@code --add-modules
 * jdk.incubator.vector}) and the system property {@code taskspace.vector} is not {@code false},
 * the same FMAs in L interleaved lanes added at the end ({@link NeighboursKernelVector}); the
 * two differ in the last bits only.
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
 * <p>Speed: the inner 4 x 4 block keeps 16 independent double accumulators, so the two FMA
 * pipes of a core stay busy (about 2 multiply-adds per cycle, see BENCHMARKS.md; vector lanes
 * multiply that by up to 8). All-pairs
 * work visits only tiles on or above the diagonal and hands each pair to both of its points.
 */
final class NeighboursKernel {
    private static final Dots VECTOR = vectorDots();
    /** Rows per tile side. */
    static final int TILE = 64;
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
        } catch (ReflectiveOperationException | LinkageError e) {
            return null;
        }
    }

    NeighboursKernel(float[][] x, boolean cosine) {
        this(x, cosine, true);
    }

    /** @param allowVector false: plain Java sums even where the Vector API is available (tests) */
    NeighboursKernel(float[][] x, boolean cosine, boolean allowVector) {
        if (x.length == 0) throw new IllegalArgumentException("no rows");
        if (x[0] == null) throw new IllegalArgumentException("row 0 is null");
        this.x = x;
        this.d = x[0].length;
        if (d == 0) throw new IllegalArgumentException("rows have no dimensions");
        this.cosine = cosine;
        this.direct = !cosine && d <= DIRECT_DIMS;
        this.norm = new double[x.length];
        this.vector = direct || !allowVector ? null : VECTOR;
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
        int a4 = aLen & ~3, b4 = bLen & ~3;
        for (int a = 0; a < a4; a += 4) {
            float[] p0 = x[rows[r0 + a]], p1 = x[rows[r0 + a + 1]], p2 = x[rows[r0 + a + 2]], p3 = x[rows[r0 + a + 3]];
            for (int b = 0; b < b4; b += 4) {
                float[] q0 = x[j0 + b], q1 = x[j0 + b + 1], q2 = x[j0 + b + 2], q3 = x[j0 + b + 3];
                double s00 = 0, s01 = 0, s02 = 0, s03 = 0, s10 = 0, s11 = 0, s12 = 0, s13 = 0;
                double s20 = 0, s21 = 0, s22 = 0, s23 = 0, s30 = 0, s31 = 0, s32 = 0, s33 = 0;
                for (int t = 0; t < d; t++) {
                    double u0 = p0[t], u1 = p1[t], u2 = p2[t], u3 = p3[t];
                    double v0 = q0[t], v1 = q1[t], v2 = q2[t], v3 = q3[t];
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
        // The fringe (n not a multiple of 4): one pair at a time, the same sums in the same order.
        for (int a = 0; a < aLen; a++) {
            float[] p = x[rows[r0 + a]];
            for (int b = a < a4 ? b4 : 0; b < bLen; b++) out[a * TILE + b] = dot(p, x[j0 + b], d);
        }
    }

    static double dot(float[] p, float[] q, int d) {
        double s = 0;
        for (int t = 0; t < d; t++) s = Math.fma((double) p[t], (double) q[t], s);
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
