/**
 * Plumbing shared by the stages: downloads, atomic file writes, hashing, {@code .npy} files,
 * cache folders and console progress. <b>Not API</b>: anything here may change without notice;
 * use it only from taskspace's own packages.
 *
 * <p>May use {@code dev.taskspace}; library: progressbar.
 */
package dev.taskspace.internal;
