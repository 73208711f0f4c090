package dev.taskspace.corpus;

import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Length statistics of a corpus, for the stage summary and the manifest.
 *
 * @param labels        documents per label, labels sorted
 * @param unlabelled    documents without a label
 * @param chars         text lengths in characters
 * @param approxTokens  approximate token counts, {@link #approxTokens(String)} per text
 */
public record CorpusSummary(Map<String, Integer> labels, int unlabelled, Stats chars, Stats approxTokens) {

    /** Minimum, median, mean, maximum and total of some counts. */
    public record Stats(long min, double median, double mean, long max, long total) {
        static Stats of(long[] values) {
            if (values.length == 0) return new Stats(0, 0, 0, 0, 0);
            long[] v = values.clone();
            Arrays.sort(v);
            int n = v.length;
            double median = n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
            long total = 0;
            for (long x : v) total += x;
            return new Stats(v[0], median, (double) total / n, v[n - 1], total);
        }
    }

    public static CorpusSummary of(Corpus corpus) {
        List<Document> docs = corpus.documents();
        long[] chars = new long[docs.size()];
        long[] tokens = new long[docs.size()];
        for (int i = 0; i < docs.size(); i++) {
            String t = docs.get(i).text();
            chars[i] = PyStrings.length(t);
            tokens[i] = approxTokens(t);
        }
        Map<String, Integer> labels = new java.util.LinkedHashMap<>(corpus.countsByLabel());
        Integer unlabelled = labels.remove(null);
        return new CorpusSummary(labels, unlabelled == null ? 0 : unlabelled, Stats.of(chars), Stats.of(tokens));
    }

    /**
     * A rough token count for planning (time, memory): one token per four characters, the
     * usual rate of byte-level BPE tokenizers such as Qwen3's on English prose. The embedding
     * stage counts real tokens.
     */
    public static long approxTokens(String text) {
        return (PyStrings.length(text) + 3) / 4;
    }
}
