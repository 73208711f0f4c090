package dev.taskspace.embed.cache;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import dev.taskspace.testing.CountingEmbedder;
import dev.taskspace.testing.RecordingReporter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The vector cache in front of a counting embedder: what is embedded again, and what is not. */
class CachingEmbedderTest {
    @TempDir
    Path dir;

    final List<String> texts = IntStream.range(0, 100).mapToObj(i -> "document number " + i).toList();
    final Task topic = Tasks.DEMO.get(1);
    final RecordingReporter reporter = new RecordingReporter();
    final List<String> notes = reporter.lines;

    private Embedder.Result run(CountingEmbedder model, Task task, List<String> input) {
        return new CachingEmbedder(model, new VectorCache(dir)).embed(input, task, reporter);
    }

    private void assertRight(CountingEmbedder model, Task task, List<String> input, Embedder.Result r) {
        for (int i = 0; i < input.size(); i++) assertThat(r.vectors()[i]).as("text %d", i).containsExactly(model.expected(input.get(i), task));
    }

    @Test
    void aSecondRunEmbedsNothingAndGivesTheSameVectors() {
        CountingEmbedder first = new CountingEmbedder(16, 8);
        Embedder.Result a = run(first, topic, texts);
        assertThat(first.seen()).hasSize(100);
        assertThat(a.stats().cacheHits()).isZero();
        assertThat(a.stats().cacheMisses()).isEqualTo(100);

        CountingEmbedder second = new CountingEmbedder(16, 8);
        Embedder.Result b = run(second, topic, texts);
        assertThat(second.seen()).isEmpty();
        assertThat(b.stats().cacheHits()).isEqualTo(100);
        assertThat(b.stats().texts()).isEqualTo(100);
        assertRight(second, topic, texts, b);
        assertThat(notes).isEmpty();
    }

    @Test
    void aNewTaskIsEmbeddedAloneWhileKnownTasksComeFromTheCache() {
        for (Task t : Tasks.DEMO) run(new CountingEmbedder(16, 8), t, texts);
        Task legal = new Task("legal", "Classify the legal area of the given text", "");
        CountingEmbedder model = new CountingEmbedder(16, 8);
        for (Task t : Stream.concat(Tasks.DEMO.stream(), Stream.of(legal)).toList()) {
            Embedder.Result r = run(model, t, texts);
            assertRight(model, t, texts, r);
        }
        assertThat(model.seen()).hasSize(100).containsExactlyElementsOf(texts);
    }

    @Test
    void batchesAreKeptAsTheyFinishSoACrashLosesOnlyTheBatchInFlight() {
        CountingEmbedder crashing = new CountingEmbedder(16, 10).failAfter(3);
        assertThatThrownBy(() -> run(crashing, topic, texts)).hasMessage("simulated crash");

        CountingEmbedder rerun = new CountingEmbedder(16, 10);
        Embedder.Result r = run(rerun, topic, texts);
        assertThat(rerun.seen()).containsExactlyElementsOf(texts.subList(30, 100));
        assertThat(r.stats().cacheHits()).isEqualTo(30);
        assertRight(rerun, topic, texts, r);
    }

    @Test
    void aDamagedRecordIsReportedNeverUsedAndEmbeddedAgain() throws IOException {
        run(new CountingEmbedder(16, 100), topic, texts);
        Path segment = onlySegment();
        byte[] b = Files.readAllBytes(segment);
        int record = 4 + 32 + 4 + 16 * 4 + 4;
        int seventh = Segments.HEADER.length + 7 * record;
        b[seventh + 4 + 32 + 4 + 5] ^= 0x10; // a bit of text 7's vector
        Files.write(segment, b);

        CountingEmbedder rerun = new CountingEmbedder(16, 100);
        Embedder.Result r = run(rerun, topic, texts);
        assertThat(rerun.seen()).containsExactly(texts.get(7));
        assertRight(rerun, topic, texts, r);
        assertThat(notes).singleElement().asString().contains("1 damaged record(s)").contains("embedded again");
    }

    @Test
    void anUnfinishedLastRecordIsReportedAsAnInterruptedRun() throws IOException {
        run(new CountingEmbedder(16, 100), topic, texts);
        Path segment = onlySegment();
        byte[] b = Files.readAllBytes(segment);
        Files.write(segment, java.util.Arrays.copyOf(b, b.length - 10));

        CountingEmbedder rerun = new CountingEmbedder(16, 100);
        run(rerun, topic, texts);
        assertThat(rerun.seen()).containsExactly(texts.get(99));
        assertThat(notes).singleElement().asString().contains("unfinished record").contains("interrupted");
    }

    @Test
    void theKeySeparatesInstructionsDimensionsAndPromptStylesButNotWhereNoInstructionIsSent() {
        run(new CountingEmbedder(16, 8), topic, texts);
        CountingEmbedder otherInstruction = new CountingEmbedder(16, 8);
        run(otherInstruction, new Task("topic", "Name the subject", ""), texts);
        assertThat(otherInstruction.seen()).hasSize(100);
        CountingEmbedder otherDims = new CountingEmbedder(8, 8);
        run(otherDims, topic, texts);
        assertThat(otherDims.seen()).hasSize(100);

        var info = new CountingEmbedder(16, 8).info();
        var spaced = new dev.taskspace.embed.ModelInfo(info.id(), info.backend(), info.precision(), 16, true,
                dev.taskspace.embed.PromptStyle.DEMO_SPACED);
        assertThat(CacheKey.of(spaced, "", topic).id()).isNotEqualTo(CacheKey.of(info, "", topic).id());
        assertThat(CacheKey.of(spaced, "", Tasks.DEMO.get(0)).id()).isEqualTo(CacheKey.of(info, "", Tasks.DEMO.get(0)).id());
        assertThat(CacheKey.of(info, "maxTokens=512", topic).id()).isNotEqualTo(CacheKey.of(info, "", topic).id());
    }

    @Test
    void aTextGivenTwiceIsEmbeddedOnce() {
        List<String> twice = List.of("a", "b", "a", "c", "b");
        CountingEmbedder model = new CountingEmbedder(16, 8);
        Embedder.Result r = run(model, topic, twice);
        assertThat(model.seen()).containsExactly("a", "b", "c");
        assertRight(model, topic, twice, r);
    }

    @Test
    void theKeyIsDescribedBesideTheVectors() throws IOException {
        run(new CountingEmbedder(16, 8), topic, texts);
        Path key = onlySegment().resolveSibling("key.json");
        assertThat(Files.readString(key)).contains("\"model\" : \"counting\"").contains("Identify the topic");
    }

    private Path onlySegment() throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            List<Path> segs = s.filter(p -> p.getFileName().toString().endsWith(".vec")).toList();
            assertThat(segs).hasSize(1);
            return segs.get(0);
        }
    }

    @Test
    void theDefaultCacheIsTheCommandLinesVectorsFolder() {
        assertThat(VectorCache.fromEnvironment(java.util.Map.of("TASKSPACE_CACHE", dir.toString())).dir())
                .isEqualTo(dir.resolve("vectors").toAbsolutePath());
    }
}
