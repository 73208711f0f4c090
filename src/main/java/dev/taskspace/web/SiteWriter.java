package dev.taskspace.web;

import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.AtomicFiles;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * Writes a static site: the page's files, the map beside them in {@code map/}, and a
 * {@code config.json} that says there is no live server. Any static host serves the folder
 * as it is (GitHub Pages, a bucket, {@code python3 -m http.server}); browsers will not run it
 * from {@code file://}, and the page says so when opened that way.
 *
 * <pre>
 * site/
 *   index.html, style.css, boot.js, favicon.svg, app/*.js   the page
 *   config.json                                            {"live": null}
 *   map/map.json, documents.json, previews.json, *.f32, ...  the map, checked before copying
 *   .nojekyll, .taskspace-site                             for GitHub Pages; marks the folder as ours
 * </pre>
 */
public final class SiteWriter {
    /** Marks a folder as a site that taskspace wrote, so that it may be written again. */
    static final String MARKER = ".taskspace-site";

    private SiteWriter() {}

    /** What was written. */
    public record Summary(Path site, MapData map, int files, long bytes) {}

    /**
     * Writes the page and the map in {@code mapDir} to {@code site}. Refuses a folder that has
     * files of its own (not written by taskspace); replaces a previous site's map.
     */
    public static Summary write(Path mapDir, Path site) {
        MapData map = MapArtefact.read(mapDir); // checks every file against the manifest
        try {
            prepare(site);
            long bytes = 0;
            int files = 0;
            for (String name : PageFiles.names()) {
                byte[] b = PageFiles.read(name);
                AtomicFiles.write(site.resolve(name), out -> out.write(b));
                bytes += b.length;
                files++;
            }
            AtomicFiles.writeString(site.resolve("config.json"), "{\"live\": null}\n");
            Path mapOut = site.resolve("map");
            deleteFiles(mapOut);
            Files.createDirectories(mapOut);
            for (String name : MapFiles.names(mapDir)) {
                Path from = MapFiles.resolve(mapDir, name)
                        .orElseThrow(() -> new TaskspaceException("the map in " + mapDir + " lacks " + name + ": run 'taskspace project' again"));
                Path to = mapOut.resolve(name);
                AtomicFiles.write(to, out -> Files.copy(from, out));
                bytes += Files.size(to);
                files++;
            }
            AtomicFiles.writeString(site.resolve(".nojekyll"), "");
            AtomicFiles.writeString(site.resolve(MARKER), "written by taskspace site; safe to delete with the folder\n");
            return new Summary(site, map, files + 1, bytes);
        } catch (IOException e) {
            throw new TaskspaceException("cannot write the site to " + site + ": " + e.getMessage(), e);
        }
    }

    private static void prepare(Path site) throws IOException {
        if (Files.exists(site) && !Files.isDirectory(site)) throw new TaskspaceException(site + " is a file, not a folder: choose another --site");
        if (Files.isDirectory(site) && !Files.exists(site.resolve(MARKER))) {
            try (Stream<Path> entries = Files.list(site)) {
                if (entries.findAny().isPresent()) {
                    throw new TaskspaceException(site + " has files that taskspace did not write: choose an empty or new folder with --site");
                }
            }
        }
        Files.createDirectories(site);
    }

    /** Deletes the plain files of a previous site's map folder (it has no sub-folders). */
    private static void deleteFiles(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) return;
        List<Path> files;
        try (Stream<Path> entries = Files.list(dir)) {
            files = entries.filter(Files::isRegularFile).toList();
        }
        for (Path f : files) Files.delete(f);
    }
}
