/**
 * taskspace's embedders as LangChain4j {@code EmbeddingModel}s: start at
 * {@link dev.taskspace.langchain4j.TaskspaceEmbeddings}.
 *
 * <p>Uses the taskspace core's public classes ({@code embed} and its backends) and
 * {@code langchain4j-core}; nothing here is used by the core.
 */
package dev.taskspace.langchain4j;
