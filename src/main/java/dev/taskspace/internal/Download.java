package dev.taskspace.internal;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.FileChannel;
import java.nio.channels.UnresolvedAddressException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Downloads one file over HTTP(S) into place, safely: the bytes go to {@code <target>.part},
 * are checked against the expected SHA-256, and only then renamed to {@code target}. A
 * failed or corrupt download never leaves a file at {@code target}.
 *
 * <p>With {@link Request#resumable()} an interrupted download keeps its {@code .part} file
 * and the next attempt continues it with an HTTP range request; without it the partial file
 * is deleted (right for small files, where starting over is cheap and nothing should linger).
 */
public final class Download {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(20);
    private static final Duration IDLE_TIMEOUT = Duration.ofSeconds(60);
    private static final int MAX_REDIRECTS = 5;

    private Download() {}

    /**
     * What to download.
     *
     * @param uri       where from (redirects are followed)
     * @param target    where to (its folder is created)
     * @param sha256    the expected lowercase hex SHA-256, or null to skip the check
     * @param resumable keep a partial file after an interruption and continue it next time
     * @param headers   extra request headers (e.g. an authorization token); never logged
     * @param idleTimeout how long to wait for the answer, and then for each next piece of data
     */
    public record Request(URI uri, Path target, String sha256, boolean resumable, Map<String, String> headers,
            Duration idleTimeout) {
        public Request {
            Objects.requireNonNull(uri, "uri");
            Objects.requireNonNull(target, "target");
            headers = Map.copyOf(headers);
            if (idleTimeout == null || idleTimeout.isNegative() || idleTimeout.isZero()) idleTimeout = IDLE_TIMEOUT;
        }

        public Request(URI uri, Path target, String sha256, boolean resumable, Map<String, String> headers) {
            this(uri, target, sha256, resumable, headers, IDLE_TIMEOUT);
        }

        public Request(URI uri, Path target, String sha256) {
            this(uri, target, sha256, false, Map.of());
        }

        /** Describes the request without its headers' values, which may hold a token. */
        @Override
        public String toString() {
            return "Download.Request[" + uri + " -> " + target + ", sha256=" + sha256 + ", resumable=" + resumable
                    + ", headers=" + headers.keySet() + ", idleTimeout=" + idleTimeout + "]";
        }

        /** The same request with another idle timeout. */
        public Request withIdleTimeout(Duration timeout) {
            return new Request(uri, target, sha256, resumable, headers, timeout);
        }
    }

    /** Why a download failed, so callers can add advice that fits. */
    public enum Failure {
        /** No connection: offline, unknown host, refused. */
        UNREACHABLE,
        /** The server answered with an error status. */
        HTTP_STATUS,
        /** The connection broke or timed out mid-file. */
        INTERRUPTED,
        /** The file arrived whole but its SHA-256 is wrong. */
        CHECKSUM
    }

    /** A failed download; the message is one line fit for the user. */
    public static final class DownloadException extends TaskspaceException {
        private static final long serialVersionUID = 1L;
        private final Failure failure;
        private final int status;

        DownloadException(Failure failure, int status, String message, Throwable cause) {
            super(message, cause);
            this.failure = failure;
            this.status = status;
        }

        public Failure failure() {
            return failure;
        }

        /** The HTTP status for {@link Failure#HTTP_STATUS}, else 0. */
        public int status() {
            return status;
        }
    }

    /**
     * A published file by its checksum: the verified copy in the cache ({@code request.target()};
     * a damaged one is deleted and said so), else, unless {@code offline}, downloaded once into it.
     * Each failure is one line that ends with {@code howToGiveLocalCopy}.
     *
     * @param what  what the file is, for messages ("20 Newsgroups")
     * @param size  its size in words, for the download notice ("about 14 MB")
     */
    public static Path cachedOrFetch(Request request, String label, String what, String size, boolean offline,
            String howToGiveLocalCopy, Reporter reporter) {
        Path cached = request.target();
        if (Files.isRegularFile(cached)) {
            String actual;
            try {
                actual = dev.taskspace.internal.Hashing.sha256(cached);
                if (actual.equalsIgnoreCase(request.sha256())) return cached;
                reporter.info("the cached " + cached + " is damaged (SHA-256 " + actual + "); deleting it");
                Files.delete(cached);
            } catch (IOException e) {
                throw new TaskspaceException("cannot read or delete the cached " + cached + ": " + e.getMessage(), e);
            }
        }
        if (offline) {
            throw new TaskspaceException(what + " is not in the cache (" + cached + ") and downloads are off: " + howToGiveLocalCopy);
        }
        reporter.info("downloading " + what + " (" + size + ", once) from " + request.uri() + " into " + cached);
        try {
            return fetch(request, label, reporter);
        } catch (DownloadException e) {
            throw new TaskspaceException("cannot download " + what + ": " + e.getMessage() + "; or " + howToGiveLocalCopy, e);
        } catch (IOException e) {
            throw new TaskspaceException("cannot write " + what + " to " + cached + ": " + e.getMessage(), e);
        }
    }

    /** Downloads {@code request.uri()} to {@code request.target()}; returns the target. */
    public static Path fetch(Request request, String label, Reporter reporter) throws IOException {
        Path target = request.target().toAbsolutePath();
        Files.createDirectories(target.getParent());
        Path part = target.resolveSibling(target.getFileName() + ".part");
        if (!request.resumable()) Files.deleteIfExists(part);
        if (attempt(request, part, label, reporter)) return finish(request, part, target, label);
        // The partial file cannot be continued (the server's range does not fit it, or it
        // cannot be verified): start over from the first byte, once.
        Files.deleteIfExists(part);
        if (attempt(request, part, label, reporter)) return finish(request, part, target, label);
        throw new DownloadException(Failure.HTTP_STATUS, 0, "download from " + request.uri()
                + " failed: the server answered a request for the whole file with a partial one", null);
    }

    /** One request; true when {@code part} then holds the whole file, false to start over. */
    private static boolean attempt(Request request, Path part, String label, Reporter reporter) throws IOException {
        long have = Files.exists(part) ? Files.size(part) : 0;
        HttpResponse<InputStream> response = send(request, have);

        int status = response.statusCode();
        boolean append;
        if (status == 206 && have > 0) {
            if (!rangeStartsAt(response, have)) {
                response.body().close();
                return false;
            }
            append = true;
        } else if (status == 200) {
            append = false; // the server ignored the range, or there was none: start over
            have = 0;
        } else if (status == 416 && have > 0) {
            // Nothing left to send: the partial file may be complete, if its checksum says so.
            response.body().close();
            return request.sha256() != null;
        } else {
            response.body().close();
            throw new DownloadException(Failure.HTTP_STATUS, status,
                    "download from " + request.uri() + " failed: HTTP " + status + statusHint(status), null);
        }

        long length = response.headers().firstValueAsLong("Content-Length").orElse(-1);
        long total = length < 0 ? -1 : have + length;
        StandardOpenOption mode = append ? StandardOpenOption.APPEND : StandardOpenOption.TRUNCATE_EXISTING;
        long received = have;
        try (Watchdog watchdog = new Watchdog(request.idleTimeout());
                InputStream in = watchdog.watch(response.body());
                FileChannel ch = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode);
                OutputStream out = java.nio.channels.Channels.newOutputStream(ch);
                Reporter.Progress bar = reporter.progress(label, total, Reporter.Unit.BYTES)) {
            bar.stepTo(have);
            byte[] buf = new byte[1 << 16];
            try {
                for (int n; (n = in.read(buf)) > 0; ) {
                    watchdog.alive();
                    out.write(buf, 0, n);
                    received += n;
                    bar.stepBy(n);
                }
            } catch (IOException e) {
                if (watchdog.fired()) {
                    throw new IOException("no data for " + seconds(request.idleTimeout()), e);
                }
                throw e;
            }
            out.flush();
            ch.force(true);
        } catch (IOException e) {
            throw interrupted(request, part, received, total, e);
        }
        if (total >= 0 && received != total) {
            throw interrupted(request, part, received, total, new IOException("connection closed early"));
        }
        return true;
    }

    /**
     * Sends the GET, following up to {@value #MAX_REDIRECTS} redirects by hand. The JDK 17
     * client, left to follow them itself, forwards every header to whatever host the redirect
     * names, so a token meant for the origin would reach a CDN (JDK 21+ drops it). Here the
     * credentials go only to the origin they were given for; the Range goes everywhere; an
     * HTTPS-to-HTTP redirect is refused, as the JDK's {@code Redirect.NORMAL} does.
     */
    private static HttpResponse<InputStream> send(Request request, long have) throws IOException {
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        URI uri = request.uri();
        Map<String, String> headers = request.headers();
        for (int hops = 0; ; hops++) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(request.idleTimeout());
            headers.forEach(rb::header);
            if (have > 0) rb.header("Range", "bytes=" + have + "-");
            HttpResponse<InputStream> response = sendOnce(client, rb.build(), request, uri);
            int status = response.statusCode();
            java.util.Optional<String> location = response.headers().firstValue("Location");
            if (!isRedirect(status) || location.isEmpty()) return response;
            response.body().close();
            URI next;
            try {
                next = uri.resolve(location.get().trim());
            } catch (IllegalArgumentException e) {
                throw new DownloadException(Failure.HTTP_STATUS, status, "download from " + request.uri()
                        + " failed: HTTP " + status + " redirects to an invalid address", e);
            }
            boolean downgrade = "https".equalsIgnoreCase(uri.getScheme()) && !"https".equalsIgnoreCase(next.getScheme());
            if (hops >= MAX_REDIRECTS || downgrade || next.getHost() == null) {
                throw new DownloadException(Failure.HTTP_STATUS, status, "download from " + request.uri() + " failed: HTTP "
                        + status + (downgrade ? " redirects from HTTPS to plain HTTP" : hops >= MAX_REDIRECTS
                                ? " after " + MAX_REDIRECTS + " redirects" : " redirects to an invalid address"), null);
            }
            if (!sameOrigin(uri, next)) headers = withoutCredentials(headers);
            uri = next;
        }
    }

    private static HttpResponse<InputStream> sendOnce(HttpClient client, HttpRequest httpRequest, Request request, URI uri)
            throws DownloadException {
        try {
            return client.send(httpRequest, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpConnectTimeoutException | ConnectException | UnresolvedAddressException e) {
            throw unreachable(request.uri(), uri, e);
        } catch (HttpTimeoutException e) {
            throw new DownloadException(Failure.INTERRUPTED, 0, "download from " + request.uri() + " failed: no answer within "
                    + seconds(request.idleTimeout()), e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException) throw unreachable(request.uri(), uri, e);
            throw new DownloadException(Failure.INTERRUPTED, 0,
                    "download from " + request.uri() + " failed: " + describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DownloadException(Failure.INTERRUPTED, 0, "download from " + request.uri() + " was interrupted", e);
        }
    }

    private static boolean isRedirect(int status) {
        return status == 301 || status == 302 || status == 303 || status == 307 || status == 308;
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getScheme().equalsIgnoreCase(b.getScheme()) && a.getHost().equalsIgnoreCase(b.getHost())
                && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static Map<String, String> withoutCredentials(Map<String, String> headers) {
        Map<String, String> kept = new java.util.LinkedHashMap<>(headers);
        kept.keySet().removeIf(k -> k.equalsIgnoreCase("Authorization") || k.equalsIgnoreCase("Cookie")
                || k.equalsIgnoreCase("Proxy-Authorization"));
        return kept;
    }

    /**
     * Closes the response body when no data has arrived for a while: the JDK client has no
     * read timeout once the headers are in, and closing its body stream ends a blocked read
     * with an IOException (interrupting the reading thread does not).
     */
    private static final class Watchdog implements AutoCloseable {
        private final java.util.concurrent.ScheduledExecutorService timer;
        private final long idleNanos;
        private volatile InputStream body;
        private volatile long lastAlive = System.nanoTime();
        private volatile boolean fired;

        Watchdog(Duration idle) {
            this.idleNanos = idle.toNanos();
            this.timer = java.util.concurrent.Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "taskspace-download-watchdog");
                t.setDaemon(true);
                return t;
            });
            long checkMillis = Math.max(50, idle.toMillis() / 10);
            timer.scheduleAtFixedRate(this::check, checkMillis, checkMillis, java.util.concurrent.TimeUnit.MILLISECONDS);
        }

        /** Watches {@code in}; returns it. */
        InputStream watch(InputStream in) {
            body = in;
            return in;
        }

        void alive() {
            lastAlive = System.nanoTime();
        }

        boolean fired() {
            return fired;
        }

        private void check() {
            if (!fired && System.nanoTime() - lastAlive > idleNanos) {
                fired = true;
                try {
                    InputStream in = body;
                    if (in != null) in.close();
                } catch (IOException ignored) {
                    // the reader sees the failure on its next read
                }
            }
        }

        @Override
        public void close() {
            timer.shutdownNow();
        }
    }

    private static Path finish(Request request, Path part, Path target, String label) throws IOException {
        if (request.sha256() != null) {
            String actual = Hashing.sha256(part);
            if (!actual.equalsIgnoreCase(request.sha256())) {
                Files.deleteIfExists(part);
                throw new DownloadException(Failure.CHECKSUM, 0, String.format(
                        "%s from %s is corrupt: SHA-256 %s, expected %s (nothing was kept; try again, or use another copy)",
                        label, request.uri(), actual, request.sha256().toLowerCase(java.util.Locale.ROOT)), null);
            }
        }
        AtomicFiles.move(part, target);
        return target;
    }

    private static DownloadException interrupted(Request request, Path part, long received, long total, IOException e)
            throws IOException {
        String got = size(received) + (total >= 0 ? " of " + size(total) : "");
        String next;
        if (request.resumable()) {
            next = "rerun to resume from " + part;
        } else {
            Files.deleteIfExists(part);
            next = "nothing was kept; try again";
        }
        return new DownloadException(Failure.INTERRUPTED, 0,
                "download from " + request.uri() + " broke off after " + got + " (" + describe(e) + "); " + next, e);
    }

    private static DownloadException unreachable(URI uri, URI hop, Exception e) {
        return new DownloadException(Failure.UNREACHABLE, 0,
                "cannot reach " + hop.getHost() + " to download " + uri + " (" + describe(e) + ")", e);
    }

    private static boolean rangeStartsAt(HttpResponse<?> response, long offset) {
        // Content-Range: bytes 100-199/200
        return response.headers().firstValue("Content-Range")
                .map(v -> v.trim().startsWith("bytes " + offset + "-"))
                .orElse(false);
    }

    private static String statusHint(int status) {
        return switch (status) {
            case 401, 403 -> " (access denied: the file may need a token or may not be public)";
            case 404 -> " (not found: check the address)";
            case 429 -> " (rate limited: wait a minute and try again)";
            default -> status >= 500 ? " (server error: try again later)" : "";
        };
    }

    private static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.3g s", d.toMillis() / 1000.0);
    }

    static String describe(Throwable e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + m;
    }

    /** Formats a byte count for people: {@code 512 bytes}, {@code 3.4 kB}, {@code 14.4 MB}, {@code 2.31 GB}. */
    public static String size(long bytes) {
        if (bytes < 1000) return bytes + " bytes";
        if (bytes < 1_000_000) return String.format(java.util.Locale.ROOT, "%.1f kB", bytes / 1e3);
        if (bytes < 1_000_000_000) return String.format(java.util.Locale.ROOT, "%.1f MB", bytes / 1e6);
        return String.format(java.util.Locale.ROOT, "%.2f GB", bytes / 1e9);
    }
}
