package dev.taskspace.bench;

import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The benchmark's texts: the demo's documents as the corpus stage wrote them, optionally every
 * k-th one (a fixed subset that keeps the length distribution), and the task a real run uses.
 */
final class BenchCorpus {
    /** The demo's "topic" task (Qwen3 instruction), as a real run embeds it. */
    static final Task TOPIC = Tasks.DEMO.stream().filter(t -> t.name().equals("topic")).findFirst().orElseThrow();

    private BenchCorpus() {}

    /** The documents' texts in corpus order; {@code every} > 1 keeps documents 0, every, 2·every, … */
    static List<String> texts(Path corpusDir, int every) {
        List<Document> docs = CorpusArtefact.read(new ProjectDir(corpusDir)).documents();
        List<String> out = new ArrayList<>();
        for (int i = 0; i < docs.size(); i += Math.max(1, every)) out.add(docs.get(i).text());
        return out;
    }

    /** "n, median m, mean x, p90 y, max z" of token lengths. */
    static String describeLengths(int[] lengths) {
        int[] s = lengths.clone();
        Arrays.sort(s);
        long sum = Arrays.stream(s).asLongStream().sum();
        return String.format(java.util.Locale.ROOT, "%d texts, %,d tokens: min %d, median %d, mean %.1f, p90 %d, max %d",
                s.length, sum, s[0], s[s.length / 2], (double) sum / s.length, s[(int) (s.length * 0.9)], s[s.length - 1]);
    }
}
