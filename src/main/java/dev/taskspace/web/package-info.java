/**
 * The page and its delivery: the page's own files (HTML, CSS, ES modules under
 * {@code src/main/resources/dev/taskspace/web/page/}), the static site writer, and the local
 * server with its live-task API. Live tasks are reached through the
 * {@link dev.taskspace.web.LiveTasks} interface that {@code cli} implements.
 *
 * <p>May use {@code map}, {@code dev.taskspace} and {@code internal}; libraries: Jackson and
 * Jetty. Not the embed or project stages.
 */
package dev.taskspace.web;
