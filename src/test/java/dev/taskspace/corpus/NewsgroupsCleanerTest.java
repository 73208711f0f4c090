package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The cleaning rules, one by one on hand-made posts, then against scikit-learn's own output
 * for crafted posts ({@code scripts/sklearn_newsgroups_fixtures.py} wrote the expected texts).
 */
class NewsgroupsCleanerTest {

    // ---- headers ----

    @Test
    void headerIsEverythingUpToTheFirstBlankLine() {
        assertThat(NewsgroupsCleaner.stripHeader("From: a\nSubject: b\n\nbody\n\nmore")).isEqualTo("body\n\nmore");
    }

    @Test
    void aPostWithoutABlankLineHasNoBody() {
        assertThat(NewsgroupsCleaner.stripHeader("From: a\nSubject: b\nlooks like body")).isEmpty();
    }

    @Test
    void aBlankLineAtTheVeryStartEndsAnEmptyHeader() {
        assertThat(NewsgroupsCleaner.stripHeader("\n\nbody")).isEqualTo("body");
    }

    // ---- footers ----

    @Test
    void footerStartsAtTheLastDashLine() {
        assertThat(NewsgroupsCleaner.stripFooter("text\nmore\n--\nAnn, NASA")).isEqualTo("text\nmore");
    }

    @Test
    void footerStartsAtTheLastEmptyLineWhenThereAreNoDashes() {
        assertThat(NewsgroupsCleaner.stripFooter("para one\n\npara two\n\nAnn")).isEqualTo("para one\n\npara two");
    }

    @Test
    void aDashLineAtTheTopIsNotAFooterAndTheTextStaysUnchanged() {
        String text = "--\nall of the text\nis body\n";
        assertThat(NewsgroupsCleaner.stripFooter(text)).isSameAs(text);
    }

    @Test
    void trailingBlankLinesAreStrippedBeforeLookingForTheSeparator() {
        assertThat(NewsgroupsCleaner.stripFooter("one\ntwo\n\n\n")).isEqualTo("one\ntwo\n\n\n");
        assertThat(NewsgroupsCleaner.stripFooter("  one\n\ntwo\n\n\n")).isEqualTo("one");
    }

    @Test
    void dashesSurroundedBySpacesCountButSpacedDashesDoNot() {
        assertThat(NewsgroupsCleaner.stripFooter("a\nb\n  --  \nsig")).isEqualTo("a\nb");
        assertThat(NewsgroupsCleaner.stripFooter("a\n- -\nsig")).isEqualTo("a\n- -\nsig");
    }

    // ---- quotes ----

    @Test
    void everyQuoteMarkerDropsItsLine() {
        String post = String.join("\n",
                "> quoted", ">> nested", "| piped", "In article <1@x> bob writes", "Quoted from Bob",
                "bob@x.y writes:", "Jane wrote: hi", "He says: yes", "She said: no", "someone writes in sci.med",
                "kept line");
        assertThat(NewsgroupsCleaner.stripQuotes(post)).isEqualTo("kept line");
    }

    @Test
    void lineStartMarkersCountOnlyAtTheStartAndAreCaseSensitive() {
        String post = "  > indented\ntext > inside\nin article lower\nWRITES: upper\n x In article";
        assertThat(NewsgroupsCleaner.stripQuotes(post)).isEqualTo(post);
    }

    @Test
    void quoteStrippingKeepsEmptyLinesAndTrailingNewlines() {
        assertThat(NewsgroupsCleaner.stripQuotes("a\n\n> q\nb\n")).isEqualTo("a\n\nb\n");
    }

    // ---- order and line endings ----

    @Test
    void rulesApplyInSklearnOrderHeadersThenFootersThenQuotes() {
        // A quote marker inside the footer region disappears with the footer, and a quote line
        // last in the body is dropped after the footer rule has looked for its separator.
        String post = "From: x\n\nbody line\n> quoted last\n--\nsig > x\n";
        assertThat(NewsgroupsCleaner.clean(post)).isEqualTo("body line");
    }

    @Test
    void crlfPostsCleanLikeTheirLfTwins() {
        String lf = "From: x\nSubject: y\n\nbody one\n> quote\nbody two\n--\nsig\n";
        assertThat(NewsgroupsCleaner.clean(lf.replace("\n", "\r\n"))).isEqualTo(NewsgroupsCleaner.clean(lf))
                .isEqualTo("body one\nbody two");
    }

    // ---- against scikit-learn ----

    static Stream<Arguments> sklearnCases() throws IOException {
        JsonNode expected;
        try (InputStream in = NewsgroupsCleanerTest.class.getResourceAsStream("cleaning/expected.json")) {
            expected = new ObjectMapper().readTree(in);
        }
        List<Arguments> cases = new ArrayList<>();
        for (Map.Entry<String, JsonNode> e : (Iterable<Map.Entry<String, JsonNode>>) expected::fields) {
            cases.add(Arguments.of(e.getKey(), e.getValue()));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sklearnCases")
    void matchesScikitLearnOnCraftedPosts(String name, JsonNode expected) throws IOException {
        String post;
        try (InputStream in = getClass().getResourceAsStream("cleaning/" + name + ".txt")) {
            post = new String(in.readAllBytes(), StandardCharsets.ISO_8859_1);
        }
        String cleaned = NewsgroupsCleaner.clean(post);
        assertThat(cleaned).isEqualTo(expected.get("cleaned").asText());

        Corpus c = TextRules.DEMO.apply(List.of(new Document(name, null, cleaned, "test")),
                TextRules.EMPTY_AFTER_CLEANING, Map.of());
        JsonNode normalised = expected.get("normalised");
        if (normalised.isNull()) {
            assertThat(c.documents()).as("the demo drops it").isEmpty();
        } else {
            assertThat(c.documents()).singleElement().extracting(Document::text).isEqualTo(normalised.asText());
        }
    }
}
