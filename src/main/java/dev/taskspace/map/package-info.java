/**
 * The map artefact the page loads ({@code map/}): the writer and the checking reader of
 * {@code map.json}, {@code documents.json} and the little-endian arrays.
 *
 * <p>May use {@code dev.taskspace} and {@code internal}; library: Jackson. Knows nothing of
 * how a map is made (project) or shown (web).
 */
package dev.taskspace.map;
