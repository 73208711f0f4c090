package dev.taskspace.web;

import dev.taskspace.TaskspaceException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * Serves the page and one map folder over HTTP (Jetty), plus the live-task API.
 *
 * <p>It only serves names from fixed lists: the page's own files and the files that the map's
 * manifest lists. Paths are checked raw before any lookup ({@link RequestPath}); request
 * bodies are capped at {@value #MAX_BODY} bytes; every response carries a Content-Type,
 * {@code X-Content-Type-Options: nosniff}, a Content-Security-Policy that allows scripts,
 * styles and requests from the server itself only, and {@code Referrer-Policy: no-referrer}.
 * Every request must name this machine in its Host header ({@link Access}), so a web page
 * elsewhere cannot reach it through DNS rebinding; beyond loopback it must also carry the
 * access token. Slow and idle clients hold a connection for a bounded time, never a worker
 * ({@link ServerLimits}).
 */
public final class PageServer implements AutoCloseable {
    /** The largest request body accepted, in bytes. */
    public static final int MAX_BODY = 16 * 1024;
    /** The Content-Security-Policy of every response. */
    public static final String CSP = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

    private final Server server;
    private final ServerConnector connector;
    private final Path mapDir;
    private final Api api;
    private final Access access;
    private final ServerLimits limits;

    private PageServer(Server server, ServerConnector connector, Path mapDir, Api api, Access access, ServerLimits limits) {
        this.server = server;
        this.connector = connector;
        this.mapDir = mapDir;
        this.api = api;
        this.access = access;
        this.limits = limits;
    }

    /**
     * Starts serving {@code mapDir} on {@code bind}:{@code port} (port 0: any free port), with the
     * default limits; beyond loopback with a new random access token.
     *
     * @throws TaskspaceException when the port is taken or the address is not this machine's
     */
    public static PageServer start(Path mapDir, InetAddress bind, int port, LiveTasks live) {
        return start(mapDir, bind, port, live, Settings.DEFAULT);
    }

    /**
     * How a server is reached and bounded.
     *
     * @param token the access token beyond loopback (null: a new random one)
     * @param allowedHosts more names a Host header may give beyond loopback (this machine's own
     *     names and addresses are allowed already)
     */
    public record Settings(String token, java.util.Set<String> allowedHosts, ServerLimits limits) {
        public static final Settings DEFAULT = new Settings(null, java.util.Set.of(), ServerLimits.DEFAULT);

        public Settings {
            allowedHosts = java.util.Set.copyOf(allowedHosts);
            Objects.requireNonNull(limits, "limits");
        }

        public Settings withToken(String token) {
            return new Settings(token, allowedHosts, limits);
        }

        public Settings withAllowedHosts(java.util.Set<String> hosts) {
            return new Settings(token, hosts, limits);
        }

        public Settings withLimits(ServerLimits limits) {
            return new Settings(token, allowedHosts, limits);
        }
    }

    /** As {@link #start(Path, InetAddress, int, LiveTasks)}, with {@code settings}. */
    public static PageServer start(Path mapDir, InetAddress bind, int port, LiveTasks live, Settings settings) {
        return start(mapDir, bind, port, live, QueryModel.unavailable("this server was started without search by meaning"), settings);
    }

    /** As {@link #start(Path, InetAddress, int, LiveTasks, Settings)}, searching by meaning with {@code queries}. */
    public static PageServer start(Path mapDir, InetAddress bind, int port, LiveTasks live, QueryModel queries, Settings settings) {
        Objects.requireNonNull(live, "live");
        Objects.requireNonNull(queries, "queries");
        if (!Files.isRegularFile(mapDir.resolve(MapFiles.MANIFEST))) {
            throw new TaskspaceException("no map in " + mapDir + " (no map.json): run 'taskspace project' first");
        }
        Access access = bind.isLoopbackAddress() ? Access.loopback() : Access.network(bind, settings.allowedHosts(), settings.token());
        ServerLimits limits = settings.limits();
        // Acceptor and selector threads come out of the pool: 1 + 1 beyond the workers.
        QueuedThreadPool pool = new QueuedThreadPool(limits.workers() + 2, 2, 60_000);
        pool.setName("taskspace-http");
        pool.setDaemon(true);
        Server server = new Server(pool);
        HttpConfiguration http = new HttpConfiguration();
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        http.setRequestHeaderSize(16 * 1024);
        http.setIdleTimeout(limits.idle().toMillis());
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(bind.getHostAddress());
        connector.setPort(port);
        connector.setIdleTimeout(limits.idle().toMillis());
        connector.setAcceptQueueSize(256);
        connector.setReuseAddress(false);
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(limits.connections(), connector));
        HeaderDeadline deadline = new HeaderDeadline(server.getScheduler() != null ? server.getScheduler() : connector.getScheduler(),
                limits.headers().toMillis());
        connector.addBean(deadline);
        server.setErrorHandler(new Errors());
        server.setStopTimeout(0);
        Path dir = mapDir.toAbsolutePath().normalize();
        PageServer page = new PageServer(server, connector, dir, new Api(dir, new LiveJobs(live), new MeaningSearch(queries)), access, limits);
        server.setHandler(page.new Root());
        try {
            server.start();
        } catch (BindException e) {
            page.close();
            throw new TaskspaceException("cannot listen on " + bind.getHostAddress() + ":" + port + " (" + e.getMessage()
                    + "): choose another port with --port, or --port 0 for any free one");
        } catch (Exception e) {
            page.close();
            if (e.getCause() instanceof BindException be) {
                throw new TaskspaceException("cannot listen on " + bind.getHostAddress() + ":" + port + " (" + be.getMessage()
                        + "): choose another port with --port, or --port 0 for any free one");
            }
            throw new TaskspaceException("cannot start the server on " + bind.getHostAddress() + ":" + port + ": " + e.getMessage(), e);
        }
        return page;
    }

    /** The address to open, e.g. {@code http://127.0.0.1:8080/}; beyond loopback with {@code ?token=...}. */
    public URI uri() {
        String host = connector.getHost();
        try {
            InetAddress a = InetAddress.getByName(host);
            if (a.isAnyLocalAddress()) host = "127.0.0.1";
            else host = a.getHostAddress();
        } catch (java.net.UnknownHostException e) {
            // keep it as given
        }
        if (host.contains(":")) host = "[" + host + "]";
        return URI.create("http://" + host + ":" + port() + "/" + (access.token() == null ? "" : "?token=" + access.token()));
    }

    /** The port it listens on. */
    public int port() {
        return connector.getLocalPort();
    }

    /** The access token requests must carry, or null on loopback. */
    public String token() {
        return access.token();
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // stopping: nothing left to answer
        }
        api.close();
    }

    /** Every request: checks, then the body (read without a thread), then its route on a worker. */
    private final class Root extends Handler.Abstract {
        @Override
        public boolean handle(Request request, Response response, Callback callback) {
            Exchange ex = new Exchange(request, response, callback);
            Reply.securityHeaders(ex.getResponseHeaders());
            if (!admitted(ex, request)) return true;
            HttpFields headers = request.getHeaders();
            long length = contentLength(headers.get("Content-Length"));
            boolean chunked = headers.get("Transfer-Encoding") != null;
            if (length > MAX_BODY) {
                Reply.closeAfter(ex);
                Reply.error(ex, 413, "request bodies are limited to " + MAX_BODY + " bytes");
                return true;
            }
            if (length <= 0 && !chunked) {
                answer(ex);
            } else {
                readBody(request, ex);
            }
            return true;
        }
    }

    /** Host and token; false when refused (answered already). */
    private boolean admitted(Exchange ex, Request request) {
        if (!access.hostAllowed(request.getHeaders().get("Host"))) {
            Reply.error(ex, 403, access.token() == null ? "this server answers only requests addressed to 127.0.0.1 or localhost"
                    : "this server does not answer to that host name: open it by this machine's name or address, or start it with --allow-host NAME");
            return false;
        }
        HttpFields h = request.getHeaders();
        if (!access.tokenGiven(ex.rawQuery(), h.get("Cookie"), h.get("Authorization"), port())) {
            Reply.error(ex, 401, "this server needs its access token: open the address that 'taskspace serve' printed (it ends in ?token=...)");
            return false;
        }
        if (access.tokenInQuery(ex.rawQuery())) {
            ex.getResponseHeaders().add("Set-Cookie", Access.cookieName(port()) + "=" + access.token() + "; Path=/; HttpOnly; SameSite=Strict");
        }
        return true;
    }

    /**
     * Reads the body as it arrives (no thread waits for it), at most {@link #MAX_BODY} bytes and
     * within the body limit; then answers on a worker.
     */
    private void readBody(Request request, Exchange ex) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        AtomicBoolean over = new AtomicBoolean();
        var timeout = request.getComponents().getScheduler().schedule(() -> {
            if (over.compareAndSet(false, true)) {
                Reply.closeAfter(ex);
                Reply.error(ex, 408, "the request body did not arrive within " + limits.body().toSeconds() + " s");
            }
        }, limits.body().toMillis(), TimeUnit.MILLISECONDS);
        Runnable reader = new Runnable() {
            @Override
            public void run() {
                while (!over.get()) {
                    Content.Chunk chunk = request.read();
                    if (chunk == null) {
                        request.demand(this);
                        return;
                    }
                    if (Content.Chunk.isFailure(chunk)) {
                        if (over.compareAndSet(false, true)) {
                            timeout.cancel();
                            ex.abort(chunk.getFailure());
                        }
                        return;
                    }
                    ByteBuffer b = chunk.getByteBuffer();
                    int n = Math.min(b.remaining(), MAX_BODY + 1 - body.size());
                    byte[] bytes = new byte[n];
                    b.get(bytes);
                    body.write(bytes, 0, n);
                    boolean last = chunk.isLast();
                    chunk.release();
                    if (body.size() > MAX_BODY) {
                        if (over.compareAndSet(false, true)) {
                            timeout.cancel();
                            Reply.closeAfter(ex);
                            Reply.error(ex, 413, "request bodies are limited to " + MAX_BODY + " bytes");
                        }
                        return;
                    }
                    if (last) {
                        if (over.compareAndSet(false, true)) {
                            timeout.cancel();
                            ex.body(body.toByteArray());
                            onWorker(ex);
                        }
                        return;
                    }
                }
            }
        };
        reader.run();
    }

    private void onWorker(Exchange ex) {
        try {
            server.getThreadPool().execute(() -> answer(ex));
        } catch (RejectedExecutionException e) {
            Reply.closeAfter(ex);
            Reply.error(ex, 503, "the server is busy: try again in a moment");
        }
    }

    /** Runs the route; a failure becomes a 500 with what went wrong (never an empty reply). */
    private void answer(Exchange ex) {
        try {
            route(ex);
        } catch (IOException | RuntimeException e) {
            System.err.println("taskspace serve: error on " + ex.getRequestMethod() + " " + ex.rawPath() + ": " + e);
            if (ex.answered()) {
                ex.abort(e);
            } else {
                String what = e instanceof TaskspaceException ? e.getMessage() : "internal error (the server's log has the details)";
                Reply.error(ex, 500, what);
            }
        }
    }

    private void route(Exchange ex) throws IOException {
        String path;
        try {
            path = RequestPath.check(ex.rawPath());
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

    private static long contentLength(String value) {
        if (value == null) return 0;
        try {
            return Long.parseLong(value.strip());
        } catch (NumberFormatException e) {
            return Long.MAX_VALUE;
        }
    }

    /** Whether a Host header names this machine's loopback interface (any port). */
    static boolean hostIsLoopback(String host) {
        return Access.loopback().hostAllowed(host);
    }

    /** Jetty's own refusals (a malformed request line, headers too large): plain text, with the security headers. */
    private static final class Errors extends ErrorHandler {
        Errors() {
            setShowStacks(false);
            setShowCauses(false);
            setShowMessageInTitle(false);
            setDefaultResponseMimeType("text/plain");
        }

        @Override
        public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
            Exchange.ResponseHeaders h = new Exchange.ResponseHeaders(fields);
            Reply.securityHeaders(h);
            return super.badMessageError(status, reason, fields);
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            Reply.securityHeaders(new Exchange.ResponseHeaders(response.getHeaders()));
            return super.handle(request, response, callback);
        }
    }
}
