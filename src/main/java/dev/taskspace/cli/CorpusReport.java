package dev.taskspace.cli;

import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusSummary;
import dev.taskspace.corpus.Document;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The corpus stage's summary, as printed after {@code taskspace corpus} and {@code demo}. */
final class CorpusReport {
    private CorpusReport() {}

    /** The summary of a corpus the stage wrote into {@code project} with {@code options}, and where. */
    static void print(Corpus corpus, dev.taskspace.corpus.CorpusStage.Options options, dev.taskspace.ProjectDir project, PrintStream out) {
        print(corpus, options.sample().perLabel(), out);
        out.println("wrote " + project.corpusDocuments() + " and corpus.json");
    }

    static void print(Corpus corpus, Integer requestedPerLabel, PrintStream out) {
        CorpusSummary s = CorpusSummary.of(corpus);
        Map<String, Integer> labels = corpus.countsByLabel();
        out.printf(Locale.ROOT, "corpus: %,d documents, %s%n", corpus.size(),
                corpus.hasLabels() ? labels.size() + " labels" : "no labels");

        if (corpus.hasLabels()) {
            Map<String, List<Long>> lengths = new TreeMap<>(java.util.Comparator.nullsLast(java.util.Comparator.naturalOrder()));
            for (Document d : corpus.documents()) {
                lengths.computeIfAbsent(d.label(), k -> new ArrayList<>()).add((long) d.text().codePointCount(0, d.text().length()));
            }
            int width = Math.max(5, labels.keySet().stream().mapToInt(l -> l == null ? 11 : l.length()).max().orElse(5));
            out.printf(Locale.ROOT, "  %-" + width + "s %6s %13s%n", "label", "docs", "median chars");
            for (Map.Entry<String, Integer> e : labels.entrySet()) {
                String name = e.getKey() == null ? "(unlabelled)" : e.getKey();
                String shortfall = requestedPerLabel != null && e.getValue() < requestedPerLabel
                        ? "  (only " + e.getValue() + " available of " + requestedPerLabel + " asked)" : "";
                out.printf(Locale.ROOT, "  %-" + width + "s %,6d %,13.0f%s%n", name, e.getValue(),
                        median(lengths.get(e.getKey())), shortfall);
            }
        }
        CorpusSummary.Stats c = s.chars();
        CorpusSummary.Stats t = s.approxTokens();
        out.printf(Locale.ROOT, "length: characters min %,d, median %,.0f, mean %,.0f, max %,d%n", c.min(), c.median(), c.mean(), c.max());
        out.printf(Locale.ROOT, "tokens (approx., chars/4): median %,.0f, total %,d%n", t.median(), t.total());
        Object pool = corpus.provenance().get("sample") instanceof Map<?, ?> m ? m.get("pool") : null;
        if (corpus.droppedTotal() > 0) {
            List<String> parts = new ArrayList<>();
            corpus.dropped().forEach((reason, n) -> parts.add(String.format(Locale.ROOT, "%,d %s", n, reason)));
            out.printf(Locale.ROOT, "dropped%s: %s%n", pool != null ? " before sampling" : "", String.join("; ", parts));
        } else {
            out.println("dropped: none");
        }
        if (pool != null && !pool.equals(corpus.size())) {
            out.printf(Locale.ROOT, "sampled %,d of %,d usable documents%n", corpus.size(), ((Number) pool).intValue());
        }
        if (!corpus.truncated().isEmpty()) {
            out.printf(Locale.ROOT, "cut at %s characters: %,d documents%n", corpus.provenance().get("maxChars"),
                    corpus.truncated().size());
        }
    }

    private static double median(List<Long> values) {
        long[] v = values.stream().mapToLong(Long::longValue).sorted().toArray();
        int n = v.length;
        return n == 0 ? 0 : n % 2 == 1 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
    }
}
