package dev.taskspace.web;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.Deflater;
import java.util.zip.GZIPOutputStream;

/** Writing responses, with the headers every response carries. */
final class Reply {
    private Reply() {}

    /** The headers of every response, refusals and errors included. */
    static void securityHeaders(Exchange.ResponseHeaders h) {
        h.set("X-Content-Type-Options", "nosniff");
        h.set("Content-Security-Policy", PageServer.CSP);
        h.set("Referrer-Policy", "no-referrer");
        h.set("X-Frame-Options", "DENY");
        h.set("Cross-Origin-Opener-Policy", "same-origin");
        h.set("Cross-Origin-Resource-Policy", "same-origin");
        h.set("Cache-Control", "no-cache");
    }

    static void closeAfter(Exchange ex) {
        ex.getResponseHeaders().set("Connection", "close");
    }

    static void text(Exchange ex, int status, String message) {
        bytes(ex, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
    }

    /** A refusal: {@code {"error": message}} under {@code /api/} (as the API promises), text elsewhere. */
    static void error(Exchange ex, int status, String message) {
        if (ex.rawPath() != null && ex.rawPath().startsWith("/api/")) {
            String json = "{\"error\":" + Api.quote(message) + "}";
            bytes(ex, status, "application/json; charset=utf-8", json.getBytes(StandardCharsets.UTF_8));
        } else {
            text(ex, status, message);
        }
    }

    static void bytes(Exchange ex, int status, String contentType, byte[] body) {
        ex.getResponseHeaders().set("Content-Type", contentType);
        if (gzip(ex, compressible(contentType), body.length)) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.send(status, ByteBuffer.wrap(gzipped(body)));
        } else {
            ex.send(status, ByteBuffer.wrap(body));
        }
    }

    static void file(Exchange ex, Path file, String contentType) throws IOException {
        ex.getResponseHeaders().set("Content-Type", contentType);
        long size = Files.size(file);
        if (gzip(ex, compressible(contentType) || file.getFileName().toString().endsWith(".i32"), size)) {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.send(200, GZIPPED_FILES.get(file));
        } else {
            ex.sendFile(file, size);
        }
    }

    /** Text bodies below this size go as they are: gzip's header would eat most of the gain. */
    static final long GZIP_MIN_BYTES = 1024;

    /** Text, JSON and SVG: what gzip shrinks. */
    static boolean compressible(String contentType) {
        return contentType.startsWith("text/") || contentType.startsWith("application/json") || contentType.startsWith("image/svg");
    }

    /**
     * Whether to send a body gzipped: a GET from a client that accepts gzip, of a
     * {@code compressible} body at least {@link #GZIP_MIN_BYTES} long. On the demo's map,
     * documents.json shrinks 2.2x and neighbours.i32 (small integers) 2.6x at the fastest
     * level; the float arrays (coordinates, drift, scores) shrink by under 10% and go as they
     * are, as do HEAD answers (with their real length).
     */
    static boolean gzip(Exchange ex, boolean compressible, long size) {
        if (!compressible || size < GZIP_MIN_BYTES || !ex.getRequestMethod().equals("GET")) return false;
        ex.getResponseHeaders().add("Vary", "Accept-Encoding");
        String accept = ex.getRequestHeaders().getFirst("Accept-Encoding");
        if (accept == null) return false;
        for (String part : accept.split(",")) {
            String[] p = part.strip().split(";");
            if (!p[0].strip().equalsIgnoreCase("gzip")) continue;
            return p.length < 2 || !p[1].replace(" ", "").matches("q=0(\\.0*)?"); // gzip;q=0 refuses it
        }
        return false;
    }

    /** gzip at the fastest level. */
    static byte[] gzipped(byte[] body) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(Math.max(64, body.length / 2));
        try (GZIPOutputStream out = new GZIPOutputStream(bytes, 1 << 16) {
            {
                def.setLevel(Deflater.BEST_SPEED);
            }
        }) {
            out.write(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // in memory: does not happen
        }
        return bytes.toByteArray();
    }

    private static final GzipCache GZIPPED_FILES = new GzipCache(16);

    /**
     * Map files gzipped once per version (path, size, modification time) and shared by every
     * request, so that many clients fetching {@code documents.json} cost one compression and
     * one copy in memory, and no thread waits on a slow reader.
     */
    static final class GzipCache {
        private record Key(Path file, long size, FileTime modified) {}

        private final int capacity;
        private final Map<Key, ByteBuffer> entries;

        GzipCache(int capacity) {
            this.capacity = capacity;
            this.entries = new LinkedHashMap<>(16, 0.75f, true);
        }

        ByteBuffer get(Path file) throws IOException {
            Key key = new Key(file, Files.size(file), Files.getLastModifiedTime(file));
            synchronized (this) {
                ByteBuffer cached = entries.get(key);
                if (cached != null) return cached.asReadOnlyBuffer();
            }
            ByteBuffer made = ByteBuffer.wrap(gzipped(Files.readAllBytes(file)));
            synchronized (this) {
                entries.keySet().removeIf(k -> k.file.equals(file));
                entries.put(key, made);
                while (entries.size() > capacity) entries.remove(entries.keySet().iterator().next());
            }
            return made.asReadOnlyBuffer();
        }
    }
}
