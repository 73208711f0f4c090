package dev.taskspace.web;

/**
 * Adds a task to a served map while the page is open: embeds the corpus with a new
 * instruction, projects it onto the existing (aligned) layouts and rewrites the map folder
 * with the task appended. The server runs one at a time, on a thread of its own, and shows
 * the progress in the page; the page then reloads the map.
 *
 * <p>Implementations throw {@link dev.taskspace.TaskspaceException} with a message for the
 * user (shown in the page as it is: no secrets in it) and may throw anything else on bugs
 * (the page then says "internal error" and the server logs the details).
 */
@FunctionalInterface
public interface LiveTasks {

    /**
     * Runs the whole job on the calling thread and returns when the map on disk has the task.
     *
     * @param name        the new task's name: checked by the server (lower case, digits, - and _;
     *                    at most {@link LiveJobs#MAX_NAME} characters; not a task of the map yet)
     * @param instruction the instruction, one line of at most {@link LiveJobs#MAX_INSTRUCTION} characters
     * @param progress    where to report what is happening
     * @throws InterruptedException when the server stops during the job
     */
    void run(String name, String instruction, ProgressListener progress) throws Exception;

    /** Whether live tasks can run here; when not, {@link #reason()} says why. */
    default boolean available() {
        return true;
    }

    /** Why live tasks cannot run, for the page; empty when they can. */
    default String reason() {
        return "";
    }

    /** Progress reports: a stage ("embedding", "projecting") and an amount of its work done. */
    @FunctionalInterface
    interface ProgressListener {
        /** @param total the stage's amount of work, or -1 when unknown */
        void update(String stage, long done, long total);
    }

    /** Live tasks that cannot run, and say why in the page. */
    static LiveTasks unavailable(String reason) {
        return new LiveTasks() {
            @Override
            public void run(String name, String instruction, ProgressListener progress) {
                throw new dev.taskspace.TaskspaceException(reason);
            }

            @Override
            public boolean available() {
                return false;
            }

            @Override
            public String reason() {
                return reason;
            }
        };
    }
}
