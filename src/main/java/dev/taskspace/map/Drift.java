package dev.taskspace.map;

import java.util.HashSet;
import java.util.Set;

/**
 * Drift, one definition everywhere (the stored figure, the per-document colour, the selection
 * panel's "N new", the CLI, the README): <b>the share of a document's k nearest neighbours under
 * a task (full vectors) that are not among its k nearest neighbours under the first task</b>.
 * With k = 10, a drift of 0.4 reads "4 of its 10 neighbours are new".
 *
 * <p>Maps written before this definition stored 1 - Jaccard of the two lists, which reads
 * higher (4 new of 10 is a Jaccard of 6/14, so 0.57). Their map.json has no
 * {@link #DEFINITION} key; {@link MapArtefact#read} and the page recompute their drift from the
 * stored neighbour lists and say so.
 */
public final class Drift {
    /** The value of map.json's "drift" key for maps with this definition. */
    public static final String DEFINITION = "share of the k nearest neighbours (full vectors) not among the first task's";

    private Drift() {}

    /**
     * Per document, |task \ reference| / |task| of its neighbour lists (a repeated index counts once).
     *
     * @param reference [n][k] neighbours under the first task
     * @param task      [n][k] neighbours under the task
     * @return [n] drift, 0 (same neighbours) to 1 (all new); 0 for a document without neighbours
     */
    public static float[] of(int[][] reference, int[][] task) {
        if (reference.length != task.length) throw new IllegalArgumentException(reference.length + " lists against " + task.length);
        float[] out = new float[task.length];
        Set<Integer> ref = new HashSet<>();
        Set<Integer> here = new HashSet<>();
        for (int i = 0; i < task.length; i++) {
            ref.clear();
            here.clear();
            for (int j : reference[i]) ref.add(j);
            for (int j : task[i]) here.add(j);
            int fresh = 0;
            for (int j : here) if (!ref.contains(j)) fresh++;
            out[i] = here.isEmpty() ? 0 : (float) fresh / here.size();
        }
        return out;
    }
}
