package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.Reporter;
import dev.taskspace.internal.Hashing;
import dev.taskspace.testing.SharedData;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real 20 Newsgroups archive of {@code ../shared/data}: counts, cleaning against scikit-learn, the demo sample. */
class NewsgroupsSharedDataIT {
    static Path archive;

    @TempDir
    Path cache;

    @BeforeAll
    static void findArchive() {
        archive = SharedData.require("20news-bydate.tar.gz");
    }

    private Newsgroups.Source source() {
        return new Newsgroups.Source(archive, cache, Newsgroups.CANONICAL_URL, Newsgroups.CANONICAL_SHA256, true);
    }

    @Test
    void allPostsLoadWithTheDocumentedCountsPerCategory() throws IOException {
        // The expected counts are read from the data's own README, not copied into this test.
        String readme = Files.readString(SharedData.require("README.md")).replaceAll("\\s+", " ");
        Matcher m = Pattern.compile("([a-z][a-z.-]+) (\\d+)/(\\d+)").matcher(readme);
        Map<String, Integer> expected = new TreeMap<>();
        while (m.find()) {
            // Only the category table counts: other prose may hold "word 800/800" (e.g. the original demo's facts).
            if (!Newsgroups.CATEGORIES.contains(m.group(1))) continue;
            expected.put("train/" + m.group(1), Integer.parseInt(m.group(2)));
            expected.put("test/" + m.group(1), Integer.parseInt(m.group(3)));
        }
        assertThat(expected).as("counts found in the README").hasSize(40);

        List<NewsgroupsArchive.Post> posts = NewsgroupsArchive.read(archive, Set.copyOf(Newsgroups.CATEGORIES), Newsgroups.SPLITS);
        Map<String, Integer> actual = new TreeMap<>();
        for (NewsgroupsArchive.Post p : posts) actual.merge(p.split() + "/" + p.category(), 1, Integer::sum);

        assertThat(posts).hasSize(18_846);
        assertThat(actual).isEqualTo(expected);
        assertThat(posts.stream().filter(p -> p.split().equals("train"))).hasSize(11_314);
    }

    @Test
    void cleaningMatchesScikitLearnOnEveryPost() throws IOException {
        Digest digest = Digest.load();
        String sha = Hashing.sha256(archive);
        if (!sha.equals(digest.archiveSha256)) {
            org.junit.jupiter.api.Assumptions.abort("the digest was made from archive " + digest.archiveSha256 + ", not " + sha);
        }
        Corpus c = Newsgroups.load(source(), Newsgroups.CATEGORIES, Newsgroups.SPLITS, TextRules.DEMO, Reporter.SILENT);

        Map<String, MessageDigest> hashes = new TreeMap<>();
        Map<String, Integer> kept = new HashMap<>();
        for (Document d : c.documents()) { // ordered by id, as the script hashes them
            String group = d.id().substring(0, d.id().lastIndexOf('/'));
            hashes.computeIfAbsent(group, k -> Hashing.sha256())
                    .update((d.id() + "\t" + d.text() + "\n").getBytes(StandardCharsets.UTF_8));
            kept.merge(group, 1, Integer::sum);
        }
        for (Map.Entry<String, int[]> e : digest.counts.entrySet()) {
            String group = e.getKey();
            assertThat(kept.getOrDefault(group, 0)).as("kept in %s", group).isEqualTo(e.getValue()[3]);
            assertThat(HexFormat.of().formatHex(hashes.get(group).digest())).as("texts of %s", group)
                    .isEqualTo(digest.sha256.get(group));
        }
        int empty = digest.counts.values().stream().mapToInt(v -> v[1]).sum();
        int shortOnes = digest.counts.values().stream().mapToInt(v -> v[2]).sum();
        assertThat(c.dropped()).containsEntry(TextRules.EMPTY_AFTER_CLEANING, empty).containsEntry("shorter than 100 characters", shortOnes);
    }

    @Test
    void theDemoSampleIs800PostsOf80PerCategoryIdenticalAcrossRuns() {
        Corpus pool = Newsgroups.load(source(), Newsgroups.DEMO_CATEGORIES, Newsgroups.SPLITS, TextRules.DEMO, Reporter.SILENT);
        List<Document> sample = Sampler.perLabel(pool.documents(), 80, 42);

        assertThat(sample).hasSize(800);
        Map<String, Integer> perLabel = new TreeMap<>();
        sample.forEach(d -> perLabel.merge(d.label(), 1, Integer::sum));
        assertThat(perLabel).hasSize(10).allSatisfy((label, n) -> assertThat(n).isEqualTo(80));
        assertThat(perLabel.keySet()).containsExactlyInAnyOrderElementsOf(Newsgroups.DEMO_CATEGORIES);
        assertThat(sample).allSatisfy(d -> assertThat(d.text().length()).isBetween(100, 5000));
        assertThat(sample.stream().map(Document::id).filter(id -> id.startsWith("test/"))).as("train and test together").isNotEmpty();
        assertThat(sample.stream().map(Document::id).filter(id -> id.startsWith("train/"))).isNotEmpty();

        Corpus again = Newsgroups.load(source(), Newsgroups.DEMO_CATEGORIES, Newsgroups.SPLITS, TextRules.DEMO, Reporter.SILENT);
        assertThat(Sampler.perLabel(again.documents(), 80, 42)).isEqualTo(sample);
        assertThat(Sampler.byIds(again.documents(), sample.stream().map(Document::id).toList(), "sample")).isEqualTo(sample);
    }

    /** The script's per-category digest: split/category -> {posts, empty, short, kept} and SHA-256. */
    private record Digest(String archiveSha256, Map<String, int[]> counts, Map<String, String> sha256) {
        static Digest load() throws IOException {
            String text;
            try (InputStream in = NewsgroupsSharedDataIT.class.getResourceAsStream("sklearn-20news-digest.tsv")) {
                text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            String archiveSha = null;
            Map<String, int[]> counts = new TreeMap<>();
            Map<String, String> sha = new TreeMap<>();
            for (String line : text.split("\n")) {
                if (line.startsWith("# scripts/")) archiveSha = line.substring(line.lastIndexOf(' ') + 1);
                if (line.startsWith("#") || line.isBlank()) continue;
                String[] f = line.split("\t");
                String group = f[0] + "/" + f[1];
                counts.put(group, new int[] {Integer.parseInt(f[2]), Integer.parseInt(f[3]), Integer.parseInt(f[4]), Integer.parseInt(f[5])});
                sha.put(group, f[6]);
            }
            assertThat(counts).as("rows in the digest").hasSize(40);
            return new Digest(archiveSha, counts, sha);
        }
    }
}
