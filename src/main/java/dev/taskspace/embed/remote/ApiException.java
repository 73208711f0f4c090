package dev.taskspace.embed.remote;

import dev.taskspace.TaskspaceException;

/**
 * An embeddings server refused or failed a request in a way retrying will not fix (a rejected
 * key, a bad request, a missing model), or kept failing until taskspace gave up. The message
 * is one line for the user; it never holds the API key.
 */
public final class ApiException extends TaskspaceException {
    private static final long serialVersionUID = 1L;

    private final int status;

    ApiException(String message, int status) {
        super(message);
        this.status = status;
    }

    ApiException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status of the last answer, or 0 when there was none (no connection, no answer in time). */
    public int status() {
        return status;
    }
}
