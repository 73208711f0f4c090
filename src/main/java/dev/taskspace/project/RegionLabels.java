package dev.taskspace.project;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names regions by their most distinctive words: class-based TF-IDF (c-TF-IDF, as BERTopic)
 * over the regions' full texts, each region one "class".
 *
 * <p>Words: lower-cased runs of letters and digits starting with a letter, 3 to 25 characters,
 * apostrophes removed, minus English stop words ({@code stopwords.txt}); a word counts once per
 * document (a post that repeats a word fifty times does not name its region) and only words in
 * at least {@value #MIN_DOCS} documents of the corpus are kept. A word's weight in region r is
 * {@code tf(w, r) * log(1 + A / f(w))}: tf is the share of the region's word occurrences that
 * are w, A the mean number of word occurrences per region, f(w) the word's occurrences in the
 * whole corpus. A word must also occur in at least {@value #MIN_REGION_SHARE} of the region's
 * documents (and two of them), so that one long post cannot name a region.
 *
 * <p>Limits: the words describe what the texts of a region share, not why the model put them
 * together (under a sentiment instruction a region may be named by its topic words if its
 * texts share a topic too); words the corpus uses everywhere are never chosen.
 *
 * <p>Build once per corpus ({@link #RegionLabels(List)} tokenises every text), then call
 * {@link #label} per task: O(total distinct words per document) each time.
 */
public final class RegionLabels {
    /** How many words each region keeps; the page shows the first three. */
    public static final int WORDS = 5;
    static final int MIN_DOCS = 3;
    static final double MIN_REGION_SHARE = 0.05;
    static final double MIN_LIFT = 2;
    private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9]{2,24}");
    private static final Set<String> STOP = stopWords();

    private final List<String> vocabulary;
    private final int[][] docs; // [n][distinct word ids], sorted
    private final int[] corpusCount; // [vocabulary] documents containing each word

    /** Tokenises the texts (the full texts, not previews). */
    public RegionLabels(List<String> texts) {
        Map<String, Integer> ids = new HashMap<>();
        List<String> vocab = new ArrayList<>();
        int[][] raw = new int[texts.size()][];
        List<Integer> counts = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            Set<Integer> seen = new HashSet<>();
            Matcher m = WORD.matcher(texts.get(i).toLowerCase(Locale.ROOT).replace("'", "").replace("\u2019", ""));
            while (m.find()) {
                String w = m.group();
                if (STOP.contains(w)) continue;
                Integer id = ids.get(w);
                if (id == null) {
                    id = vocab.size();
                    ids.put(w, id);
                    vocab.add(w);
                    counts.add(0);
                }
                if (seen.add(id)) counts.set(id, counts.get(id) + 1);
            }
            raw[i] = seen.stream().mapToInt(Integer::intValue).sorted().toArray();
        }
        this.vocabulary = vocab;
        this.corpusCount = counts.stream().mapToInt(Integer::intValue).toArray();
        for (int i = 0; i < raw.length; i++) raw[i] = Arrays.stream(raw[i]).filter(id -> corpusCount[id] >= MIN_DOCS).toArray();
        this.docs = raw;
    }

    /**
     * The distinctive words of each region.
     *
     * @param regions [n] region per document, -1 for none (those count in f(w) only)
     * @param count   number of regions
     * @return per region, up to {@link #WORDS} words, most distinctive first
     */
    public List<List<String>> label(int[] regions, int count) {
        if (regions.length != docs.length) throw new IllegalArgumentException(regions.length + " regions for " + docs.length + " documents");
        int v = vocabulary.size();
        int[][] tf = new int[count][v];
        long[] total = new long[count];
        int[] members = new int[count];
        for (int i = 0; i < docs.length; i++) {
            int r = regions[i];
            if (r < 0) continue;
            if (r >= count) throw new IllegalArgumentException("region " + r + " of document " + i + " is not below " + count);
            members[r]++;
            for (int w : docs[i]) tf[r][w]++;
            total[r] += docs[i].length;
        }
        double a = 0;
        for (long t : total) a += t;
        a = count == 0 ? 0 : a / count;
        List<List<String>> out = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
            int least = Math.max(2, (int) Math.ceil(MIN_REGION_SHARE * members[r]));
            double[] score = new double[v];
            List<Integer> candidates = new ArrayList<>();
            for (int w = 0; w < v; w++) {
                if (tf[r][w] < least || total[r] == 0) continue;
                // twice as common in the region as in the corpus at least: a word everyone uses names nothing
                if ((double) tf[r][w] / members[r] < MIN_LIFT * corpusCount[w] / docs.length) continue;
                score[w] = (double) tf[r][w] / members[r] * Math.log((double) docs.length / corpusCount[w]);
                candidates.add(w);
            }
            candidates.sort((x, y) -> score[x] != score[y] ? Double.compare(score[y], score[x]) : vocabulary.get(x).compareTo(vocabulary.get(y)));
            List<String> words = new ArrayList<>();
            for (int c = 0; c < Math.min(WORDS, candidates.size()); c++) words.add(vocabulary.get(candidates.get(c)));
            out.add(List.copyOf(words));
        }
        return out;
    }

    private static Set<String> stopWords() {
        Set<String> out = new HashSet<>();
        try (InputStream in = RegionLabels.class.getResourceAsStream("stopwords.txt")) {
            if (in == null) throw new IllegalStateException("stopwords.txt is missing from the jar");
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = r.readLine()) != null;) {
                if (line.startsWith("#")) continue;
                for (String w : line.trim().split("\\s+")) if (!w.isEmpty()) out.add(w);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return Set.copyOf(out);
    }
}
