package dev.taskspace.web;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Serves the page and one map folder over HTTP (the JDK's server), plus the live-task API.
 *
 * <p>It only serves names from fixed lists: the page's own files and the files that the map's
 * manifest lists. Paths are checked raw before any lookup ({@link RequestPath}); request
 * bodies are capped at {@value #MAX_BODY} bytes; every response carries a Content-Type,
 * {@code X-Content-Type-Options: nosniff}, a Content-Security-Policy that allows scripts,
 * styles and requests from the server itself only, and {@code Referrer-Policy: no-referrer}.
 * Bound to a loopback address (the default), it also refuses requests whose Host header
 * names anything but a loopback address, so a web page elsewhere cannot reach it through
 * DNS rebinding.
 */
public final class PageServer implements AutoCloseable {
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 16 * 1024;
    /** The Content-Security-Policy of every response. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final HttpServer server;
    private final ExecutorService executor;
    private final Path mapDir;
    private final Api api;
    private final boolean loopback;

    private PageServer(HttpServer server, ExecutorService executor, Path mapDir, Api api, boolean loopback) {
        this.server = server;
        this.executor = executor;
        this.mapDir = mapDir;
        this.api = api;
        this.loopback = loopback;
    }

    /**
     * Starts serving {@code mapDir} on {@code bind}:{@code port} (port 0: any free port).
     *
     * @throws TaskspaceException when the port is taken or the address is not this machine's
     */
    public static PageServer start(Path mapDir, InetAddress bind, int port, LiveTasks live) {
        Objects.requireNonNull(live, "live");
        if (!Files.isRegularFile(mapDir.resolve(MapFiles.MANIFEST))) {
            throw new TaskspaceException("no map in " + mapDir + " (no map.json): run 'taskspace project' first");
        }
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(bind, port), 64);
        } catch (BindException e) {
            throw new TaskspaceException("cannot listen on " + bind.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "): choose another port with --port, or --port 0 for any free one");
        } catch (IOException e) {
            throw new TaskspaceException("cannot start the server on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        AtomicInteger count = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(4, r -> {
            Thread t = new Thread(r, "taskspace-http-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        Path dir = mapDir.toAbsolutePath().normalize();
        PageServer page = new PageServer(server, executor, dir, new Api(dir, new LiveJobs(live)), bind.isLoopbackAddress());
        server.createContext("/", page::handle);
        server.setExecutor(executor);
        server.start();
        return page;
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8080/}. */
    public URI uri() {
        InetSocketAddress a = server.getAddress();
        String host = a.getAddress().isAnyLocalAddress() ? "127.0.0.1" : a.getAddress().getHostAddress();
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + a.getPort() + "/");
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
        api.close();
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) {
        try (ex) {
            route(ex);
        } catch (IOException e) {
            // The client went away; nothing to answer.
        } catch (RuntimeException e) {
            System.err.println("taskspace serve: internal error on " + ex.getRequestMethod() + " " + ex.getRequestURI().getRawPath() + ": " + e);
            try {
                Reply.text(ex, 500, "internal error");
            } catch (IOException ignored) {
                // headers may be sent already
            }
        }
    }

    private void route(HttpExchange ex) throws IOException {
        Reply.securityHeaders(ex);
        if (loopback && !hostIsLoopback(ex.getRequestHeaders().getFirst("Host"))) {
            Reply.text(ex, 403, "this server answers only requests addressed to 127.0.0.1 or localhost");
            return;
        }
        long length = contentLength(ex);
        if (length > MAX_BODY) {
            Reply.closeAfter(ex);
            Reply.text(ex, 413, "request bodies are limited to " + MAX_BODY + " bytes");
            return;
        }
        String path;
        try {
            path = RequestPath.check(ex.getRequestURI().getRawPath());
        } catch (RequestPath.BadPath e) {
            Reply.text(ex, 400, e.getMessage());
            return;
        }
        if (path.startsWith("api/")) {
            api.handle(ex, path.substring(4));
            return;
        }
        String method = ex.getRequestMethod();
        if (!method.equals("GET") && !method.equals("HEAD")) {
            ex.getResponseHeaders().set("Allow", "GET, HEAD");
            Reply.text(ex, 405, "only GET and HEAD here");
            return;
        }
        if (path.isEmpty()) path = "index.html";
        if (path.equals("config.json")) {
            Reply.bytes(ex, 200, "application/json; charset=utf-8", api.config());
        } else if (path.startsWith("map/")) {
            Optional<Path> file = MapFiles.resolve(mapDir, path.substring(4));
            if (file.isPresent()) Reply.file(ex, file.get(), PageFiles.contentType(path));
            else Reply.text(ex, 404, "not found");
        } else if (PageFiles.contains(path)) {
            Reply.bytes(ex, 200, PageFiles.contentType(path), PageFiles.read(path));
        } else {
            Reply.text(ex, 404, "not found");
        }
    }

    private static long contentLength(HttpExchange ex) {
        String value = ex.getRequestHeaders().getFirst("Content-Length");
        if (value == null) return 0;
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Whether a Host header names this machine's loopback interface (any port). */
    static boolean hostIsLoopback(String host) {
        if (host == null) return true; // HTTP/1.0 clients; browsers always send Host
        String h = host.strip().toLowerCase(Locale.ROOT);
        if (h.startsWith("[")) {
            int end = h.indexOf(']');
            return end > 0 && h.substring(1, end).equals("::1");
        }
        int colon = h.indexOf(':');
        if (colon >= 0) h = h.substring(0, colon);
        return h.equals("localhost") || h.matches("127\\.\\d{1,3}\\.\\d{1,3}\\.\\d{1,3}");
    }

    /** Writing responses, with the headers every response carries. */
    static final class Reply {
        private Reply() {}

        static void securityHeaders(HttpExchange ex) {
            var h = ex.getResponseHeaders();
            h.set("X-Content-Type-Options", "nosniff");
            h.set("Content-Security-Policy", CSP);
            h.set("Referrer-Policy", "no-referrer");
            h.set("X-Frame-Options", "DENY");
            h.set("Cross-Origin-Opener-Policy", "same-origin");
            h.set("Cross-Origin-Resource-Policy", "same-origin");
            h.set("Cache-Control", "no-cache");
        }

        static void closeAfter(HttpExchange ex) {
            ex.getResponseHeaders().set("Connection", "close");
        }

        static void text(HttpExchange ex, int status, String message) throws IOException {
            bytes(ex, status, "text/plain; charset=utf-8", (message + "\n").getBytes(StandardCharsets.UTF_8));
        }

        static void bytes(HttpExchange ex, int status, String contentType, byte[] body) throws IOException {
            ex.getResponseHeaders().set("Content-Type", contentType);
            if (gzip(ex, compressible(contentType), body.length)) {
                sendGzipped(ex, status, out -> out.write(body));
                return;
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (head) ex.getResponseHeaders().set("Content-Length", Long.toString(body.length));
            ex.sendResponseHeaders(status, head ? -1 : body.length == 0 ? -1 : body.length);
            if (!head && body.length > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    out.write(body);
                }
            }
        }

        static void file(HttpExchange ex, Path file, String contentType) throws IOException {
            ex.getResponseHeaders().set("Content-Type", contentType);
            long size = Files.size(file);
            if (gzip(ex, compressible(contentType) || file.getFileName().toString().endsWith(".i32"), size)) {
                sendGzipped(ex, 200, out -> Files.copy(file, out));
                return;
            }
            boolean head = ex.getRequestMethod().equals("HEAD");
            if (head) ex.getResponseHeaders().set("Content-Length", Long.toString(size));
            ex.sendResponseHeaders(200, head || size == 0 ? -1 : size);
            if (!head && size > 0) {
                try (OutputStream out = ex.getResponseBody()) {
                    Files.copy(file, out);
                }
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
        static boolean gzip(HttpExchange ex, boolean compressible, long size) {
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

        private interface BodyWriter {
            void writeTo(OutputStream out) throws IOException;
        }

        /** Sends the body gzipped (fastest level: it is made afresh per request), chunked. */
        private static void sendGzipped(HttpExchange ex, int status, BodyWriter body) throws IOException {
            ex.getResponseHeaders().set("Content-Encoding", "gzip");
            ex.sendResponseHeaders(status, 0);
            try (OutputStream out = new java.util.zip.GZIPOutputStream(ex.getResponseBody(), 1 << 16) {
                {
                    def.setLevel(java.util.zip.Deflater.BEST_SPEED);
                }
            }) {
                body.writeTo(out);
            }
        }
    }
}
