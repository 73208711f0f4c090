package dev.taskspace.corpus;

import dev.taskspace.TaskspaceException;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorInputStream;

/**
 * Reads the posts of the "bydate" 20 Newsgroups split from {@code 20news-bydate.tar.gz} (or
 * the plain {@code .tar}) or from its unpacked folder, and checks that it has the expected
 * shape: the folders {@code 20news-bydate-train/} and {@code 20news-bydate-test/}, each with
 * the 20 category folders, one file per post, decoded as latin-1.
 */
final class NewsgroupsArchive {
    static final String TRAIN = "20news-bydate-train";
    static final String TEST = "20news-bydate-test";

    /** One post as stored: split ({@code train} or {@code test}), category, file name, raw text. */
    record Post(String split, String category, String name, String text) {
        String id() {
            return split + "/" + category + "/" + name;
        }
    }

    private NewsgroupsArchive() {}

    /**
     * Reads the posts of the wanted categories and splits, after checking the whole archive's
     * structure. Posts come ordered by id.
     */
    static List<Post> read(Path path, Set<String> categories, Set<String> splits) {
        Map<String, Set<String>> seen = new TreeMap<>(); // split -> categories present
        List<Post> posts = new ArrayList<>();
        Collector collector = (relPath, bytes) -> {
            // relPath: <anything>/20news-bydate-<split>/<category>/<name>
            String[] parts = relPath.split("/");
            for (int i = 0; i + 2 < parts.length; i++) {
                String split = splitOf(parts[i]);
                if (split == null || i + 3 != parts.length) continue;
                String category = parts[i + 1];
                seen.computeIfAbsent(split, k -> new TreeSet<>()).add(category);
                if (splits.contains(split) && categories.contains(category)) {
                    posts.add(new Post(split, category, parts[i + 2], new String(bytes.get(), StandardCharsets.ISO_8859_1)));
                }
                return;
            }
        };
        if (Files.isDirectory(path)) readFolder(path, collector);
        else readArchive(path, collector);
        checkStructure(path, seen);
        posts.sort(java.util.Comparator.comparing(Post::id));
        return posts;
    }

    private static String splitOf(String folder) {
        if (folder.equals(TRAIN)) return "train";
        if (folder.equals(TEST)) return "test";
        return null;
    }

    /** Receives each file: its path relative to the root with '/' separators, and its bytes on demand. */
    private interface Collector {
        void accept(String relPath, IOSupplier bytes) throws IOException;
    }

    private interface IOSupplier {
        byte[] get() throws IOException;
    }

    private static void readArchive(Path archive, Collector collector) {
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(archive), 1 << 16)) {
            raw.mark(2);
            boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
            raw.reset();
            try (InputStream in = gzip ? new GzipCompressorInputStream(raw) : raw;
                    TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
                for (TarArchiveEntry e; (e = tar.getNextEntry()) != null; ) {
                    if (!e.isFile()) continue;
                    String name = e.getName().startsWith("./") ? e.getName().substring(2) : e.getName();
                    collector.accept(name, tar::readAllBytes);
                }
            }
        } catch (IOException | IllegalArgumentException e) {
            String why = e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
            throw new TaskspaceException(archive + " is truncated or corrupt (" + why
                    + "): expected the 20 Newsgroups " + Newsgroups.ARCHIVE_NAME + "; download it again", e);
        }
    }

    private static void readFolder(Path root, Collector collector) {
        try (Stream<Path> files = Files.walk(root, 4)) {
            for (Path f : (Iterable<Path>) files.filter(Files::isRegularFile).sorted()::iterator) {
                String rel = root.relativize(f).toString().replace('\\', '/');
                collector.accept(rel, () -> Files.readAllBytes(f));
            }
        } catch (IOException e) {
            throw new TaskspaceException("cannot read the 20 Newsgroups folder " + root + ": " + e.getMessage(), e);
        }
    }

    private static void checkStructure(Path path, Map<String, Set<String>> seen) {
        for (String split : List.of("train", "test")) {
            Set<String> present = seen.get(split);
            String folder = split.equals("train") ? TRAIN : TEST;
            if (present == null) {
                throw new TaskspaceException(path + " is not the 20 Newsgroups \"bydate\" dataset: it has no " + folder
                        + "/ folder (expected " + TRAIN + "/ and " + TEST + "/ with 20 category folders each)");
            }
            Set<String> missing = new TreeSet<>(Newsgroups.CATEGORIES);
            missing.removeAll(present);
            if (!missing.isEmpty()) {
                throw new TaskspaceException(path + " is not the complete 20 Newsgroups dataset: " + folder + "/ lacks "
                        + missing.size() + " of the 20 categories (" + String.join(", ", missing) + ")");
            }
        }
    }
}
