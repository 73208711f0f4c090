/**
 * Maps made elsewhere: the original Python demo's {@code data.json} (its real Qwen3 layouts, matched
 * to 20 Newsgroups posts) and any JSON, JSON Lines or CSV file of {@code TASK_x}/{@code TASK_y}
 * columns, read into a project's corpus and an imported-layouts artefact that the project stage
 * turns into a 2-D-only map.
 *
 * <p>May use {@code dev.taskspace}, {@code corpus}, {@code embed} (task definitions) and
 * {@code internal}; libraries: Jackson, Commons CSV.
 */
package dev.taskspace.imported;
