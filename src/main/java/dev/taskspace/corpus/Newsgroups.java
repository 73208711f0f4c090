package dev.taskspace.corpus;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.Download;
import dev.taskspace.internal.Hashing;
import dev.taskspace.internal.UserDirs;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The 20 Newsgroups "bydate" dataset, the way users get it: a local archive or folder when
 * given, else the canonical archive, downloaded once into the user cache and verified.
 *
 * <pre>{@code
 * Corpus c = Newsgroups.load(Newsgroups.Source.defaults(), Newsgroups.DEMO_CATEGORIES,
 *         Newsgroups.SPLITS, TextRules.DEMO, Reporter.console());
 * }</pre>
 */
public final class Newsgroups {
    /** The file name of the archive, in the cache and elsewhere. */
    public static final String ARCHIVE_NAME = "20news-bydate.tar.gz";
    /** Where the canonical archive is served (figshare, as scikit-learn downloads it). */
    public static final URI CANONICAL_URL = URI.create("https://ndownloader.figshare.com/files/5975967");
    /** The canonical archive's SHA-256. */
    public static final String CANONICAL_SHA256 = "8f1b2514ca22a5ade8fbb9cfa5727df95fa587f4c87b786e15c759fa66d95610";
    /** Environment variable naming a local archive or folder, like {@code --newsgroups}. */
    public static final String ENV_PATH = "TASKSPACE_NEWSGROUPS";
    /** Environment variable naming a download mirror, like {@code --newsgroups-url}. */
    public static final String ENV_URL = "TASKSPACE_NEWSGROUPS_URL";

    /** The 20 categories, sorted. */
    public static final List<String> CATEGORIES = List.of(
            "alt.atheism", "comp.graphics", "comp.os.ms-windows.misc", "comp.sys.ibm.pc.hardware",
            "comp.sys.mac.hardware", "comp.windows.x", "misc.forsale", "rec.autos", "rec.motorcycles",
            "rec.sport.baseball", "rec.sport.hockey", "sci.crypt", "sci.electronics", "sci.med", "sci.space",
            "soc.religion.christian", "talk.politics.guns", "talk.politics.mideast", "talk.politics.misc",
            "talk.religion.misc");

    /** The 10 categories of the original demo. */
    public static final List<String> DEMO_CATEGORIES = List.of(
            "alt.atheism", "comp.graphics", "sci.med", "talk.religion.misc", "rec.sport.baseball", "sci.space",
            "talk.politics.guns", "talk.politics.mideast", "rec.autos", "sci.crypt");

    /** The two splits, as named in document ids. */
    public static final Set<String> SPLITS = Set.of("train", "test");

    private Newsgroups() {}

    /**
     * Where to get the dataset.
     *
     * @param local    a local archive or unpacked folder, or null to use the cache
     * @param cacheDir the user cache folder; the archive lives in {@code <cacheDir>/datasets}
     * @param url      where to download from when the cache has no copy
     * @param sha256   the download's expected SHA-256
     * @param offline  never download; fail with advice instead
     */
    public record Source(Path local, Path cacheDir, URI url, String sha256, boolean offline) {
        public Source {
            java.util.Objects.requireNonNull(cacheDir, "cacheDir");
            java.util.Objects.requireNonNull(url, "url");
            java.util.Objects.requireNonNull(sha256, "sha256");
        }

        /**
         * Where the command line gets the dataset: {@code TASKSPACE_NEWSGROUPS} (a local copy),
         * else the cache folder ({@code TASKSPACE_CACHE}, else the platform's user cache),
         * downloading from {@code TASKSPACE_NEWSGROUPS_URL} or the canonical address unless
         * {@code TASKSPACE_OFFLINE} is set. Reads this process's environment.
         */
        public static Source defaults() {
            return fromEnvironment(System.getenv());
        }

        /** As {@link #defaults()}, reading {@code env} instead of the process's environment. */
        public static Source fromEnvironment(Map<String, String> env) {
            String local = env.get(ENV_PATH);
            String url = env.get(ENV_URL);
            return new Source(local == null || local.isBlank() ? null : Path.of(local.strip()), UserDirs.cacheDirFrom(env),
                    url == null || url.isBlank() ? CANONICAL_URL : URI.create(url.strip()), CANONICAL_SHA256,
                    UserDirs.offline(env));
        }

        /** The same source with a local archive or unpacked folder to read instead of the cache. */
        public Source withLocal(Path archiveOrFolder) {
            return new Source(archiveOrFolder, cacheDir, url, sha256, offline);
        }

        /** The cache location of the archive. */
        public Path cachedArchive() {
            return cacheDir.resolve("datasets").resolve(ARCHIVE_NAME);
        }
    }

    /**
     * Loads, cleans and normalises the posts of some categories and splits.
     *
     * @param categories category names; each must be one of {@link #CATEGORIES}
     * @param splits     a subset of {@code train}, {@code test}
     */
    public static Corpus load(Source source, List<String> categories, Set<String> splits, TextRules rules,
            Reporter reporter) {
        Set<String> cats = checkCategories(categories);
        for (String s : splits) {
            if (!SPLITS.contains(s)) throw new TaskspaceException("unknown split \"" + s + "\": use train, test or both");
        }
        Path path = locate(source, reporter);
        List<NewsgroupsArchive.Post> posts = NewsgroupsArchive.read(path, cats, splits);
        warnOnUnusualCounts(posts, cats, splits, reporter);

        List<Document> cleaned = new ArrayList<>(posts.size());
        for (NewsgroupsArchive.Post p : posts) {
            cleaned.add(new Document(p.id(), p.category(), NewsgroupsCleaner.clean(p.text()), "20news-bydate"));
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", "20news-bydate");
        provenance.put("path", path.toAbsolutePath().normalize().toString());
        if (Files.isRegularFile(path)) provenance.put("sha256", sha256(path));
        provenance.put("cleaning", "scikit-learn remove=('headers','footers','quotes'), then whitespace collapsed");
        provenance.put("categories", List.copyOf(cats));
        provenance.put("splits", List.copyOf(new TreeSet<>(splits)));
        provenance.put("posts", posts.size());
        provenance.put("minChars", rules.minChars());
        provenance.put("maxChars", rules.maxChars());
        return rules.apply(cleaned, TextRules.EMPTY_AFTER_CLEANING, provenance);
    }

    /**
     * The dataset's path: the local copy if given (checked to exist), else the cached
     * archive, downloading it first if needed.
     */
    public static Path locate(Source source, Reporter reporter) {
        if (source.local() != null) {
            Path p = source.local();
            if (!Files.exists(p)) {
                throw new TaskspaceException("the 20 Newsgroups copy " + p + " (--newsgroups or " + ENV_PATH
                        + ") does not exist: give the " + ARCHIVE_NAME + " archive or the folder it unpacks to");
            }
            return p;
        }
        return Download.cachedOrFetch(new Download.Request(source.url(), source.cachedArchive(), source.sha256()), ARCHIVE_NAME,
                "20 Newsgroups", "about 14 MB", source.offline(), howToGiveLocalCopy(), reporter);
    }

    private static String howToGiveLocalCopy() {
        return "pass a local copy with --newsgroups PATH (the " + ARCHIVE_NAME
                + " archive or its unpacked folder) or set " + ENV_PATH;
    }

    private static Set<String> checkCategories(List<String> categories) {
        if (categories.isEmpty()) throw new TaskspaceException("no categories chosen");
        Set<String> cats = new TreeSet<>();
        for (String c : categories) {
            if (!CATEGORIES.contains(c)) {
                throw new TaskspaceException("unknown 20 Newsgroups category \"" + c + "\"; the categories are: "
                        + String.join(", ", CATEGORIES));
            }
            cats.add(c);
        }
        return cats;
    }

    /** Per-category post counts (train, test) of the standard split, for a sanity check. */
    private static final Map<String, int[]> STANDARD_COUNTS = standardCounts();

    private static Map<String, int[]> standardCounts() {
        int[][] counts = {
            {480, 319}, {584, 389}, {591, 394}, {590, 392}, {578, 385}, {593, 395}, {585, 390}, {594, 396},
            {598, 398}, {597, 397}, {600, 399}, {595, 396}, {591, 393}, {594, 396}, {593, 394}, {599, 398},
            {546, 364}, {564, 376}, {465, 310}, {377, 251}};
        Map<String, int[]> m = new TreeMap<>();
        for (int i = 0; i < counts.length; i++) m.put(CATEGORIES.get(i), counts[i]);
        return m;
    }

    private static void warnOnUnusualCounts(List<NewsgroupsArchive.Post> posts, Set<String> cats, Set<String> splits,
            Reporter reporter) {
        Map<String, Integer> found = new TreeMap<>();
        for (NewsgroupsArchive.Post p : posts) found.merge(p.split() + "/" + p.category(), 1, Integer::sum);
        for (String c : cats) {
            for (String s : splits) {
                int expected = STANDARD_COUNTS.get(c)[s.equals("train") ? 0 : 1];
                int actual = found.getOrDefault(s + "/" + c, 0);
                if (actual != expected) {
                    reporter.info("note: " + s + "/" + c + " has " + actual + " posts; the standard split has " + expected);
                }
            }
        }
    }

    private static String sha256(Path file) {
        try {
            return Hashing.sha256(file);
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
