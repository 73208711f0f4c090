package dev.taskspace.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskspace.Reporter;
import dev.taskspace.embed.cache.CachingEmbedder;
import dev.taskspace.embed.cache.VectorCache;
import dev.taskspace.testing.CountingEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The wait said before a run: what is sampled, what is counted, and that the sample leaves no trace. (Its accuracy is a benchmark: BENCHMARKS.md.) */
class RunEstimateTest {
    @TempDir
    Path tmp;

    private static final Task A = new Task("a", "Classify the given text", "");
    private static final Task B = new Task("b", "Identify the topic of the given text", "");

    private static List<String> texts(int n, int chars) {
        List<String> out = new ArrayList<>();
        for (int i = 0; i < n; i++) out.add(("text " + i + " ").repeat(chars).substring(0, chars));
        return out;
    }

    @Test
    void theTimedSampleNeverReachesTheVectorCache() {
        CountingEmbedder model = new CountingEmbedder(8, 16);
        CachingEmbedder cached = new CachingEmbedder(model, new VectorCache(tmp));
        List<String> texts = texts(400, 300);
        RunEstimate.Estimate e = RunEstimate.of(cached, texts, List.of(A));
        assertThat(e).isNotNull();
        assertThat(e.texts()).isEqualTo(400);
        assertThat(model.seen()).as("the sample was embedded").isNotEmpty();
        assertThat(e.sampleTexts()).isPositive().isLessThanOrEqualTo(100);
        assertThat(cached.uncached(texts, A)).as("and not kept").hasSize(400);
    }

    @Test
    void onlyWhatTheCacheLacksIsCountedAndNothingToDoNeedsNoSample() {
        CountingEmbedder model = new CountingEmbedder(8, 16);
        CachingEmbedder cached = new CachingEmbedder(model, new VectorCache(tmp));
        List<String> texts = texts(400, 300);
        cached.embed(texts, A, Reporter.SILENT);
        assertThat(RunEstimate.of(cached, texts, List.of(A, B)).texts()).isEqualTo(400);
        cached.embed(texts, B, Reporter.SILENT);
        int before = model.seen().size();
        assertThat(RunEstimate.of(cached, texts, List.of(A, B))).isNull();
        assertThat(model.seen()).as("no sample when all is cached").hasSize(before);
    }

    @Test
    void littleWorkIsNotWorthASample() {
        CountingEmbedder model = new CountingEmbedder(8, 16);
        assertThat(RunEstimate.of(model, texts(20, 300), List.of(A))).as("6,000 characters").isNull();
        assertThat(model.seen()).isEmpty();
    }

    @Test
    void tokensPerCharacterAreFittedWithTheTokenCap() {
        // 100, 200 and 5,000 characters at 0.25 tokens each, the last cut at 512: 25 + 50 + 512 tokens.
        assertThat(RunEstimate.tokensPerChar(List.of(100, 200, 5000), 587, 512)).isCloseTo(0.25, within(1e-9));
        assertThat(RunEstimate.tokensPerChar(List.of(100, 200, 5000), 1325, Integer.MAX_VALUE)).isCloseTo(0.25, within(1e-9));
    }
}
