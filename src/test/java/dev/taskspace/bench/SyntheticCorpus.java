package dev.taskspace.bench;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * Writes a structured synthetic corpus as JSON Lines, for running the whole path at any size
 * without a real corpus: {@code topics} topics, each with its own vocabulary of 40 words and a
 * sentiment, so that a topic task and a sentiment task have different true structure. Each
 * document is 20-120 words: two thirds from its topic, the rest from a shared vocabulary, plus
 * one sentiment word in four. The same arguments give the same file, byte for byte.
 *
 * <pre>{@code
 * java -cp "target/test-classes:target/classes:target/lib/*" dev.taskspace.bench.SyntheticCorpus /tmp/syn.jsonl 1000000 [topics] [seed]
 * ./taskspace corpus -i /tmp/syn.jsonl --out /tmp/syn -q
 * }</pre>
 */
public final class SyntheticCorpus {
    private static final String[] SHARED = words("common", 300);
    private static final String[] GOOD = {"great", "excellent", "wonderful", "happy", "love", "superb", "delighted", "pleasant"};
    private static final String[] BAD = {"terrible", "awful", "broken", "angry", "hate", "poor", "disappointed", "useless"};

    private SyntheticCorpus() {}

    public static void main(String[] args) throws IOException {
        Path out = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        int topics = args.length > 2 ? Integer.parseInt(args[2]) : 20;
        long seed = args.length > 3 ? Long.parseLong(args[3]) : 42;
        write(out, n, topics, seed);
        System.out.printf(Locale.ROOT, "%s: %,d documents, %d topics, %,d bytes%n", out, n, topics, Files.size(out));
    }

    static void write(Path out, int n, int topics, long seed) throws IOException {
        String[][] vocab = new String[topics][];
        for (int t = 0; t < topics; t++) vocab[t] = words("topic" + t + "w", 40);
        SplittableRandom r = new SplittableRandom(seed);
        try (BufferedWriter w = Files.newBufferedWriter(out, StandardCharsets.UTF_8)) {
            StringBuilder text = new StringBuilder();
            for (int i = 0; i < n; i++) {
                int topic = r.nextInt(topics);
                boolean positive = r.nextBoolean();
                int length = 20 + r.nextInt(101);
                text.setLength(0);
                for (int k = 0; k < length; k++) {
                    if (k > 0) text.append(' ');
                    int pick = r.nextInt(12);
                    if (pick < 8) text.append(vocab[topic][r.nextInt(40)]);
                    else if (pick < 11) text.append(SHARED[r.nextInt(SHARED.length)]);
                    else text.append((positive ? GOOD : BAD)[r.nextInt(GOOD.length)]);
                }
                w.write(String.format(Locale.ROOT, "{\"id\":\"s%07d\",\"text\":\"%s\",\"label\":\"topic%02d-%s\"}%n", i, text, topic,
                        positive ? "good" : "bad"));
            }
        }
    }

    /** {@code count} pronounceable made-up words, e.g. {@code topic3w-kalemo}. */
    private static String[] words(String prefix, int count) {
        String[] syllables = {"ka", "le", "mo", "ri", "tu", "se", "na", "po", "vi", "de", "lu", "fa"};
        String[] out = new String[count];
        for (int i = 0; i < count; i++) {
            StringBuilder b = new StringBuilder(prefix).append('-');
            for (int x = i + 7; x > 0; x /= syllables.length) b.append(syllables[x % syllables.length]);
            out[i] = b.toString();
        }
        return out;
    }
}
