package dev.taskspace.hub;

import dev.taskspace.TaskspaceException;

/**
 * The hub could not be asked, or refused: thrown by {@link HfHub#list} (and by
 * {@link HfHub#fetch} when the cache cannot stand in). The message is one line for the user,
 * without the token; {@link #unreachable()} and {@link #status()} let a caller decide what to
 * do without reading it, e.g. fall back to {@link HfHub#cached} only when the hub was not reached:
 *
 * <pre>{@code
 * try {
 *     listing = hub.list(repo, "main");
 * } catch (HubException e) {
 *     if (!e.unreachable()) throw e; // a refusal (404, 401, gated…) is the user's to fix
 *     ...
 * }
 * }</pre>
 */
public final class HubException extends TaskspaceException {
    private static final long serialVersionUID = 1L;
    private final boolean unreachable;
    private final int status;

    HubException(String message, boolean unreachable, int status, Throwable cause) {
        super(message, cause);
        this.unreachable = unreachable;
        this.status = status;
    }

    /** True when no usable answer came: offline, unknown host, refused connection, timeout, broken transfer. */
    public boolean unreachable() {
        return unreachable;
    }

    /** The HTTP status of a refusal (404, 401, 403, 429, 5xx…); 0 when there was none. */
    public int status() {
        return status;
    }
}
