/**
 * Hugging Face model files in the standard Hugging Face cache: listing a repository, verified
 * resumable downloads, offline use, and the cache layout that Python tools share.
 *
 * <p>May use {@code dev.taskspace} and {@code internal}; libraries: Jackson and the JDK's
 * HTTP client.
 */
package dev.taskspace.hub;
