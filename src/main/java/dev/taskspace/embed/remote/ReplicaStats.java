package dev.taskspace.embed.remote;

/**
 * How one replica did in a run.
 *
 * @param where          its endpoint, without user info
 * @param requests       requests sent
 * @param texts          texts answered with vectors
 * @param failures       requests that failed (retried elsewhere or later)
 * @param textsPerSecond texts answered / the time from its first request to its last answer
 */
public record ReplicaStats(String where, int requests, long texts, int failures, double textsPerSecond) {}
