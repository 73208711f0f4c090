package dev.taskspace.web;

import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

/**
 * The page's own files (HTML, CSS, ES modules), shipped as class-path resources under
 * {@code dev/taskspace/web/page/}. Their list is {@code page.list}: a jar cannot be listed,
 * and a fixed list is also all the server will ever serve from the class path.
 */
public final class PageFiles {
    private static final String ROOT = "/dev/taskspace/web/page/";
    private static final List<String> NAMES = load();

    private PageFiles() {}

    /** The page's files, as paths relative to the site's root (e.g. {@code app/main.js}). */
    public static List<String> names() {
        return NAMES;
    }

    /** Whether {@code name} is one of the page's files. */
    public static boolean contains(String name) {
        return NAMES.contains(name);
    }

    /** The bytes of one of the page's files. */
    public static byte[] read(String name) {
        if (!contains(name)) throw new IllegalArgumentException("not a page file: " + name);
        try (InputStream in = PageFiles.class.getResourceAsStream(ROOT + name)) {
            if (in == null) throw new TaskspaceException("this taskspace build lacks its page file " + name + ": rebuild it");
            return in.readAllBytes();
        } catch (IOException e) {
            throw new TaskspaceException("cannot read the page file " + name + ": " + e.getMessage(), e);
        }
    }

    /** The Content-Type for a file name, by its extension; binary arrays are octet streams. */
    public static String contentType(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1).toLowerCase(Locale.ROOT);
        return switch (ext) {
            case "html" -> "text/html; charset=utf-8";
            case "css" -> "text/css; charset=utf-8";
            case "js" -> "text/javascript; charset=utf-8";
            case "json" -> "application/json; charset=utf-8";
            case "svg" -> "image/svg+xml";
            case "png" -> "image/png";
            case "txt" -> "text/plain; charset=utf-8";
            default -> "application/octet-stream";
        };
    }

    private static List<String> load() {
        try (InputStream in = PageFiles.class.getResourceAsStream(ROOT + "page.list")) {
            if (in == null) throw new IllegalStateException("page.list is missing from the class path");
            List<String> names = new ArrayList<>();
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String name = line.strip();
                if (name.isEmpty()) continue;
                if (!RequestPath.isSafeRelative(name)) throw new IllegalStateException("page.list names an unsafe path: " + name);
                names.add(name);
            }
            return Collections.unmodifiableList(names);
        } catch (IOException e) {
            throw new IllegalStateException("cannot read page.list", e);
        }
    }
}
