package dev.taskspace.embed.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Groups texts into batches by length, so that little of each batch is padding, within two
 * budgets: tokens per batch (batch x longest), which bounds the matrix work and activations,
 * and attention cells per head (batch x longest²), which bounds the attention scores.
 */
final class Batcher {
    private Batcher() {}

    /**
     * @param lengths     token count of each text
     * @param tokenBudget the most token slots (padding included) per batch
     * @param cellBudget  the most attention cells (batch x seq x seq) per batch
     * @param maxBatch    the most texts per batch
     * @return batches of text indices, longest texts first; every index appears exactly once
     */
    static List<int[]> plan(int[] lengths, long tokenBudget, long cellBudget, int maxBatch) {
        Integer[] order = new Integer[lengths.length];
        for (int i = 0; i < order.length; i++) order[i] = i;
        // Longest first, ties by index: deterministic, and each batch's first text sets its width.
        Arrays.sort(order, Comparator.<Integer>comparingInt(i -> -lengths[i]).thenComparingInt(i -> i));
        List<int[]> batches = new ArrayList<>();
        int start = 0;
        while (start < order.length) {
            long width = Math.max(1, lengths[order[start]]);
            long byTokens = tokenBudget / width;
            long byCells = cellBudget / (width * width);
            int size = (int) Math.max(1, Math.min(maxBatch, Math.min(byTokens, byCells)));
            int end = Math.min(order.length, start + size);
            int[] batch = new int[end - start];
            for (int k = start; k < end; k++) batch[k - start] = order[k];
            batches.add(batch);
            start = end;
        }
        return batches;
    }
}
