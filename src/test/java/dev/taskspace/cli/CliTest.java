package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The command line as a user meets it: exit codes, help, one-line errors, the corpus command on own files. */
class CliTest {
    @TempDir
    Path dir;

    Map<String, String> env = new HashMap<>();
    String out;
    String err;

    @BeforeEach
    void isolateTheCache() {
        env.put("TASKSPACE_CACHE", dir.resolve("cache").toString());
    }

    private int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                env, args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    private Path labelledJsonl() throws IOException {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < 30; i++) {
            sb.append(String.format("{\"id\": \"d%02d\", \"text\": \"Document number %d, with some words.\", \"label\": \"%s\"}%n",
                    i, i, i % 3 == 0 ? "red" : i % 3 == 1 ? "green" : "blue"));
        }
        Path p = dir.resolve("docs.jsonl");
        Files.writeString(p, sb);
        return p;
    }

    @Test
    void versionPrintsTheNameAndVersion() {
        assertThat(run("--version")).isZero();
        assertThat(out).startsWith("taskspace ").contains("Java ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "corpus", "demo"})
    void everyCommandHasHelp(String command) {
        String[] args = command.isEmpty() ? new String[] {"--help"} : new String[] {command, "--help"};
        assertThat(run(args)).isZero();
        assertThat(out).startsWith("Usage: taskspace" + (command.isEmpty() ? "" : " " + command));
        assertThat(err).isEmpty();
    }

    @Test
    void anUnknownOptionIsOneErrorLineAndExitCodeOne() {
        assertThat(run("corpus", "--frobnicate")).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString()
                .startsWith("taskspace: error: Unknown option: '--frobnicate'")
                .contains("taskspace corpus --help");
    }

    @Test
    void ownCorpusIsWrittenAndSummarised() throws IOException {
        Path out1 = dir.resolve("p1");
        assertThat(run("corpus", "-i", labelledJsonl().toString(), "--out", out1.toString(), "-q")).isZero();

        Corpus c = CorpusArtefact.read(new ProjectDir(out1));
        assertThat(c.size()).isEqualTo(30);
        assertThat(c.countsByLabel()).containsEntry("red", 10).containsEntry("green", 10).containsEntry("blue", 10);
        assertThat(out).contains("corpus: 30 documents, 3 labels").contains("dropped: none").contains("wrote ");
    }

    @Test
    void aRecordedSampleIsReproducedFromItsIds() throws IOException {
        Path input = labelledJsonl();
        Path first = dir.resolve("first");
        assertThat(run("corpus", "-i", input.toString(), "--per-label", "4", "--seed", "7", "--out", first.toString(), "-q")).isZero();
        assertThat(out).contains("sampled 12 of 30 usable documents");

        Path second = dir.resolve("second");
        assertThat(run("corpus", "-i", input.toString(), "--ids", first.resolve("corpus.jsonl").toString(),
                "--out", second.toString(), "-q")).isZero();
        assertThat(CorpusArtefact.read(new ProjectDir(second)).documents())
                .isEqualTo(CorpusArtefact.read(new ProjectDir(first)).documents());
    }

    @Test
    void shortfallsOfAStratifiedSampleAreShown() throws IOException {
        assertThat(run("corpus", "-i", labelledJsonl().toString(), "--per-label", "12", "--out", dir.resolve("p").toString(), "-q")).isZero();
        assertThat(out).contains("(only 10 available of 12 asked)");
    }

    @Test
    void malformedInputIsOneLineWithFileAndLineAndNoStackTrace() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "{\"text\": \"fine\"}\n{\"text\": oops}\n");
        assertThat(run("corpus", "-i", bad.toString(), "--out", dir.resolve("p").toString())).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString().startsWith("taskspace: error: " + bad + ":2: not valid JSON");
        assertThat(Files.exists(dir.resolve("p/corpus.jsonl"))).as("nothing written").isFalse();
    }

    @Test
    void verboseAddsTheStackTrace() throws IOException {
        Path bad = dir.resolve("bad.jsonl");
        Files.writeString(bad, "not json\n");
        assertThat(run("corpus", "-i", bad.toString(), "--verbose")).isEqualTo(1);
        assertThat(err).contains("taskspace: error: ").contains("\tat dev.taskspace.");
    }

    @Test
    void conflictingOrInvalidSampleOptionsAreClearErrors() throws IOException {
        String input = labelledJsonl().toString();
        assertThat(run("corpus", "-i", input, "--per-label", "2", "--limit", "5")).isEqualTo(1);
        assertThat(err).isEqualTo("taskspace: error: give either --per-label or --limit, not both" + System.lineSeparator());
        assertThat(run("corpus", "-i", input, "--per-label", "many")).isEqualTo(1);
        assertThat(err).contains("--per-label must be a positive number or 'all'");
        assertThat(run("corpus", "-i", input, "--min-chars", "50", "--max-chars", "10")).isEqualTo(1);
        assertThat(err).contains("must not be below the minimum");
        assertThat(run("corpus", "-i", input, "--categories", "purple")).isEqualTo(1);
        assertThat(err).contains("no documents with label \"purple\"").contains("blue, green, red");
    }

    @Test
    void unknownNewsgroupsCategoriesAreNamed() {
        assertThat(run("corpus", "--categories", "sci.medd", "--offline")).isEqualTo(1);
        assertThat(err).startsWith("taskspace: error: unknown 20 Newsgroups category \"sci.medd\"").contains("sci.med,");
    }

    @Test
    void perLabelNeedsLabels() throws IOException {
        Path p = dir.resolve("plain.jsonl");
        Files.writeString(p, "{\"text\": \"a\"}\n{\"text\": \"b\"}\n");
        assertThat(run("corpus", "-i", p.toString(), "--per-label", "1")).isEqualTo(1);
        assertThat(err).contains("this corpus has none: use --limit N");
        assertThat(run("corpus", "-i", p.toString(), "--limit", "1", "--out", dir.resolve("q").toString(), "-q")).isZero();
        assertThat(CorpusArtefact.read(new ProjectDir(dir.resolve("q"))).documents()).extracting(Document::label).containsOnlyNulls();
    }

    @Test
    void everythingDroppedIsAnErrorThatSaysWhy() throws IOException {
        Path p = dir.resolve("tiny.jsonl");
        Files.writeString(p, "{\"text\": \"ab\"}\n{\"text\": \"\"}\n");
        assertThat(run("corpus", "-i", p.toString(), "--min-chars", "10")).isEqualTo(1);
        assertThat(err).contains("no documents left").contains("1 shorter than 10 characters").contains("1 empty text");
    }
}
