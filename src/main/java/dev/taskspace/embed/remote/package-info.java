/**
 * The OpenAI-compatible embeddings API client: request format, rate and token limits,
 * retries with backoff, batch splitting, vector checks, and the API key (which never leaves
 * this package in any output).
 *
 * <p>May use {@code embed}, {@code dev.taskspace} and {@code internal}; libraries: Jackson and
 * the JDK's HTTP client.
 */
package dev.taskspace.embed.remote;
