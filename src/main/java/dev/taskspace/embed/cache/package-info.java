/**
 * The vector cache: vectors kept on disk by content (embedder settings, instruction, SHA-256 of
 * the text) in append-only, checksummed segment files, and an {@link dev.taskspace.embed.Embedder}
 * that puts it in front of any other.
 *
 * <p>May use {@code embed}, {@code dev.taskspace} and {@code internal}; library: Jackson.
 */
package dev.taskspace.embed.cache;
