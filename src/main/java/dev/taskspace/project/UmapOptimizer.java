package dev.taskspace.project;

import dev.taskspace.Reporter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * UMAP's layout optimisation: stochastic gradient descent that pulls the endpoints of graph
 * edges together and pushes randomly drawn points apart, as umap-learn's
 * {@code optimize_layout_euclidean} does: each edge sampled in proportion to its weight, both
 * endpoints moved, 5 negative samples per positive one that move the head, gradient clipping
 * at 4, learning rate falling linearly from 1.
 *
 * <p>Parallel and still reproducible: the points fall into {@value #GROUPS} groups (by index),
 * and every epoch runs as rounds of a round-robin tournament between the groups. In a round,
 * each group meets exactly one other, so the blocks of edges running at the same time touch
 * disjoint points and can run on different threads without locks; within a block, edges run
 * in graph order. A negative sample reads a point of its own block as it is now and any other
 * point where the epoch found it, and its random stream is seeded by (seed, epoch, edge). The
 * layout is therefore the same bit for bit on any number of threads, and the sequence of
 * moves differs from umap-learn's only in the order of the edges within an epoch.
 *
 * <p>While it runs, the layout is kept group by group ({@link Slots}): each group's points
 * contiguous, so the two threads' blocks never write to the same cache line (point i and i + 1
 * are in different groups; interleaved, every line held points of all 16 groups and moved between
 * the cores on nearly every write). The arithmetic is the same, so the layout is the same bits.
 *
 * <p>Arithmetic is plain float/double with a table-driven {@code x^b} ({@link #pow}), never
 * {@code Math.pow}, whose last bit may differ between the interpreter, the JIT and platforms.
 *
 * <p>Cost: epochs x (sampled edges x (1 + 5 negatives)) gradient steps of a few dozen flops;
 * memory: a few numbers per edge.
 */
final class UmapOptimizer {
    /** Point groups of the round-robin schedule (even); threads beyond GROUPS / 2 add nothing. */
    static final int GROUPS = 16;
    private static final float NEGATIVE_RATE = 5;
    private static final float CLIP = 4;

    private UmapOptimizer() {}

    /**
     * Optimises {@code layout} ([2n], x and y interleaved) in place.
     *
     * @param progress stepped from {@code from} to {@code to} (percent) as the epochs pass
     */
    static void optimise(UmapGraph g, float[] layout, UmapCurve curve, int epochs, long seed, int threads,
            Reporter.Progress progress, int from, int to) {
        int n = g.n();
        Slots slots = new Slots(n);
        Schedule plan = Schedule.of(g, slots);
        int edges = plan.head.length;
        float max = g.maxWeight();
        double[] perSample = new double[edges];     // epochs between two samples of the edge
        double[] nextSample = new double[edges];
        double[] nextNegative = new double[edges];
        for (int e = 0; e < edges; e++) {
            perSample[e] = max / plan.weight[e];
            nextSample[e] = perSample[e];
            nextNegative[e] = perSample[e] / NEGATIVE_RATE;
        }
        float a = (float) curve.a(), b = (float) curve.b();
        float[] y = slots.gather(layout);
        float[] before = new float[y.length];
        int pairs = GROUPS / 2;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(Math.min(threads, pairs), r -> {
            Thread t = new Thread(r, "taskspace-umap");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                System.arraycopy(y, 0, before, 0, y.length);
                float alpha = 1f - (float) epoch / epochs;
                int ep = epoch;
                for (int round = 0; round < GROUPS - 1; round++) {
                    int r = round;
                    runChunks(pool, Math.min(threads, pairs), pairs, pair -> {
                        int block = r * pairs + pair;
                        int ga = plan.groupA[block], gb = plan.groupB[block];
                        for (int e = plan.blockStart[block], end = plan.blockStart[block + 1]; e < end; e++) {
                            if (nextSample[e] > ep) continue;
                            step(plan, e, ep, ga, gb, y, before, a, b, alpha, perSample, nextSample, nextNegative, seed, n, slots.perGroup);
                        }
                    });
                }
                progress.stepTo(from + (long) (to - from) * (epoch + 1) / epochs);
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
        slots.scatter(y, layout);
    }

    /**
     * Where each point's x, y stand while the layout is optimised: point i in slot
     * {@code (i % GROUPS) * perGroup + i / GROUPS}, so each group's points are contiguous.
     */
    private static final class Slots {
        final int n, perGroup;

        Slots(int n) {
            this.n = n;
            this.perGroup = (n + GROUPS - 1) / GROUPS;
        }

        int of(int i) {
            return slot(i, perGroup);
        }

        static int slot(int i, int perGroup) {
            return (i % GROUPS) * perGroup + i / GROUPS;
        }

        /** The layout ([2n], by point) in slot order. */
        float[] gather(float[] layout) {
            float[] y = new float[2 * GROUPS * perGroup];
            for (int i = 0; i < n; i++) {
                int s = of(i);
                y[2 * s] = layout[2 * i];
                y[2 * s + 1] = layout[2 * i + 1];
            }
            return y;
        }

        /** Back into {@code layout}, by point. */
        void scatter(float[] y, float[] layout) {
            for (int i = 0; i < n; i++) {
                int s = of(i);
                layout[2 * i] = y[2 * s];
                layout[2 * i + 1] = y[2 * s + 1];
            }
        }
    }

    /** One sample of edge e: head and tail pulled together, then the head's negative samples. */
    private static void step(Schedule plan, int e, int epoch, int ga, int gb, float[] y, float[] before, float a, float b,
            float alpha, double[] perSample, double[] nextSample, double[] nextNegative, long seed, int n, int perGroup) {
        int i = plan.head[e], j = plan.tail[e]; // slots
        float dx = y[2 * i] - y[2 * j], dy = y[2 * i + 1] - y[2 * j + 1];
        float d2 = dx * dx + dy * dy;
        if (d2 > 0) {
            float pb = pow(d2, b);
            float coeff = -2f * a * b * (pb / d2) / (a * pb + 1f);
            float gx = clip(coeff * dx) * alpha, gy = clip(coeff * dy) * alpha;
            y[2 * i] += gx;
            y[2 * i + 1] += gy;
            y[2 * j] -= gx;
            y[2 * j + 1] -= gy;
        }
        nextSample[e] += perSample[e];
        double perNegative = perSample[e] / NEGATIVE_RATE;
        int negatives = (int) ((epoch - nextNegative[e]) / perNegative);
        long rng = mix(seed ^ mix(((long) epoch << 32) ^ plan.id[e]));
        // The head's negative samples all push from where the head stands now, so the CPU can
        // work on them at once rather than one after the other.
        float x0 = y[2 * i], y0 = y[2 * i + 1], px = 0, py = 0;
        for (int s = 0; s < negatives; s++) {
            rng = next(rng);
            int k = (int) (((rng >>> 32) * n) >>> 32), gk = k % GROUPS;
            int sk = Slots.slot(k, perGroup);
            if (sk == i) continue;
            float[] at = gk == ga || gk == gb ? y : before; // points outside this block: where the epoch found them
            float nx = x0 - at[2 * sk], ny = y0 - at[2 * sk + 1];
            float nd2 = nx * nx + ny * ny;
            if (nd2 > 0) {
                float coeff = 2f * b / ((0.001f + nd2) * (a * pow(nd2, b) + 1f));
                px += clip(coeff * nx);
                py += clip(coeff * ny);
            }
        }
        y[2 * i] = x0 + px * alpha;
        y[2 * i + 1] = y0 + py * alpha;
        nextNegative[e] += negatives * perNegative;
    }

    /**
     * The graph's edges regrouped into blocks: block (round, pair) holds the edges between the
     * two groups that meet in that round (edges inside a group go to round 0), in graph order.
     */
    private static final class Schedule {
        final int[] head, tail, id; // per edge: the endpoints' slots; id = index in the graph, for the random streams
        final float[] weight;
        final int[] blockStart;     // [(GROUPS - 1) * GROUPS / 2 + 1]
        final int[] groupA, groupB; // the two groups of each block

        private Schedule(int edges, int blocks) {
            head = new int[edges];
            tail = new int[edges];
            id = new int[edges];
            weight = new float[edges];
            blockStart = new int[blocks + 1];
            groupA = new int[blocks];
            groupB = new int[blocks];
        }

        static Schedule of(UmapGraph g, Slots slots) {
            int pairs = GROUPS / 2, blocks = (GROUPS - 1) * pairs;
            Schedule s = new Schedule(g.edges(), blocks);
            // The circle method: group GROUPS - 1 stays put, the others rotate.
            int[][] blockOf = new int[GROUPS][GROUPS];
            for (int round = 0; round < GROUPS - 1; round++) {
                for (int p = 0; p < pairs; p++) {
                    int ga = p == 0 ? GROUPS - 1 : (round + p) % (GROUPS - 1);
                    int gb = p == 0 ? round : (round - p + GROUPS - 1) % (GROUPS - 1);
                    int block = round * pairs + p;
                    s.groupA[block] = ga;
                    s.groupB[block] = gb;
                    blockOf[ga][gb] = block;
                    blockOf[gb][ga] = block;
                    if (round == 0) {
                        blockOf[ga][ga] = block;
                        blockOf[gb][gb] = block;
                    }
                }
            }
            int[] count = new int[blocks + 1];
            int n = g.n();
            for (int i = 0; i < n; i++) {
                for (int e = g.rowStart()[i]; e < g.rowStart()[i + 1]; e++) count[blockOf[i % GROUPS][g.col()[e] % GROUPS] + 1]++;
            }
            for (int bl = 0; bl < blocks; bl++) count[bl + 1] += count[bl];
            System.arraycopy(count, 0, s.blockStart, 0, blocks + 1);
            int[] fill = count.clone();
            for (int i = 0; i < n; i++) {
                for (int e = g.rowStart()[i]; e < g.rowStart()[i + 1]; e++) {
                    int at = fill[blockOf[i % GROUPS][g.col()[e] % GROUPS]]++;
                    s.head[at] = slots.of(i);
                    s.tail[at] = slots.of(g.col()[e]);
                    s.id[at] = e;
                    s.weight[at] = g.weight()[e];
                }
            }
            return s;
        }
    }

    private static float clip(float v) {
        return v > CLIP ? CLIP : (v < -CLIP ? -CLIP : v);
    }

    /** log2 of the centre of each of the 128 mantissa intervals [1 + j/128, 1 + (j+1)/128), and its inverse. */
    private static final double[] LOG2_CENTRE = new double[128];
    private static final double[] INV_CENTRE = new double[128];
    /** 2^(j/64), j = 0..63. */
    private static final double[] EXP2_STEP = new double[64];

    static {
        for (int j = 0; j < 128; j++) {
            double centre = 1 + (j + 0.5) / 128;
            LOG2_CENTRE[j] = StrictMath.log(centre) / StrictMath.log(2);
            INV_CENTRE[j] = 1 / centre;
        }
        for (int j = 0; j < 64; j++) EXP2_STEP[j] = StrictMath.pow(2, j / 64.0);
    }

    /**
     * x^b for x &gt; 0, as 2^(b log2 x) from two small tables and short series (relative error
     * under 1e-9): about twice as fast as {@code Math.pow} here, and the same bits on every JVM.
     * log2 x = exponent + log2(centre of its mantissa interval) + log2(1 + r) with |r| &lt; 1/256;
     * 2^y = 2^(whole) * 2^(j/64) * e^(f ln 2) with |f| &le; 1/128.
     */
    static float pow(float x, float b) {
        int bits = Float.floatToRawIntBits(Math.max(x, 1e-30f));
        int j = (bits >>> 16) & 0x7F;
        double m = Float.intBitsToFloat((bits & 0x7FFFFF) | 0x3F800000); // [1, 2)
        double r = Math.fma(m, INV_CENTRE[j], -1);
        double ln1p = r * (1 - r * (0.5 - r * (1.0 / 3)));
        double y = b * (((bits >>> 23) - 127) + LOG2_CENTRE[j] + ln1p * 1.4426950408889634);
        if (y < -126) return 0f;
        if (y > 127) return Float.MAX_VALUE;
        long steps = Math.round(y * 64); // y = steps / 64 + f
        double z = (y - steps * (1.0 / 64)) * 0.6931471805599453;
        double ez = 1 + z * (1 + z * (0.5 + z * (1.0 / 6)));
        double scale = Double.longBitsToDouble(((steps >> 6) + 1023) << 52);
        return (float) (ez * EXP2_STEP[(int) (steps & 63)] * scale);
    }

    /** SplitMix64's finaliser: a well-mixed 64-bit value of {@code z}. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /** The next state of a SplitMix64 stream (its output is mix of the state). */
    private static long next(long state) {
        return mix(state + 0x9e3779b97f4a7c15L);
    }

    private interface ChunkWork {
        void run(int chunk);
    }

    /**
     * Runs chunks 0..chunks-1 on the pool and waits for them. Not {@link Workers}: a fit runs
     * 15 rounds x 200-500 epochs of short chunks, so it keeps one pool rather than starting
     * threads for every round.
     */
    private static void runChunks(ExecutorService pool, int threads, int chunks, ChunkWork work) {
        if (pool == null) {
            for (int c = 0; c < chunks; c++) work.run(c);
            return;
        }
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> running = new ArrayList<>(threads);
        for (int t = 0; t < threads; t++) {
            running.add(pool.submit(() -> {
                for (int c; (c = next.getAndIncrement()) < chunks; ) work.run(c);
            }));
        }
        try {
            for (Future<?> f : running) f.get();
        } catch (InterruptedException e) {
            next.set(chunks);
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted during the UMAP layout", e);
        } catch (ExecutionException e) {
            next.set(chunks);
            if (e.getCause() instanceof RuntimeException r) throw r;
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException(e.getCause());
        }
    }
}
