package dev.taskspace.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real HTTP server on {@code 127.0.0.1} and a free port, for tests of code that downloads.
 * Each path answers with a scripted sequence of {@link Response}s (the n-th request gets the
 * n-th response, the last one repeats); every request is recorded with its headers.
 *
 * <pre>{@code
 * try (LoopbackServer server = LoopbackServer.start()) {
 *     server.on("/file", Response.bytes(data).cutAfter(100), Response.bytes(data).withRanges());
 *     ... download server.uri("/file") ...
 *     assertThat(server.requests("/file")).isEqualTo(2);
 *     assertThat(server.received("/file").get(1).header("Range")).isEqualTo("bytes=100-");
 * }
 * }</pre>
 *
 * Paths without a script answer 404.
 */
public final class LoopbackServer implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService executor;
    private final Map<String, List<Response>> scripts = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> counts = new ConcurrentHashMap<>();
    private final List<Received> received = new CopyOnWriteArrayList<>();

    private LoopbackServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "loopback-server");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** Starts a server on 127.0.0.1 and a free port. */
    public static LoopbackServer start() {
        try {
            return new LoopbackServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A URI on 127.0.0.1 where nothing listens (a port that was free a moment ago). */
    public static URI closedPortUri(String path) {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return URI.create("http://127.0.0.1:" + port + path);
    }

    /** Scripts the answers to {@code path}: the n-th request gets the n-th response, the last repeats. */
    public LoopbackServer on(String path, Response... responses) {
        if (responses.length == 0) throw new IllegalArgumentException("no responses for " + path);
        scripts.put(path, List.of(responses));
        return this;
    }

    /** The address of {@code path} on this server, e.g. {@code http://127.0.0.1:41234/file}. */
    public URI uri(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    /** How many requests reached {@code path}. */
    public int requests(String path) {
        AtomicInteger n = counts.get(path);
        return n == null ? 0 : n.get();
    }

    /** How many requests reached the server, on any path. */
    public int requests() {
        return received.size();
    }

    /** The requests to {@code path}, in arrival order. */
    public List<Received> received(String path) {
        return received.stream().filter(r -> r.path().equals(path)).toList();
    }

    /** Stops the server at once, breaking any exchange still running. */
    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }

    /**
     * One request as the server saw it; header names are case-insensitive. {@code path} is
     * decoded ({@code %2F} reads as {@code /}); {@code query} is as sent, or null.
     */
    public record Received(String method, String path, Map<String, List<String>> headers, String query) {
        /** The first value of a header, or null. */
        public String header(String name) {
            List<String> values = headers.get(name);
            return values == null || values.isEmpty() ? null : values.get(0);
        }
    }

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
        received.add(new Received(ex.getRequestMethod(), path, Collections.unmodifiableMap(headers),
                ex.getRequestURI().getRawQuery()));
        int n = counts.computeIfAbsent(path, k -> new AtomicInteger()).getAndIncrement();
        List<Response> script = scripts.get(path);
        Response r = script == null ? Response.status(404) : script.get(Math.min(n, script.size() - 1));
        try {
            r.send(ex, headers.get("Range") == null ? null : headers.get("Range").get(0));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** What the server answers to one request. Immutable; the {@code with…} methods return copies. */
    public static final class Response {
        private static final Pattern RANGE = Pattern.compile("bytes=(\\d+)-");

        private final int status;
        private final byte[] body;
        private final Map<String, String> headers;
        private final long contentLength; // what is announced; -1: the true length
        private final long cutAfter; // drop the connection after this many body bytes; -1: never
        private final boolean ranges;
        private final Duration delay;
        private final long pauseAfter; // stop sending after this many body bytes for `pause`; -1: never
        private final Duration pause;

        private Response(int status, byte[] body, Map<String, String> headers, long contentLength, long cutAfter,
                boolean ranges, Duration delay) {
            this(status, body, headers, contentLength, cutAfter, ranges, delay, -1, Duration.ZERO);
        }

        private Response(int status, byte[] body, Map<String, String> headers, long contentLength, long cutAfter,
                boolean ranges, Duration delay, long pauseAfter, Duration pause) {
            this.status = status;
            this.body = body;
            this.headers = headers;
            this.contentLength = contentLength;
            this.cutAfter = cutAfter;
            this.ranges = ranges;
            this.delay = delay;
            this.pauseAfter = pauseAfter;
            this.pause = pause;
        }

        /** 206 with these bytes and this Content-Range, whatever was asked for. */
        public static Response partial(byte[] body, String contentRange) {
            return new Response(206, body.clone(), Map.of("Content-Range", contentRange), -1, -1, false, Duration.ZERO);
        }

        /** Sends the first {@code n} body bytes, then nothing for {@code wait}, then the rest. */
        public Response pauseAfter(long n, Duration wait) {
            return new Response(status, body, headers, contentLength, cutAfter, ranges, delay, n, wait);
        }

        /** 200 with these bytes and their true Content-Length. */
        public static Response bytes(byte[] body) {
            return new Response(200, body.clone(), Map.of(), -1, -1, false, Duration.ZERO);
        }

        /** This status with an empty body. */
        public static Response status(int status) {
            return new Response(status, new byte[0], Map.of(), -1, -1, false, Duration.ZERO);
        }

        /** 302 to {@code location}. */
        public static Response redirect(URI location) {
            return status(302).withHeader("Location", location.toString());
        }

        /** Adds a response header. */
        public Response withHeader(String name, String value) {
            Map<String, String> h = new LinkedHashMap<>(headers);
            h.put(name, value);
            return new Response(status, body, Map.copyOf(h), contentLength, cutAfter, ranges, delay);
        }

        /** Announces this Content-Length whatever the body's true length (a lie, when they differ). */
        public Response withContentLength(long announced) {
            return new Response(status, body, headers, announced, cutAfter, ranges, delay);
        }

        /** Sends only the first {@code n} bytes of the body, then drops the connection. */
        public Response cutAfter(long n) {
            return new Response(status, body, headers, contentLength, n, ranges, delay);
        }

        /** Honours {@code Range: bytes=N-} with 206 and Content-Range (416 when N is past the end). */
        public Response withRanges() {
            return new Response(status, body, headers, contentLength, cutAfter, true, delay);
        }

        /** Waits this long before answering. */
        public Response after(Duration wait) {
            return new Response(status, body, headers, contentLength, cutAfter, ranges, wait);
        }

        void send(HttpExchange ex, String range) throws IOException, InterruptedException {
            if (!delay.isZero()) Thread.sleep(delay.toMillis());
            headers.forEach((k, v) -> ex.getResponseHeaders().add(k, v));
            int code = status;
            byte[] content = body;
            Matcher m = range == null ? null : RANGE.matcher(range.trim());
            if (ranges && status == 200 && m != null && m.matches()) {
                long from = Long.parseLong(m.group(1));
                if (from >= body.length) {
                    ex.getResponseHeaders().add("Content-Range", "bytes */" + body.length);
                    ex.sendResponseHeaders(416, -1);
                    ex.close();
                    return;
                }
                code = 206;
                content = Arrays.copyOfRange(body, (int) from, body.length);
                ex.getResponseHeaders().add("Content-Range",
                        "bytes " + from + "-" + (body.length - 1) + "/" + body.length);
            }
            long announced = contentLength >= 0 ? contentLength : content.length;
            long sent = Math.min(announced, cutAfter >= 0 ? Math.min(cutAfter, content.length) : content.length);
            ex.sendResponseHeaders(code, announced == 0 ? -1 : announced);
            OutputStream out = ex.getResponseBody();
            if (pauseAfter >= 0 && pauseAfter < sent) {
                out.write(content, 0, (int) pauseAfter);
                out.flush();
                Thread.sleep(pause.toMillis());
                out.write(content, (int) pauseAfter, (int) (sent - pauseAfter));
            } else {
                out.write(content, 0, (int) sent);
            }
            out.flush();
            if (sent < announced) {
                // Thrown out of the handler, this makes the JDK server close the connection.
                throw new IOException("LoopbackServer: dropping the connection after " + sent + " of "
                        + announced + " bytes, as scripted");
            }
            out.close();
        }
    }

    /** The recorded requests, for failure messages. */
    @Override
    public String toString() {
        List<String> lines = new ArrayList<>();
        for (Received r : received) lines.add(r.method() + " " + r.path() + " " + r.headers());
        return "LoopbackServer " + uri("/") + " " + lines;
    }
}
