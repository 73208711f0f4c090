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
 * {@code optimize_layout_euclidean} does (edge sampling in proportion to weight, 5 negative
 * samples per positive one, gradient clipping at 4, learning rate falling linearly from 1).
 *
 * <p>One change makes it parallel and still reproducible: within an epoch a point moves only
 * through its own edges, and it sees the other points where they stood when the epoch began.
 * Each point's updates therefore depend on nothing another thread does during the epoch, and
 * its negative samples come from a random stream seeded by (seed, epoch, point); the layout is
 * the same bit for bit whatever the number of threads or the order in which they run. Because
 * the graph is symmetric, umap-learn moves each endpoint of an edge twice per sample (once as
 * the edge's head, once as the tail of the reverse edge); here the head's attractive step is
 * doubled instead, which keeps the balance of attraction and repulsion.
 *
 * <p>Arithmetic is plain float/double with a polynomial {@code x^b} ({@link #pow}), never
 * {@code Math.pow}, whose last bit may differ between the interpreter, the JIT and platforms.
 *
 * <p>Cost: epochs x (sampled edges x (1 + 5 negatives)) gradient steps of a few dozen flops;
 * memory: a few numbers per edge.
 */
final class UmapOptimizer {
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
        int edges = g.edges();
        float max = g.maxWeight();
        double[] perSample = new double[edges];     // epochs between two samples of the edge
        double[] nextSample = new double[edges];
        double[] nextNegative = new double[edges];
        for (int e = 0; e < edges; e++) {
            perSample[e] = max / g.weight()[e];
            nextSample[e] = perSample[e];
            nextNegative[e] = perSample[e] / NEGATIVE_RATE;
        }
        float a = (float) curve.a(), b = (float) curve.b();
        float[] before = new float[2 * n];
        int chunk = Math.max(64, n / (threads * 16));
        int chunks = (n + chunk - 1) / chunk;
        ExecutorService pool = threads > 1 ? Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "taskspace-umap");
            t.setDaemon(true);
            return t;
        }) : null;
        try {
            for (int epoch = 0; epoch < epochs; epoch++) {
                System.arraycopy(layout, 0, before, 0, 2 * n);
                float alpha = 1f - (float) epoch / epochs;
                int ep = epoch;
                ChunkWork work = c -> {
                    int end = Math.min(n, (c + 1) * chunk);
                    for (int i = c * chunk; i < end; i++) {
                        moveOne(g, i, ep, layout, before, a, b, alpha, perSample, nextSample, nextNegative, seed);
                    }
                };
                runChunks(pool, threads, chunks, work);
                progress.stepTo(from + (long) (to - from) * (epoch + 1) / epochs);
            }
        } finally {
            if (pool != null) pool.shutdownNow();
        }
    }

    /** One point's edges due in this epoch: attraction to each neighbour, then its negative samples. */
    private static void moveOne(UmapGraph g, int i, int epoch, float[] layout, float[] before, float a, float b,
            float alpha, double[] perSample, double[] nextSample, double[] nextNegative, long seed) {
        int[] col = g.col();
        int n = g.n();
        float x = layout[2 * i], y = layout[2 * i + 1];
        long rng = mix(seed ^ mix(((long) epoch << 32) | i));
        for (int e = g.rowStart()[i], end = g.rowStart()[i + 1]; e < end; e++) {
            if (nextSample[e] > epoch) continue;
            int j = col[e];
            float dx = x - before[2 * j], dy = y - before[2 * j + 1];
            float d2 = dx * dx + dy * dy;
            if (d2 > 0) {
                float pb = pow(d2, b);
                float coeff = -2f * a * b * (pb / d2) / (a * pb + 1f);
                x += 2f * clip(coeff * dx) * alpha;
                y += 2f * clip(coeff * dy) * alpha;
            }
            nextSample[e] += perSample[e];
            double perNegative = perSample[e] / NEGATIVE_RATE;
            int negatives = (int) ((epoch - nextNegative[e]) / perNegative);
            // The negative samples of one edge are all pushed from the same position, so the
            // CPU can work on them at once rather than one after the other.
            float gx = 0, gy = 0;
            for (int s = 0; s < negatives; s++) {
                rng = next(rng);
                int k = (int) (((rng >>> 32) * n) >>> 32);
                if (k == i) continue;
                float nx = x - before[2 * k], ny = y - before[2 * k + 1];
                float nd2 = nx * nx + ny * ny;
                if (nd2 > 0) {
                    float coeff = 2f * b / ((0.001f + nd2) * (a * pow(nd2, b) + 1f));
                    gx += clip(coeff * nx);
                    gy += clip(coeff * ny);
                }
            }
            x += gx * alpha;
            y += gy * alpha;
            nextNegative[e] += negatives * perNegative;
        }
        layout[2 * i] = x;
        layout[2 * i + 1] = y;
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
