/**
 * The project stage: the k-nearest-neighbour graph (exact or approximate, with the distance
 * kernels), our own UMAP, Procrustes alignment, the quality figures (equal to
 * scikit-learn's) and {@link dev.taskspace.project.ProjectStage}, which writes the map.
 *
 * <p>May use {@code dev.taskspace} and the artefacts of {@code corpus}, {@code embed} and
 * {@code map}; libraries: Jackson and, when the JVM has the module, the incubating Vector API
 * ({@code jdk.incubator.vector}), which must stay optional.
 */
package dev.taskspace.project;
