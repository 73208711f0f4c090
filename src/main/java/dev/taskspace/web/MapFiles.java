package dev.taskspace.web;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The files of a map folder that may be served or copied: {@code map.json} and the data files
 * it lists, each a plain name inside the folder. A listed name that is not a plain name, or a
 * file that resolves (through a link) outside the folder, is never handed out.
 */
final class MapFiles {
    static final String MANIFEST = "map.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MapFiles() {}

    /** The names to serve, {@code map.json} first; read afresh, since a live task rewrites the map. */
    static List<String> names(Path mapDir) {
        return new ArrayList<>(listed(mapDir).keySet());
    }

    /** The names to serve with the SHA-256 that map.json gives each ({@code map.json} itself: null). */
    private static Map<String, String> listed(Path mapDir) {
        dev.taskspace.map.MapArtefact.recover(mapDir); // a commit that a crash interrupted is finished first
        Path manifest = mapDir.resolve(MANIFEST);
        Map<String, String> names = new LinkedHashMap<>();
        names.put(MANIFEST, null);
        try {
            JsonNode files = JSON.readTree(manifest.toFile()).path("files");
            for (Iterator<String> it = files.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (RequestPath.isSafeRelative(name) && !name.contains("/") && !name.equals(MANIFEST)) {
                    names.put(name, files.path(name).path("sha256").asText(""));
                }
            }
        } catch (IOException e) {
            throw new TaskspaceException("the served map's map.json cannot be read (" + e.getClass().getSimpleName()
                    + "): run 'taskspace project' again to rewrite the map, then reload the page", e);
        }
        return names;
    }

    /**
     * The file for {@code name}, if it is listed, its real location is inside the folder and its
     * content has the checksum that map.json gives it (a file that the map does not vouch for is
     * never served).
     *
     * @throws TaskspaceException when a listed file does not match its checksum (a damaged map)
     */
    static Optional<Path> resolve(Path mapDir, String name) {
        if (!Files.isRegularFile(mapDir.resolve(MANIFEST))) return Optional.empty();
        Map<String, String> listed = listed(mapDir);
        if (!listed.containsKey(name)) return Optional.empty();
        Path real;
        try {
            Path root = mapDir.toRealPath();
            Path file = mapDir.resolve(name);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
            real = file.toRealPath();
            if (!real.getParent().equals(root) || !Files.isRegularFile(real)) return Optional.empty();
            String expected = listed.get(name);
            if (expected != null && !expected.equals(CHECKSUMS.of(real))) {
                throw new TaskspaceException("map/" + name + " does not match its checksum in map.json (changed or damaged): "
                        + "run 'taskspace project' again to rewrite the map");
            }
        } catch (IOException e) {
            return Optional.empty();
        }
        return Optional.of(real);
    }

    private static final Checksums CHECKSUMS = new Checksums();

    /** SHA-256 of files, computed once per version (path, size, modification time). */
    private static final class Checksums {
        private record Key(Path file, long size, java.nio.file.attribute.FileTime modified) {}

        private final Map<Key, String> known = new java.util.concurrent.ConcurrentHashMap<>();

        String of(Path file) throws IOException {
            Key key = new Key(file, Files.size(file), Files.getLastModifiedTime(file));
            String sha = known.get(key);
            if (sha == null) {
                sha = dev.taskspace.internal.Hashing.sha256(file);
                if (known.size() > 256) known.clear();
                known.put(key, sha);
            }
            return sha;
        }
    }
}
