package dev.taskspace.web;

import dev.taskspace.TaskspaceException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The documents nearest to a query under a task: the query is embedded by {@link QueryModel}
 * under the task's instruction and compared (cosine) with the task's stored vectors.
 *
 * <p>Bounded: query vectors are kept for the last {@value #CACHED_QUERIES} (task, query) pairs,
 * the stored vectors of one task at a time (switching tasks reads the next one), and one search
 * runs at a time (the model is one session).
 */
final class MeaningSearch implements AutoCloseable {
    /** The longest query accepted, in characters. */
    static final int MAX_QUERY = 1000;
    /** The most results one search returns. */
    static final int MAX_RESULTS = 500;
    static final int CACHED_QUERIES = 256;

    private final QueryModel model;
    private final Map<String, float[]> queries = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<String, float[]> eldest) {
            return size() > CACHED_QUERIES;
        }
    };
    private String loadedTask;
    private float[][] loaded; // [n][d], the stored vectors of loadedTask
    private float[] norms; // [n]

    MeaningSearch(QueryModel model) {
        this.model = model;
    }

    /** Why it cannot search here, or empty. */
    String unavailable() {
        return model.unavailable();
    }

    /**
     * The result of a search: document indices (map order) from the nearest, their cosine
     * similarities, and whether the query's vector came from the cache.
     */
    record Result(int[] indices, float[] scores, boolean cached) {}

    /**
     * The {@code k} documents nearest to {@code query} under {@code task} (a task with vectors;
     * {@code documents}: how many the map has).
     *
     * @throws TaskspaceException when the task has no stored vectors or they do not fit the map
     */
    synchronized Result search(String task, String query, int k, int documents) throws Exception {
        float[][] vectors = vectors(task, documents);
        String key = task + '\u0000' + query;
        float[] q = queries.get(key);
        boolean cached = q != null;
        if (q == null) {
            q = model.embed(task, query);
            queries.put(key, q);
        }
        if (q.length != vectors[0].length) {
            throw new TaskspaceException("the query's vector has " + q.length + " dimensions, the task \"" + task + "\"'s vectors "
                    + vectors[0].length + ": run 'taskspace embed' and 'taskspace project' again");
        }
        return nearest(vectors, norms, q, Math.min(k, vectors.length), cached);
    }

    private float[][] vectors(String task, int documents) {
        if (!task.equals(loadedTask)) {
            loaded = null; // let the last task's vectors go before reading the next
            norms = null;
            loadedTask = null;
            float[][] v = model.vectors(task);
            if (v == null) throw new TaskspaceException(noVectors(task));
            if (v.length != documents || v.length == 0) {
                throw new TaskspaceException("the task \"" + task + "\" has " + v.length + " stored vectors for a map of " + documents
                        + " documents: run 'taskspace project' again");
            }
            float[] n = new float[v.length];
            for (int i = 0; i < v.length; i++) n[i] = (float) Math.sqrt(dot(v[i], v[i]));
            loaded = v;
            norms = n;
            loadedTask = task;
        }
        return loaded;
    }

    static String noVectors(String task) {
        return "the task \"" + task + "\" is a 2-D layout imported without vectors, so it cannot be searched by meaning: search it by "
                + "words, or search another task by meaning";
    }

    /** The k rows of {@code vectors} with the highest cosine against {@code q}, best first (ties: lower index first). */
    static Result nearest(float[][] vectors, float[] vectorNorms, float[] q, int k, boolean cached) {
        double qn = Math.sqrt(dot(q, q));
        int[] heap = new int[k]; // a min-heap of the best k so far, by score
        float[] score = new float[vectors.length];
        int size = 0;
        for (int i = 0; i < vectors.length; i++) {
            double d = qn * vectorNorms[i];
            score[i] = d == 0 ? 0f : (float) (dot(q, vectors[i]) / d);
            if (size < k) {
                heap[size] = i;
                up(heap, score, size++);
            } else if (k > 0 && better(score, i, heap[0])) {
                heap[0] = i;
                down(heap, score, k);
            }
        }
        Integer[] order = new Integer[size];
        for (int r = 0; r < size; r++) order[r] = heap[r];
        Arrays.sort(order, (a, b) -> better(score, a, b) ? -1 : better(score, b, a) ? 1 : 0);
        int[] indices = new int[size];
        float[] scores = new float[size];
        for (int r = 0; r < size; r++) {
            indices[r] = order[r];
            scores[r] = score[order[r]];
        }
        return new Result(indices, scores, cached);
    }

    private static boolean better(float[] score, int a, int b) {
        return score[a] > score[b] || (score[a] == score[b] && a < b);
    }

    private static void up(int[] heap, float[] score, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(score, heap[parent], heap[at])) break;
            int t = heap[parent];
            heap[parent] = heap[at];
            heap[at] = t;
            at = parent;
        }
    }

    private static void down(int[] heap, float[] score, int size) {
        int at = 0;
        while (true) {
            int l = 2 * at + 1, r = l + 1, worst = at;
            if (l < size && better(score, heap[worst], heap[l])) worst = l;
            if (r < size && better(score, heap[worst], heap[r])) worst = r;
            if (worst == at) return;
            int t = heap[worst];
            heap[worst] = heap[at];
            heap[at] = t;
            at = worst;
        }
    }

    /*
     * A plain loop, not project's KnnKernel, on purpose for now: web may not depend on the project
     * stage (package-info), so reusing the kernel means moving KnnKernel and KnnKernelVector to
     * internal, not a second copy here. The plain loop is a few times slower than the kernel's
     * Vector API dot products (not yet measured by a committed benchmark); at 1M x 1024 a query
     * then takes on the order of a second. Double accumulation keeps the shown cosines exact to
     * their 3 decimals either way.
     */
    private static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) s += a[i] * b[i];
        return s;
    }

    @Override
    public synchronized void close() {
        loaded = null;
        model.close();
    }
}
