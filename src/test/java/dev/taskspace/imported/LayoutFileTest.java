package dev.taskspace.imported;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading 2-D layouts made elsewhere; malformed, truncated and hostile files refused in one line. */
class LayoutFileTest {
    @TempDir
    Path tmp;

    private static final String ROW = "{\"text\": \"%s\", \"category\": \"%s\", \"default_x\": %s, \"default_y\": 2.5, \"sentiment_x\": -1, \"sentiment_y\": 0.25}";

    private Path file(String name, String content) throws IOException {
        Path p = tmp.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    private static String rows(int n) {
        StringBuilder b = new StringBuilder("[\n");
        for (int i = 0; i < n; i++) b.append(i > 0 ? ",\n" : "").append(String.format(ROW, "text " + i, i % 2 == 0 ? "a" : "b", i));
        return b.append("\n]").toString();
    }

    private ImportedMaps read(Path p) {
        return LayoutFile.read(p, LayoutFile.Fields.DEFAULT, Map.of("model", Map.of("id", "m")));
    }

    @Test
    void aJsonArrayLikeTheOriginalDemosGivesTextsLabelsAndOneLayoutPerTask() throws IOException {
        ImportedMaps m = read(file("data.json", rows(4)));
        assertThat(m.tasks()).containsExactly("default", "sentiment");
        assertThat(m.size()).isEqualTo(4);
        assertThat(m.documents().get(1).text()).isEqualTo("text 1");
        assertThat(m.documents().get(1).label()).isEqualTo("b");
        assertThat(m.documents().get(3).id()).isEqualTo("row-4");
        assertThat(m.coords()[0][3]).containsExactly(3f, 2.5f);
        assertThat(m.coords()[1][0]).containsExactly(-1f, 0.25f);
        assertThat(m.model()).isEqualTo("m");
    }

    @Test
    void jsonLinesAndCsvReadTheSame() throws IOException {
        String jsonl = rows(3).replace("[\n", "").replace("\n]", "").replace(",\n", "\n");
        ImportedMaps a = read(file("data.jsonl", jsonl));
        ImportedMaps b = read(file("data.csv", "text,label,default_x,default_y,sentiment_x,sentiment_y\n"
                + "text 0,a,0,2.5,-1,0.25\n\"text 1\",b,1,2.5,-1,0.25\ntext 2,a,2,2.5,-1,0.25\n"));
        assertThat(a.tasks()).isEqualTo(b.tasks());
        for (int t = 0; t < 2; t++) assertThat(a.coords()[t]).isDeepEqualTo(b.coords()[t]);
        assertThat(a.documents().stream().map(d -> d.text() + d.label()).toList())
                .isEqualTo(b.documents().stream().map(d -> d.text() + d.label()).toList());
    }

    @Test
    void markupInTextsIsKeptAsDataNotRefused() throws IOException {
        String hostile = "<script>alert(1)</script><img src=x onerror=alert(2)>";
        ImportedMaps m = read(file("data.json", rows(3).replace("text 1", hostile.replace("\"", "\\\""))));
        assertThat(m.documents().get(1).text()).isEqualTo(hostile);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "truncated array      | [{\"text\": \"a\", \"default_x\": 1, \"default_y\": 2}, {\"text\": \"b\", \"default_x\"  | truncated",
        "unclosed array       | [{\"text\": \"a\", \"default_x\": 1, \"default_y\": 2}                                     | truncated",
        "not JSON             | <html>404 Not Found</html>                                                                | not valid JSON at line 1",
        "bad JSON             | [{\"text\": \"a\" \"default_x\": 1}]                                                      | not valid JSON",
        "record not an object | [[1, 2]]                                                                                   | record 1 is not a JSON object",
        "empty                | ' '                                                                                        | the file is empty",
        "no coordinates       | [{\"text\": \"a\", \"x\": 1}]                                                              | no TASK_x/TASK_y pair",
        "too few records      | [{\"text\": \"a\", \"t_x\": 1, \"t_y\": 2}]                                                | at least 3",
        "hostile task name    | [{\"text\": \"a\", \"<img src=x>_x\": 1, \"<img src=x>_y\": 2}]                            | is not 1-40 letters",
        "coordinate missing   | [{\"text\": \"a\", \"t_x\": 1, \"t_y\": 2}, {\"text\": \"b\", \"t_x\": 1}]                 | has no \"t_y\"",
        "coordinate a word    | [{\"text\": \"a\", \"t_x\": \"left\", \"t_y\": 2}]                                          | is not a number",
        "coordinate NaN       | [{\"text\": \"a\", \"t_x\": \"NaN\", \"t_y\": 2}]                                           | not a finite number",
        "coordinate too large | [{\"text\": \"a\", \"t_x\": 1e300, \"t_y\": 2}]                                             | not a finite number",
        "coordinate an object | [{\"text\": \"a\", \"t_x\": {\"v\": 1}, \"t_y\": 2}]                                         | is not a number",
        "text missing         | [{\"body\": \"a\", \"t_x\": 1, \"t_y\": 2}]                                                | has no \"text\" field",
        "text not a string    | [{\"text\": [\"a\"], \"t_x\": 1, \"t_y\": 2}]                                               | is not a non-empty string",
        "text blank           | [{\"text\": \"  \", \"t_x\": 1, \"t_y\": 2}]                                                | is not a non-empty string",
        "label an object      | [{\"text\": \"a\", \"label\": {\"x\": 1}, \"t_x\": 1, \"t_y\": 2}]                          | is not a string or number",
        "duplicate ids        | [{\"id\": 1, \"text\": \"a\", \"t_x\": 1, \"t_y\": 2}, {\"id\": 1, \"text\": \"b\", \"t_x\": 1, \"t_y\": 2}] | occurs twice",
        "content after array  | [{\"text\": \"a\", \"t_x\": 1, \"t_y\": 2}] {}                                              | unexpected content",
    })
    void badJsonIsRefusedInOneLineSayingWhere(String what, String content, String expected) throws IOException {
        Path p = file("bad.json", content.strip());
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> read(p));
        assertThat(e).as(what).isNotNull();
        assertThat(e.getMessage()).as(what).contains(p.toString()).contains(expected.strip()).doesNotContain("\n");
    }

    @Test
    void deeplyNestedJsonIsRefusedNotOverflowingTheStack() throws IOException {
        Path p = file("deep.json", "[" + "[".repeat(100_000));
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> read(p));
        assertThat(e.getMessage()).contains(p.toString()).doesNotContain("\n");
    }

    @Test
    void aHugeNumberOfTaskColumnsIsRefused() throws IOException {
        StringBuilder b = new StringBuilder("[{\"text\": \"a\"");
        for (int i = 0; i < 40; i++) b.append(", \"t").append(i).append("_x\": 1, \"t").append(i).append("_y\": 2");
        Path p = file("wide.json", b.append("}]").toString());
        assertThat(catchThrowableOfType(TaskspaceException.class, () -> read(p)).getMessage()).contains("at most 32 tasks");
    }

    @Test
    void invalidUtf8IsRefused() throws IOException {
        Path p = tmp.resolve("latin1.json");
        Files.write(p, "[{\"text\": \"caf\u00e9\", \"t_x\": 1, \"t_y\": 2}]".getBytes(StandardCharsets.ISO_8859_1));
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> read(p));
        assertThat(e.getMessage()).contains("not UTF-8").doesNotContain("\n");
    }

    @Test
    void aRaggedCsvRowIsRefusedWithItsRecord() throws IOException {
        Path p = file("bad.csv", "text,t_x,t_y\na,1,2\nb,1\nc,1,2\n");
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class, () -> read(p));
        assertThat(e.getMessage()).contains("record 2").contains("2 fields").doesNotContain("\n");
    }

    @Test
    void anUnknownExtensionOrAMissingFileIsRefused() throws IOException {
        Path p = file("data.xml", "<a/>");
        assertThat(catchThrowableOfType(TaskspaceException.class, () -> read(p)).getMessage()).contains("cannot tell the format");
        assertThat(catchThrowableOfType(TaskspaceException.class, () -> read(tmp.resolve("none.json"))).getMessage())
                .contains("no such file");
    }
}
