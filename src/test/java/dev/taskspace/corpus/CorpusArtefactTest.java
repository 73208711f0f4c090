package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusArtefactTest {
    @TempDir
    Path dir;

    private Corpus corpus() {
        return new Corpus(List.of(
                new Document("a", "x", "Some text with \"quotes\" and a newline\nand unicode \u00e9\uD83D\uDE00", "src", Map.of("n", 1)),
                new Document("b", null, "no label", "src")),
                Map.of(TextRules.EMPTY, 2), Set.of("a"), Map.of("source", "test", "seed", 42));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        ProjectDir p = new ProjectDir(dir);
        CorpusArtefact.write(p, corpus());
        Corpus back = CorpusArtefact.read(p);
        assertThat(back.documents()).isEqualTo(corpus().documents());
        assertThat(back.dropped()).isEqualTo(corpus().dropped());
        assertThat(back.truncated()).containsExactly("a");
        assertThat(back.provenance()).containsEntry("source", "test").containsEntry("seed", 42);
    }

    @Test
    void theManifestRecordsSummaryAndChecksum() throws IOException {
        ProjectDir p = new ProjectDir(dir);
        CorpusArtefact.write(p, corpus());
        String manifest = Files.readString(p.corpusManifest());
        assertThat(manifest).contains("\"schema\" : 1").contains("\"documents\" : 2").contains("\"unlabelled\" : 1")
                .contains("\"sha256\" : \"" + dev.taskspace.internal.Hashing.sha256(p.corpusDocuments()) + "\"");
    }

    @Test
    void aChangedDocumentsFileIsRefused() throws IOException {
        ProjectDir p = new ProjectDir(dir);
        CorpusArtefact.write(p, corpus());
        Files.writeString(p.corpusDocuments(), "{\"id\":\"a\",\"text\":\"x\",\"source\":\"s\"}\n");
        assertThatThrownBy(() -> CorpusArtefact.read(p)).isInstanceOf(TaskspaceException.class)
                .hasMessageContaining("does not match its checksum in corpus.json");
    }

    @Test
    void aNewerSchemaIsRefusedWithAnUpgradeHint() throws IOException {
        ProjectDir p = new ProjectDir(dir);
        CorpusArtefact.write(p, corpus());
        Files.writeString(p.corpusManifest(), Files.readString(p.corpusManifest()).replace("\"schema\" : 1", "\"schema\" : 99"));
        assertThatThrownBy(() -> CorpusArtefact.read(p)).hasMessageContaining("schema 99").hasMessageContaining("upgrade");
    }

    @Test
    void aMissingCorpusSaysWhichCommandMakesIt() {
        assertThatThrownBy(() -> CorpusArtefact.read(new ProjectDir(dir.resolve("none"))))
                .hasMessageContaining("no corpus in").hasMessageContaining("taskspace corpus");
    }

    @Test
    void idsAreReadFromACorpusFileOrPlainLines() throws IOException {
        ProjectDir p = new ProjectDir(dir);
        CorpusArtefact.write(p, corpus());
        assertThat(CorpusArtefact.readIds(p.corpusDocuments())).containsExactly("a", "b");
        Path plain = dir.resolve("ids.txt");
        Files.writeString(plain, "# my sample\ntrain/sci.med/1\n\n test/sci.med/2 \n");
        assertThat(CorpusArtefact.readIds(plain)).containsExactly("train/sci.med/1", "test/sci.med/2");
    }

    @Test
    void writingReplacesAtomicallyAndLeavesNoTemporaryFiles() throws IOException {
        ProjectDir p = new ProjectDir(dir);
        CorpusArtefact.write(p, corpus());
        CorpusArtefact.write(p, corpus());
        try (var files = Files.list(dir)) {
            assertThat(files.map(f -> f.getFileName().toString())).containsExactlyInAnyOrder("corpus.jsonl", "corpus.json");
        }
    }
}
