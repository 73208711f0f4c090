/**
 * The embed stage's contract: tasks and their instructions, prompt styles, the
 * {@link dev.taskspace.embed.Embedder} interface every backend implements, run statistics,
 * the embeddings artefact ({@code embeddings/}) and the stage itself
 * ({@link dev.taskspace.embed.EmbedStage}). The backends live in the sub-packages
 * {@code onnx} (in-process), {@code remote} (an API) and {@code cache} (in front of either).
 *
 * <p>May use {@code dev.taskspace}, {@code corpus} (the stage before: its artefact is this
 * stage's input) and {@code internal}; library: Jackson. Not its sub-packages: they depend on
 * it, not the other way round.
 */
package dev.taskspace.embed;
