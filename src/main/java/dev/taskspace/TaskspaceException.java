package dev.taskspace;

/**
 * A failure the user can act on: bad input, a missing file, an unreachable server.
 *
 * <p>The message is one line that says what went wrong, with its context (file and line,
 * URL, model), and what to do about it. The command line prints exactly that line and exits
 * with code 1; the stack trace is shown only with {@code --verbose}. Everything below the
 * {@code cli} package throws this (or a subclass) and never exits the JVM.
 */
public class TaskspaceException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public TaskspaceException(String message) {
        super(message);
    }

    public TaskspaceException(String message, Throwable cause) {
        super(message, cause);
    }
}
