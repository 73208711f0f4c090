/**
 * The in-process engine: ONNX Runtime sessions, the tokenizer and each model's rules
 * (Qwen3's prompt, end token, padding side, pooling), length-sorted batching, the bundled
 * models, model resolution (bundled, local folder, Hugging Face id) and the layer-norm graph
 * rewrite.
 *
 * <p>May use {@code embed}, {@code hub}, {@code dev.taskspace} and {@code internal};
 * libraries: ONNX Runtime, DJL's tokenizers, the ONNX protobuf classes, Jackson.
 */
package dev.taskspace.embed.onnx;
