package dev.taskspace.testing;

import dev.taskspace.corpus.Newsgroups;
import dev.taskspace.internal.Hashing;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Date;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/**
 * A small synthetic 20 Newsgroups "bydate" dataset, shaped like the real one: the folders
 * {@code 20news-bydate-train/} and {@code 20news-bydate-test/}, each with the 20 category
 * folders of {@link Newsgroups#CATEGORIES}, each with a few posts (latin-1 files: headers, a
 * blank line, a body of more than 100 characters that the cleaner leaves alone).
 *
 * <pre>{@code
 * Path archive = FakeNewsgroups.standard().writeArchive(tmp);            // tmp/20news-bydate.tar.gz
 * Path folder = FakeNewsgroups.standard().writeFolder(tmp);              // tmp/20news-bydate/
 * FakeNewsgroups.standard().withoutCategory("sci.med").writeArchive(tmp); // incomplete
 * }</pre>
 *
 * Instances are immutable and deterministic: the same settings give the same bytes.
 */
public final class FakeNewsgroups {
    public static final String ARCHIVE_NAME = Newsgroups.ARCHIVE_NAME;
    public static final String TRAIN_FOLDER = "20news-bydate-train";
    public static final String TEST_FOLDER = "20news-bydate-test";

    private static final Date MTIME = new Date(735_000_000_000L); // 1993, fixed so the bytes are stable

    private final int postsPerCategory;
    private final Set<String> missing; // "train/<category>", "test/<category>"

    private FakeNewsgroups(int postsPerCategory, Set<String> missing) {
        this.postsPerCategory = postsPerCategory;
        this.missing = Set.copyOf(missing);
    }

    /** All 20 categories in both splits, 3 posts each (120 posts). */
    public static FakeNewsgroups standard() {
        return new FakeNewsgroups(3, Set.of());
    }

    /** The same with {@code n} posts per category and split. */
    public FakeNewsgroups postsPerCategory(int n) {
        if (n < 1) throw new IllegalArgumentException("at least one post per category");
        return new FakeNewsgroups(n, missing);
    }

    /** The same without one category's folder, in both splits. */
    public FakeNewsgroups withoutCategory(String category) {
        if (!Newsgroups.CATEGORIES.contains(category)) throw new IllegalArgumentException(category);
        Set<String> m = new LinkedHashSet<>(missing);
        m.add("train/" + category);
        m.add("test/" + category);
        return new FakeNewsgroups(postsPerCategory, m);
    }

    /** The same without one split's folder ({@code "train"} or {@code "test"}). */
    public FakeNewsgroups withoutSplit(String split) {
        if (!split.equals("train") && !split.equals("test")) throw new IllegalArgumentException(split);
        Set<String> m = new LinkedHashSet<>(missing);
        for (String c : Newsgroups.CATEGORIES) m.add(split + "/" + c);
        return new FakeNewsgroups(postsPerCategory, m);
    }

    /**
     * One post.
     *
     * @param split    {@code train} or {@code test}
     * @param name     the file name, a number as in the real dataset
     * @param raw      the file's text (stored as latin-1)
     * @param cleaned  the text a correct loader yields: the body, whitespace collapsed
     */
    public record Post(String split, String category, String name, String raw, String cleaned) {
        /** The document id: {@code <split>/<category>/<name>}. */
        public String id() {
            return split + "/" + category + "/" + name;
        }

        /** The path inside the archive or folder, e.g. {@code 20news-bydate-train/sci.med/50001}. */
        public String path() {
            return (split.equals("train") ? TRAIN_FOLDER : TEST_FOLDER) + "/" + category + "/" + name;
        }

        public byte[] bytes() {
            return raw.getBytes(StandardCharsets.ISO_8859_1);
        }
    }

    /** Every post, ordered by id. */
    public List<Post> posts() {
        List<Post> posts = new ArrayList<>();
        for (String split : List.of("train", "test")) {
            for (String category : Newsgroups.CATEGORIES) {
                if (missing.contains(split + "/" + category)) continue;
                for (int i = 0; i < postsPerCategory; i++) posts.add(post(split, category, i));
            }
        }
        posts.sort(Comparator.comparing(Post::id));
        return posts;
    }

    private static Post post(String split, String category, int i) {
        String name = String.valueOf((split.equals("train") ? 50_000 : 60_000) + i);
        List<String> body = List.of(
                "This is post " + i + " of " + category + " in the " + split + " split, made up for the taskspace tests.",
                "It has well over one hundred characters and a few latin-1 letters (caf\u00e9, na\u00efve, Z\u00fcrich, \u00e5ngstr\u00f6m)",
                "and nothing that the cleaner strips: no quotes, no signature.");
        String raw = "From: poster" + i + "@" + category.replace('.', '-') + ".example.edu (Poster N\u00fcmmer " + i + ")\n"
                + "Subject: " + category + " question " + i + "\n"
                + "Organization: Universit\u00e9 of Examples\n"
                + "Lines: " + body.size() + "\n"
                + "\n"
                + String.join("\n", body) + "\n";
        return new Post(split, category, name, raw, String.join(" ", body));
    }

    /** Writes {@code dir/20news-bydate.tar.gz} and returns it. */
    public Path writeArchive(Path dir) {
        return write(dir.resolve(ARCHIVE_NAME), archiveBytes());
    }

    /** Writes the uncompressed {@code dir/20news-bydate.tar} and returns it. */
    public Path writeTar(Path dir) {
        return write(dir.resolve("20news-bydate.tar"), tarBytes());
    }

    /** Writes the unpacked folder {@code dir/20news-bydate/} (holding the two split folders) and returns it. */
    public Path writeFolder(Path dir) {
        Path root = dir.resolve("20news-bydate");
        try {
            Files.createDirectories(root);
            for (String split : splitFoldersPresent()) Files.createDirectories(root.resolve(split));
            for (Post p : posts()) {
                Path f = root.resolve(p.path());
                Files.createDirectories(f.getParent());
                Files.write(f, p.bytes());
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return root;
    }

    /** The {@code .tar.gz} archive's bytes. */
    public byte[] archiveBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GzipCompressorOutputStream(bytes)) {
            gz.write(tarBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The uncompressed {@code .tar}'s bytes: a folder entry for each folder, then the posts. */
    public byte[] tarBytes() {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            Set<String> folders = new TreeSet<>(splitFoldersPresent());
            for (Post p : posts()) folders.add(p.path().substring(0, p.path().lastIndexOf('/')));
            for (String folder : folders) {
                TarArchiveEntry e = new TarArchiveEntry(folder + "/");
                e.setModTime(MTIME);
                tar.putArchiveEntry(e);
                tar.closeArchiveEntry();
            }
            for (Post p : posts()) {
                byte[] content = p.bytes();
                TarArchiveEntry e = new TarArchiveEntry(p.path());
                e.setSize(content.length);
                e.setModTime(MTIME);
                tar.putArchiveEntry(e);
                tar.write(content);
                tar.closeArchiveEntry();
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** The lowercase hex SHA-256 of a file. */
    public static String sha256(Path file) {
        try {
            return Hashing.sha256(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Overwrites {@code file} with its first half: a truncated download. */
    public static Path truncateInHalf(Path file) {
        try {
            byte[] all = Files.readAllBytes(file);
            Files.write(file, java.util.Arrays.copyOf(all, all.length / 2));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private List<String> splitFoldersPresent() {
        List<String> present = new ArrayList<>();
        for (String split : List.of("train", "test")) {
            boolean any = Newsgroups.CATEGORIES.stream().anyMatch(c -> !missing.contains(split + "/" + c));
            if (any) present.add(split.equals("train") ? TRAIN_FOLDER : TEST_FOLDER);
        }
        return present;
    }

    private static Path write(Path file, byte[] content) {
        try {
            Files.createDirectories(file.getParent());
            Files.write(file, content);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }
}
