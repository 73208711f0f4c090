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
    QWEN3("Instruct: %s\nQuery:%s"),
    /**
     * The original Python demo's variant with a space, {@code Query: {text}}; only for comparing
     * with vectors it made.
     */
    DEMO_SPACED("Instruct: %s\nQuery: %s");

    private final String template;

    PromptStyle(String template) {
        this.template = template;
    }

    /** The text the model receives for {@code text} under {@code task}. */
    public String format(Task task, String text) {
        return task.hasInstruction() ? String.format(template, task.instruction(), text) : text;
    }
}
