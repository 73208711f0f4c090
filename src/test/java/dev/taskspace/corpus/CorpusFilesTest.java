package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusFilesTest {
    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        return write(name, content.getBytes(StandardCharsets.UTF_8));
    }

    private Path write(String name, byte[] content) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        return p;
    }

    private static Corpus read(Path p) {
        return CorpusFiles.read(p, null, CorpusFiles.Fields.DEFAULT, TextRules.OWN);
    }

    @Nested
    class JsonLines {
        @Test
        void readsTextLabelIdAndKeepsOtherFieldsAsMeta() throws IOException {
            Path p = write("docs.jsonl", """
                    {"id": "a1", "text": "First  text\\nhere", "label": "pos", "stars": 5, "tags": ["x"]}

                    {"text": "Second", "label": 3}
                    """);
            Corpus c = read(p);
            assertThat(c.documents()).hasSize(2);
            Document a = c.documents().get(0);
            assertThat(a.id()).isEqualTo("a1");
            assertThat(a.text()).isEqualTo("First text here");
            assertThat(a.label()).isEqualTo("pos");
            assertThat(a.meta()).containsEntry("stars", 5).containsKey("tags");
            Document b = c.documents().get(1);
            assertThat(b.id()).as("line number when there is no id").isEqualTo("3");
            assertThat(b.label()).isEqualTo("3");
            assertThat(b.source()).isEqualTo("docs.jsonl");
        }

        @Test
        void emptyTextsAreDroppedAndCounted() throws IOException {
            Path p = write("d.jsonl", "{\"text\": \"kept\"}\n{\"text\": \"   \"}\n{\"text\": null}\n{\"text\": \"\"}\n");
            Corpus c = read(p);
            assertThat(c.documents()).extracting(Document::text).containsExactly("kept");
            assertThat(c.dropped()).containsExactly(Map.entry(TextRules.EMPTY, 3));
        }

        @Test
        void configurableFieldNames() throws IOException {
            Path p = write("d.jsonl", "{\"body\": \"hello\", \"cat\": \"greeting\", \"key\": \"k1\"}\n");
            Corpus c = CorpusFiles.read(p, null, new CorpusFiles.Fields("body", "cat", "key"), TextRules.OWN);
            assertThat(c.documents()).singleElement().isEqualTo(new Document("k1", "greeting", "hello", "d.jsonl"));
        }

        @Test
        void invalidJsonNamesFileAndLine() throws IOException {
            Path p = write("bad.jsonl", "{\"text\": \"ok\"}\n{\"text\": \"broken\n");
            assertThatThrownBy(() -> read(p)).isInstanceOf(TaskspaceException.class)
                    .hasMessageStartingWith(p + ":2: not valid JSON");
        }

        @Test
        void aMissingTextFieldListsTheFieldsThatExist() throws IOException {
            Path p = write("bad.jsonl", "{\"body\": \"x\", \"title\": \"y\"}\n");
            assertThatThrownBy(() -> read(p)).hasMessage(
                    p + ":1: no field \"text\" (fields: body, title); name the text field with --text-field");
        }

        @Test
        void nonObjectsAndNonStringTextsAreErrors() throws IOException {
            Path arr = write("arr.jsonl", "[1, 2]\n");
            assertThatThrownBy(() -> read(arr)).hasMessageStartingWith(arr + ":1: expected a JSON object");
            Path num = write("num.jsonl", "{\"text\": \"a\"}\n{\"text\": 12}\n");
            assertThatThrownBy(() -> read(num)).hasMessageStartingWith(num + ":2: field \"text\" must be a string");
        }

        @Test
        void invalidUtf8NamesLineAndColumn() throws IOException {
            byte[] latin1 = "{\"text\": \"ok\"}\n{\"text\": \"caf\u00e9\"}\n".getBytes(StandardCharsets.ISO_8859_1);
            Path p = write("latin1.jsonl", latin1);
            assertThatThrownBy(() -> read(p)).hasMessageStartingWith(p + ":2: not valid UTF-8 (byte 0xE9 at column 14)")
                    .hasMessageContaining("iconv");
        }

        @Test
        void byteOrderMarkAndCrlfAreAccepted() throws IOException {
            Path p = write("bom.jsonl", "\uFEFF{\"text\": \"one\"}\r\n{\"text\": \"two\"}\r\n");
            assertThat(read(p).documents()).extracting(Document::text).containsExactly("one", "two");
        }

        @Test
        void duplicateIdsNameBothLines() throws IOException {
            Path p = write("dup.jsonl", "{\"id\": \"x\", \"text\": \"a\"}\n{\"id\": \"y\", \"text\": \"b\"}\n{\"id\": \"x\", \"text\": \"c\"}\n");
            assertThatThrownBy(() -> read(p)).hasMessage(p + ":3: id \"x\" was already used on line 1");
        }
    }

    @Nested
    class Csv {
        @Test
        void readsQuotedMultilineFieldsAndExtraColumns() throws IOException {
            Path p = write("d.csv", "id,text,label,score\n1,\"Hello, world\",greet,0.5\n2,\"two\nlines \"\"quoted\"\"\",,1\n");
            Corpus c = read(p);
            assertThat(c.documents()).hasSize(2);
            assertThat(c.documents().get(0)).isEqualTo(new Document("1", "greet", "Hello, world", "d.csv", Map.of("score", "0.5")));
            assertThat(c.documents().get(1).text()).isEqualTo("two lines \"quoted\"");
            assertThat(c.documents().get(1).label()).isNull();
        }

        @Test
        void recordNumbersAreIdsWhenThereIsNoIdColumn() throws IOException {
            Path p = write("d.csv", "text\nalpha\nbeta\n");
            assertThat(read(p).documents()).extracting(Document::id).containsExactly("1", "2");
        }

        @Test
        void tabSeparatedFilesByExtension() throws IOException {
            Path p = write("d.tsv", "text\tlabel\nhello, there\tgreet\n");
            assertThat(read(p).documents()).singleElement().isEqualTo(new Document("1", "greet", "hello, there", "d.tsv"));
        }

        @Test
        void aMissingTextColumnListsTheColumns() throws IOException {
            Path p = write("d.csv", "body,label\nx,y\n");
            assertThatThrownBy(() -> read(p)).hasMessage(
                    p + ":1: no column \"text\" (columns: body, label); name the text column with --text-field");
        }

        @Test
        void aRowWithTheWrongNumberOfFieldsNamesItsLine() throws IOException {
            Path p = write("d.csv", "text,label\n\"multi\nline\",a\nonly-one-field\n");
            assertThatThrownBy(() -> read(p)).hasMessage(p + ":4: 1 fields, but the header has 2");
        }

        @Test
        void anUnterminatedQuoteIsMalformed() throws IOException {
            Path p = write("d.csv", "text,label\nok,a\n\"never closed,b\n");
            assertThatThrownBy(() -> read(p)).hasMessageStartingWith(p + ":3: malformed CSV");
        }

        @Test
        void emptyTextsAreDroppedAndCounted() throws IOException {
            Path p = write("d.csv", "text,label\n,a\n  ,b\nreal,c\n");
            Corpus c = read(p);
            assertThat(c.documents()).extracting(Document::text).containsExactly("real");
            assertThat(c.dropped()).containsEntry(TextRules.EMPTY, 2);
        }

        @Test
        void invalidUtf8NamesTheLine() throws IOException {
            byte[] bytes = "text\nfine\nna\u00efve\n".getBytes(StandardCharsets.ISO_8859_1);
            Path p = write("d.csv", bytes);
            assertThatThrownBy(() -> read(p)).hasMessageStartingWith(p + ":3: not valid UTF-8");
        }
    }

    @Nested
    class TextFolder {
        @Test
        void subFoldersAreLabelsAndPathsAreIds() throws IOException {
            write("notes/sport/a.txt", "Goal!\n");
            write("notes/sport/b.TXT", "Match report");
            write("notes/music/c.txt", "Chords");
            write("notes/top.txt", "No label here");
            write("notes/sport/ignored.md", "not a txt");
            Corpus c = read(dir.resolve("notes"));
            assertThat(c.documents()).extracting(Document::id)
                    .containsExactly("music/c", "sport/a", "sport/b", "top");
            assertThat(c.documents()).extracting(Document::label).containsExactly("music", "sport", "sport", null);
            assertThat(c.documents().get(1).text()).isEqualTo("Goal!");
        }

        @Test
        void emptyFilesAreDroppedAndCounted() throws IOException {
            write("n/a/x.txt", "");
            write("n/a/y.txt", "text");
            Corpus c = read(dir.resolve("n"));
            assertThat(c.size()).isEqualTo(1);
            assertThat(c.dropped()).containsEntry(TextRules.EMPTY, 1);
        }

        @Test
        void invalidUtf8NamesFileAndLine() throws IOException {
            Path f = write("n/a/bad.txt", "line one\nline two \u00ff\n".getBytes(StandardCharsets.ISO_8859_1));
            assertThatThrownBy(() -> read(dir.resolve("n"))).hasMessageStartingWith(f + ":2: not valid UTF-8 (byte 0xFF at column 10)");
        }

        @Test
        void aFolderWithoutTextFilesIsAnError() throws IOException {
            write("empty/readme.md", "x");
            assertThatThrownBy(() -> read(dir.resolve("empty"))).hasMessageContaining("no .txt files");
        }
    }

    @Test
    void unknownExtensionsAskForAFormat() throws IOException {
        Path p = write("data.xml", "<x/>");
        assertThatThrownBy(() -> read(p)).hasMessageContaining("--format");
    }

    @Test
    void aMissingInputIsAnError() {
        assertThatThrownBy(() -> read(dir.resolve("nope.jsonl"))).hasMessageContaining("no such file");
    }
}
