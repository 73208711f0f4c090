package dev.taskspace.web;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * One request and its response, as the routes see them: the method, the raw path, headers, the
 * body (read whole before the route runs, at most {@link PageServer#MAX_BODY} bytes) and one
 * answer. The names follow the JDK's {@code HttpExchange}, which the routes were written for.
 *
 * <p>Answers are written without blocking a thread: a client that reads slowly holds a
 * connection until the idle timeout, never a worker.
 */
final class Exchange {
    private final Request request;
    private final Response response;
    private final Callback callback;
    private final AtomicBoolean answered = new AtomicBoolean();
    private byte[] body = new byte[0];

    Exchange(Request request, Response response, Callback callback) {
        this.request = request;
        this.response = response;
        this.callback = callback;
    }

    /** {@code GET}, {@code POST}, ... */
    String getRequestMethod() {
        return request.getMethod();
    }

    /** The path as sent (not decoded), e.g. {@code /map/coords.f32}. */
    String rawPath() {
        return request.getHttpURI().getPath();
    }

    /** The query as sent (not decoded), or null. */
    String rawQuery() {
        return request.getHttpURI().getQuery();
    }

    /** The request's headers, read-only. */
    Headers getRequestHeaders() {
        return new Headers(request.getHeaders());
    }

    /** The response's headers, to set before {@link #send}. */
    ResponseHeaders getResponseHeaders() {
        return new ResponseHeaders(response.getHeaders());
    }

    /** The request body (empty when there is none). */
    InputStream getRequestBody() {
        return new ByteArrayInputStream(body);
    }

    void body(byte[] bytes) {
        this.body = bytes;
    }

    /** Whether an answer was started (then a failure can only close the connection). */
    boolean answered() {
        return answered.get() || response.isCommitted();
    }

    /** Answers with {@code body} ({@code HEAD}: its length only). */
    void send(int status, ByteBuffer body) {
        if (!answered.compareAndSet(false, true)) return;
        response.setStatus(status);
        long length = body.remaining();
        response.getHeaders().put("Content-Length", Long.toString(length));
        if (getRequestMethod().equals("HEAD") || length == 0) {
            callback.succeeded();
        } else {
            response.write(true, body, callback);
        }
    }

    /** Answers with a file's bytes, streamed from disk. */
    void sendFile(Path file, long size) {
        if (!answered.compareAndSet(false, true)) return;
        response.setStatus(200);
        response.getHeaders().put("Content-Length", Long.toString(size));
        if (getRequestMethod().equals("HEAD") || size == 0) {
            callback.succeeded();
        } else {
            Content.copy(Content.Source.from(file), response, callback);
        }
    }

    /** Ends the exchange by failing it: Jetty closes the connection. */
    void abort(Throwable why) {
        answered.set(true);
        callback.failed(why);
    }

    /** A request's headers, first value by name (case-insensitive), as {@code HttpExchange}'s. */
    record Headers(HttpFields fields) {
        String getFirst(String name) {
            return fields.get(name);
        }
    }

    /** A response's headers, as {@code HttpExchange}'s. */
    record ResponseHeaders(HttpFields.Mutable fields) {
        void set(String name, String value) {
            fields.put(name, value);
        }

        void add(String name, String value) {
            fields.add(name, value);
        }

        String getFirst(String name) {
            return fields.get(name);
        }
    }
}
