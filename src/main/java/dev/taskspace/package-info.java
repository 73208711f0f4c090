/**
 * taskspace: embeds one corpus once per task instruction, projects each set to 2-D, aligns the
 * layouts, measures them and serves a page to compare them. The pipeline is the package
 * layout: {@code corpus -> embed -> project -> map -> web}, with {@code cli} on top.
 *
 * <p>This package holds what every stage shares: the project folder ({@link dev.taskspace.ProjectDir}),
 * how a stage reports progress ({@link dev.taskspace.Reporter}), the one exception type users
 * see ({@link dev.taskspace.TaskspaceException}) and the build version. It uses nothing else of
 * taskspace and no library.
 */
package dev.taskspace;
