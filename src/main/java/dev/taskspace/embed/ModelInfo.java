package dev.taskspace.embed;

/**
 * What made a set of vectors, as recorded in every artefact and shown on the page.
 *
 * @param id               the model, e.g. {@code onnx-community/Qwen3-Embedding-0.6B-ONNX} or {@code bge-small-en-v1.5-q}
 * @param backend          {@code onnx} (in-process) or {@code remote}
 * @param precision        e.g. {@code fp32}, {@code int8}
 * @param dimensions       the length of each vector (after any MRL truncation)
 * @param instructionAware whether the model was trained to follow task instructions; when
 *                         false, instructions are only a text prefix and say so everywhere
 * @param promptStyle      how instructions are applied
 */
public record ModelInfo(String id, String backend, String precision, int dimensions, boolean instructionAware,
        PromptStyle promptStyle) {

    /** A plain-words note for summaries and the page when the model is not instruction-tuned. */
    public String caveat() {
        return instructionAware ? "" : id + " is not instruction-tuned: instructions are only a text prefix to it, "
                + "so task maps show little of what Qwen3-Embedding would";
    }
}
