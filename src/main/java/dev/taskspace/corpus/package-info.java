/**
 * The corpus stage: 20 Newsgroups (download, archive, scikit-learn's cleaning), your own
 * JSON Lines, CSV/TSV or text folders, seeded sampling, and the corpus artefact
 * ({@code corpus.jsonl} + {@code corpus.json}).
 *
 * <p>May use {@code dev.taskspace} and {@code internal}; libraries: Jackson, Commons Compress,
 * Commons CSV.
 */
package dev.taskspace.corpus;
