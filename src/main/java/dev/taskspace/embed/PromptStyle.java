package dev.taskspace.embed;

/**
 * How a task's instruction is put in front of a text. Without an instruction the text goes to
 * the model as it is.
 */
public enum PromptStyle {
    /**
     * Qwen3-Embedding's own template, {@code Instruct: {instruction}\nQuery:{text}}, with no space
     * after {@code Query:}, as in the model's reference code.
     */
    QWEN3("Query:"),
    /**
     * The original Python demo's variant with a space, {@code Query: {text}}; only for comparing
     * with vectors it made.
     */
    DEMO_SPACED("Query: ");

    private final String query; // what comes between the instruction's line and the text

    PromptStyle(String query) {
        this.query = query;
    }

    /** The text the model receives for {@code text} under {@code task}. */
    public String format(Task task, String text) {
        return task.hasInstruction() ? "Instruct: " + task.instruction() + "\n" + query + text : text;
    }
}
