package dev.taskspace.web;

import java.time.Duration;

/**
 * How much the server gives any one client, so that slow or idle clients cannot starve the
 * others (issue 15: four sockets that sent one byte froze the JDK's server). Reading headers
 * and bodies and writing answers never holds a worker thread; these limits bound what a client
 * can hold instead: a connection, for a bounded time.
 *
 * @param idle a connection with no bytes moving either way for this long is closed
 * @param headers a request's headers must have arrived whole this long after its first byte
 * @param body a request's body must have arrived whole this long after its headers (else 408)
 * @param workers the most threads answering requests at once
 * @param connections the most open connections: beyond it the server stops accepting, and new
 *     clients wait in the operating system's backlog (back-pressure). An HTTP/1.1 connection
 *     has at most one request in progress, so this also bounds the requests waiting for a
 *     worker.
 */
public record ServerLimits(Duration idle, Duration headers, Duration body, int workers, int connections) {
    /** 30 s idle, 10 s for headers and for a body, 16 workers, 2,048 connections. */
    public static final ServerLimits DEFAULT = new ServerLimits(Duration.ofSeconds(30), Duration.ofSeconds(10), Duration.ofSeconds(10), 16, 2048);

    public ServerLimits {
        if (idle.isNegative() || idle.isZero() || headers.isNegative() || headers.isZero() || body.isNegative() || body.isZero()) {
            throw new IllegalArgumentException("timeouts must be positive: idle " + idle + ", headers " + headers + ", body " + body);
        }
        if (workers < 2 || connections < 1) {
            throw new IllegalArgumentException("workers >= 2 and connections >= 1; got " + workers + ", " + connections);
        }
    }

    public ServerLimits withIdle(Duration idle) {
        return new ServerLimits(idle, headers, body, workers, connections);
    }

    public ServerLimits withHeaders(Duration headers) {
        return new ServerLimits(idle, headers, body, workers, connections);
    }

    public ServerLimits withBody(Duration body) {
        return new ServerLimits(idle, headers, body, workers, connections);
    }
}
