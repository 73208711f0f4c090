package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SamplerTest {

    /** 3 labels with 50, 30 and 5 documents. */
    private static List<Document> pool() {
        List<Document> docs = new ArrayList<>();
        int[] sizes = {50, 30, 5};
        for (int l = 0; l < sizes.length; l++) {
            for (int i = 0; i < sizes[l]; i++) docs.add(new Document("L" + l + "-" + i, "label" + l, "text " + i, "t"));
        }
        return docs;
    }

    private static List<String> ids(List<Document> docs) {
        return docs.stream().map(Document::id).toList();
    }

    @Test
    void stratifiedSampleTakesNPerLabelAndAllOfSmallerLabels() {
        Map<String, Long> counts = Sampler.perLabel(pool(), 10, 42).stream()
                .collect(Collectors.groupingBy(Document::label, Collectors.counting()));
        assertThat(counts).containsExactlyInAnyOrderEntriesOf(Map.of("label0", 10L, "label1", 10L, "label2", 5L));
    }

    @Test
    void sameSeedSameSampleWhateverTheInputOrder() {
        List<Document> shuffled = new ArrayList<>(pool());
        Collections.shuffle(shuffled, new Random(7));
        assertThat(ids(Sampler.perLabel(shuffled, 10, 42))).isEqualTo(ids(Sampler.perLabel(pool(), 10, 42)));
        assertThat(ids(Sampler.random(shuffled, 20, 42))).isEqualTo(ids(Sampler.random(pool(), 20, 42)));
    }

    @Test
    void anotherSeedGivesAnotherSample() {
        assertThat(ids(Sampler.perLabel(pool(), 10, 43))).isNotEqualTo(ids(Sampler.perLabel(pool(), 10, 42)));
        assertThat(ids(Sampler.random(pool(), 20, 43))).isNotEqualTo(ids(Sampler.random(pool(), 20, 42)));
    }

    @Test
    void aLabelsSampleDoesNotDependOnWhichOtherLabelsArePresent() {
        List<Document> onlyLabel1 = pool().stream().filter(d -> d.label().equals("label1")).toList();
        List<String> alone = ids(Sampler.perLabel(onlyLabel1, 10, 42));
        List<String> together = ids(Sampler.perLabel(pool(), 10, 42).stream().filter(d -> d.label().equals("label1")).toList());
        assertThat(alone).isEqualTo(together);
    }

    @Test
    void theSampleIsSpreadOverTheLabelNotItsFirstDocuments() {
        // Over many seeds every document of label0 gets picked at least once.
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (long seed = 0; seed < 200; seed++) seen.addAll(ids(Sampler.perLabel(pool(), 10, seed)));
        assertThat(seen).containsAll(ids(pool().subList(0, 50)));
    }

    @Test
    void randomSampleIgnoresLabelsAndCapsAtThePoolSize() {
        assertThat(Sampler.random(pool(), 20, 1)).hasSize(20).doesNotHaveDuplicates();
        assertThat(Sampler.random(pool(), 1000, 1)).hasSize(85);
    }

    @Test
    void recordedIdsReproduceASampleInTheirOrder() {
        List<String> wanted = List.of("L2-3", "L0-17", "L1-0");
        assertThat(ids(Sampler.byIds(pool(), wanted, "ids.txt"))).isEqualTo(wanted);
    }

    @Test
    void unknownRecordedIdsAreAClearError() {
        assertThatThrownBy(() -> Sampler.byIds(pool(), List.of("L0-1", "nope", "nope2"), "ids.txt"))
                .hasMessageContaining("2 of the 3 ids in ids.txt are not in the corpus")
                .hasMessageContaining("\"nope\"");
    }
}
