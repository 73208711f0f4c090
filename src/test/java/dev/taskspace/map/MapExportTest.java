package dev.taskspace.map;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.web.TestMaps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class MapExportTest {
    static final MapData MAP = TestMaps.small(true);

    static List<String> ids(int[] rows) {
        return Arrays.stream(rows).mapToObj(i -> MAP.ids().get(i)).toList();
    }

    @Test
    void theQueryMatchesWordsInTheWholeTextNotOnlyThePreview() {
        assertThat(MAP.previews().get(MAP.ids().indexOf("space-03"))).doesNotContainIgnoringCase(TestMaps.LATE_WORD);
        assertThat(ids(MapExport.select(MAP, new MapExport.Filter(Set.of(), Set.of(), "ZANZIBAR  orbit", Set.of()))))
                .containsExactly("space-03");
        assertThat(ids(MapExport.select(MAP, new MapExport.Filter(Set.of(), Set.of(), "zanzibar nothing-like-this", Set.of())))).isEmpty();
        // ids are searched too
        assertThat(ids(MapExport.select(MAP, new MapExport.Filter(Set.of(), Set.of(), "ball-0", Set.of())))).hasSize(9);
    }

    @Test
    void categoriesFilterLikeThePageAndUnlabelledDocumentsStay() {
        int[] rows = MapExport.select(MAP, MapExport.Filter.fromLink("http://x/#task=topic&only=sci.med&doc=space-01&view=1,2,3"));
        assertThat(ids(rows)).hasSize(10).contains("med-01", "misc-01").noneMatch(id -> id.startsWith("space"));
        rows = MapExport.select(MAP, MapExport.Filter.fromLink("#hide=sci.med&hide=talk.politics.guns&q=the"));
        assertThat(ids(rows)).isNotEmpty().allMatch(id -> id.startsWith("space") || id.startsWith("ball") || id.startsWith("misc"));
        rows = MapExport.select(MAP, new MapExport.Filter(Set.of(), Set.of(), null, Set.of("ball-01", "med-02", "nope")));
        assertThat(ids(rows)).containsExactly("med-02", "ball-01");
    }

    @Test
    void jsonLinesCarryIdLabelMetaWholeTextAndEveryTasksCoordinates() throws IOException {
        int s = MAP.ids().indexOf("space-09");
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        MapExport.writeJsonLines(MAP, new int[] {s, MAP.ids().indexOf("misc-01")}, out);
        List<String> lines = out.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(lines).hasSize(2);
        JsonNode row = new ObjectMapper().readTree(lines.get(0));
        assertThat(row.path("text").asText()).isEqualTo(MAP.texts().get(s)).contains(TestMaps.LATE_SCRIPT);
        assertThat(row.path("label").asText()).isEqualTo("sci.space");
        assertThat(row.path("meta").path("year").asInt()).isEqualTo((Integer) MAP.meta().get(s).get("year"));
        assertThat(row.path("coords").path("sentiment").get(0).floatValue()).isEqualTo(MAP.tasks().get(2).coords()[s][0]);
        JsonNode unlabelled = new ObjectMapper().readTree(lines.get(1));
        assertThat(unlabelled.path("label").isNull()).isTrue();
        assertThat(unlabelled.path("meta").size()).isZero();
    }

    @Test
    void csvQuotesWhatNeedsItAndDefusesFormulas() throws IOException {
        assertThat(MapExport.cell("plain")).isEqualTo("plain");
        assertThat(MapExport.cell("a, \"b\"\nc")).isEqualTo("\"a, \"\"b\"\"\nc\"");
        assertThat(MapExport.cell("=HYPERLINK(\"http://x\")")).isEqualTo("\"'=HYPERLINK(\"\"http://x\"\")\"");
        assertThat(MapExport.cell("-1+2")).isEqualTo("'-1+2");
        StringWriter w = new StringWriter();
        MapExport.writeCsv(MAP, new int[] {MAP.ids().indexOf("med-02")}, w);
        String csv = w.toString();
        assertThat(csv).startsWith("id,label,text,meta,default.x,default.y,topic.x,topic.y,sentiment.x,sentiment.y,toxicity.x,toxicity.y\r\n");
        assertThat(csv).contains("\"" + MAP.texts().get(MAP.ids().indexOf("med-02")).replace("\"", "\"\"") + "\"");
    }
}
