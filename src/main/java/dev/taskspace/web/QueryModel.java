package dev.taskspace.web;

/**
 * Search by meaning for {@code serve}: embeds a query the way a task's documents were embedded
 * (the model the map was made with, under that task's instruction) and hands out the task's
 * stored vectors, so that the server can list the documents nearest to the query.
 *
 * <p>Implementations throw {@link dev.taskspace.TaskspaceException} with a message for the
 * page (no secrets in it) and may throw anything else on bugs.
 */
public interface QueryModel extends AutoCloseable {

    /** Why queries cannot be embedded here, for the page; empty when they can. */
    String unavailable();

    /**
     * The task's stored vectors, row {@code i} for document {@code i} of the map, or null when the
     * task has none (a 2-D layout imported without vectors). Large: the caller keeps few.
     */
    float[][] vectors(String task);

    /** The query's unit vector under the task's instruction, by the model the map was made with. */
    float[] embed(String task, String query) throws Exception;

    @Override
    default void close() {}

    /** A model that cannot embed queries, and says why in the page. */
    static QueryModel unavailable(String reason) {
        return new QueryModel() {
            @Override
            public String unavailable() {
                return reason;
            }

            @Override
            public float[][] vectors(String task) {
                throw new dev.taskspace.TaskspaceException(reason);
            }

            @Override
            public float[] embed(String task, String query) {
                throw new dev.taskspace.TaskspaceException(reason);
            }
        };
    }
}
