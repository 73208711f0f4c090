package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.embed.EmbedStage;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.RunEstimate;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.VectorStorage;
import dev.taskspace.embed.cache.CachingEmbedder;
import dev.taskspace.imported.ImportedArtefact;
import dev.taskspace.internal.ConsoleReporter;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/** The embed stage's summary, as {@code embed} and {@code demo} print it while {@link EmbedStage} runs. */
final class EmbedReport implements EmbedStage.Listener {
    private final PrintStream out;
    private final Embedder embedder;
    private final ProjectDir project;
    private final boolean cached;
    private int tasks;

    EmbedReport(PrintStream out, Embedder embedder, ProjectDir project) {
        this.out = out;
        this.embedder = embedder;
        this.project = project;
        this.cached = embedder instanceof CachingEmbedder;
    }

    @Override
    public void started(ModelInfo info) {
        out.printf(Locale.ROOT, "model: %s (%s, %s, %d dimensions)%n", info.id(), info.backend(), info.precision(), info.dimensions());
        if (!info.instructionAware()) out.println("note: " + info.caveat());
    }

    @Override
    public void discarded(List<String> names) {
        out.println("replaced: discarded the finished tasks " + String.join(", ", names)
                + " (made with another model, engine settings or corpus)");
    }

    @Override
    public void estimated(RunEstimate.Estimate estimate) {
        if (estimate.time().compareTo(RunEstimate.ANNOUNCE_ABOVE) > 0) {
            EstimateReport.print(estimate, embedder.info(), ImportedArtefact.exists(project), out);
        }
    }

    @Override
    public void kept(Task task) {
        tasks++;
        out.printf(Locale.ROOT, "  %-12s already embedded with this model, its settings and this corpus: kept%n", task.name());
    }

    @Override
    public void embedded(Task task, EmbeddingStats stats) {
        tasks++;
        out.println("  " + line(task.name(), stats, cached));
    }

    /** The total over the run's tasks (when it embedded any and there were several) and where it wrote. */
    void finish(EmbedStage.Result r) {
        if (r.total().texts() > 0 && tasks > 1) out.println("  " + line("all", r.total(), cached));
        out.println("wrote " + project.embeddingsDir() + (r.storage() == VectorStorage.FLOAT16 ? " (vectors stored as float16)" : ""));
    }

    private static String line(String name, EmbeddingStats s, boolean cached) {
        String cache = cached ? String.format(Locale.ROOT, "; cache: %,d hits, %,d misses", s.cacheHits(), s.cacheMisses()) : "";
        if (s.batches() == 0 && s.cacheHits() > 0) {
            return String.format(Locale.ROOT, "%-12s %,d texts, all from the vector cache, in %s%s", name, s.texts(),
                    ConsoleReporter.format(s.time()), cache);
        }
        if (s.requests() > 0) {
            return String.format(Locale.ROOT, "%-12s %,d texts, %,d requests (%,d retried), %,d tokens in %s: %.1f requests/s, "
                    + "%.1f texts/s%s", name, s.texts(), s.requests(), s.retries(), s.tokens(), ConsoleReporter.format(s.time()),
                    s.requestsPerSecond(), s.textsPerSecond(), cache);
        }
        return String.format(Locale.ROOT, "%-12s %,d texts, %,d tokens in %s: %,.0f tokens/s, %.1f texts/s, padding %.1f%%%s%s",
                name, s.texts(), s.tokens(), ConsoleReporter.format(s.time()), s.tokensPerSecond(), s.textsPerSecond(),
                100 * s.paddingFraction(), s.truncated() > 0 ? ", " + s.truncated() + " cut at the token cap" : "", cache);
    }
}
