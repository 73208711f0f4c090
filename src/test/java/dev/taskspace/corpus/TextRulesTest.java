package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TextRulesTest {

    private static Document doc(String id, String text) {
        return new Document(id, "x", text, "test");
    }

    @Test
    void dropsAndCountsEmptyAndShortTextsAndCutsLongOnes() {
        TextRules rules = new TextRules(5, 8);
        Corpus c = rules.apply(List.of(doc("a", "  \n "), doc("b", "abc"), doc("c", "abcde"), doc("d", "a b c d e f g")),
                TextRules.EMPTY, Map.of());

        assertThat(c.documents()).extracting(Document::id).containsExactly("c", "d");
        assertThat(c.documents()).extracting(Document::text).containsExactly("abcde", "a b c d ");
        assertThat(c.dropped()).containsExactly(Map.entry(TextRules.EMPTY, 1), Map.entry("shorter than 5 characters", 1));
        assertThat(c.truncated()).containsExactly("d");
    }

    @Test
    void boundsAreInclusive() {
        Corpus c = new TextRules(3, 3).apply(List.of(doc("a", "abc")), TextRules.EMPTY, Map.of());
        assertThat(c.documents()).singleElement().extracting(Document::text).isEqualTo("abc");
        assertThat(c.truncated()).isEmpty();
    }

    @Test
    void refusesImpossibleBounds() {
        assertThatThrownBy(() -> new TextRules(0, 10)).hasMessageContaining("at least 1");
        assertThatThrownBy(() -> new TextRules(10, 9)).hasMessageContaining("must not be below");
    }

    @Test
    void aSampleKeepsTheAccountOfItsOwnTruncations() {
        Corpus c = new TextRules(1, 2).apply(List.of(doc("a", "abc"), doc("b", "xyz"), doc("c", "ok")), TextRules.EMPTY,
                Map.of());
        Corpus sample = c.select(List.of(c.documents().get(1), c.documents().get(2)), Map.of("sample", "test"));
        assertThat(sample.truncated()).containsExactly("b");
        assertThat(sample.provenance()).containsEntry("sample", "test");
    }
}
