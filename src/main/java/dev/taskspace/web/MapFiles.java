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
import java.util.List;
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
        Path manifest = mapDir.resolve(MANIFEST);
        List<String> names = new ArrayList<>();
        names.add(MANIFEST);
        try {
            JsonNode files = JSON.readTree(manifest.toFile()).path("files");
            for (Iterator<String> it = files.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (RequestPath.isSafeRelative(name) && !name.contains("/") && !name.equals(MANIFEST)) names.add(name);
            }
        } catch (IOException e) {
            throw new TaskspaceException("the served map's map.json cannot be read (" + e.getClass().getSimpleName()
                    + "): run 'taskspace project' again to rewrite the map, then reload the page", e);
        }
        return names;
    }

    /** The file for {@code name}, if it is listed and its real location is inside the folder. */
    static Optional<Path> resolve(Path mapDir, String name) {
        if (!Files.isRegularFile(mapDir.resolve(MANIFEST)) || !names(mapDir).contains(name)) return Optional.empty();
        try {
            Path root = mapDir.toRealPath();
            Path file = mapDir.resolve(name);
            if (!Files.exists(file, LinkOption.NOFOLLOW_LINKS)) return Optional.empty();
            Path real = file.toRealPath();
            if (!real.getParent().equals(root) || !Files.isRegularFile(real)) return Optional.empty();
            return Optional.of(real);
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
