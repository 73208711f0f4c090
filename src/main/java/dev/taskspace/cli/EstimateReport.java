package dev.taskspace.cli;

import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.RunEstimate;
import dev.taskspace.internal.ConsoleReporter;
import java.io.PrintStream;
import java.util.Locale;

/** The wait announced before a long embedding run, and the ways to shorten it. */
final class EstimateReport {
    private EstimateReport() {}

    /**
     * @param withOriginalMaps whether the project already holds the original demo's (or other
     *                         imported) maps, so that importing them is no way to shorten this run
     */
    static void print(RunEstimate.Estimate e, ModelInfo info, boolean withOriginalMaps, PrintStream out) {
        String tokens = e.tokens() > 0 ? String.format(Locale.ROOT, ", about %,d tokens at %,.0f tokens/s", e.tokens(), e.tokensPerSecond()) : "";
        boolean remote = "remote".equals(info.backend());
        out.printf(Locale.ROOT, "expected: about %s to embed %,d texts%s (timed on %,d of them just now, in %s%s)%n",
                ConsoleReporter.format(e.time()), e.texts(), tokens, e.sampleTexts(), ConsoleReporter.format(e.sampleTime()),
                remote ? "; their vectors are kept" : "");
        out.println("  to shorten it:");
        if (remote) {
            out.println("    a higher --rate or --concurrency, if the server and your account allow it (both are per replica)");
            out.println("    more replicas of the model: --api-base URL1,URL2,... (each request goes to the least busy one; docs/remote.md)");
        } else if (!"int8".equals(info.precision())) {
            out.println("    --precision int8: 2.4x the speed of fp32 on the Qwen3-0.6B shape here; int8 vectors' median cosine "
                    + "to fp32 is 0.991-0.997 on the bundled models (BENCHMARKS.md)");
        }
        out.println("    fewer documents (taskspace corpus --per-label or --limit): the time grows with the tokens, "
                + "so a quarter of the documents takes about a quarter of it");
        if (!remote) out.println("    an API: --backend remote (e.g. SiliconFlow's Qwen3-Embedding-0.6B, as the original demo; needs a key)");
        if (!withOriginalMaps) {
            out.println("    the original demo's real Qwen3 maps (2-D only), in seconds: taskspace import --original");
        }
        out.println("  progress is kept as each batch finishes: stop any time and run again to resume");
    }
}
