package dev.taskspace.map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MapArtefactTest {
    @TempDir
    Path dir;

    private static MapData sample() {
        int n = 3;
        MapData.TaskLayer a = new MapData.TaskLayer("default", null, "similarity",
                new float[][] {{0, 1}, {2, 3}, {4.5f, -5}}, new float[] {0, 0, 0}, new int[][] {{1, 2}, {0, 2}, {1, 0}},
                Map.of("trustworthiness", 0.9, "knnAccuracy", Double.NaN));
        MapData.TaskLayer b = new MapData.TaskLayer("sentiment", "Classify the sentiment", "a gradient",
                new float[][] {{1, 1}, {-2, 3}, {0, 0}}, new float[] {0.5f, 0, 1}, new int[][] {{2, 1}, {2, 0}, {0, 1}},
                Map.of("trustworthiness", 0.8, "meanDrift", 0.5));
        MapData.Axis axis = new MapData.Axis("sentiment", "sentiment", "negative", "positive", new float[] {-0.1f, 0.2f, 0f});
        return new MapData(List.of("d1", "d2", "d3"), Arrays.asList("x", null, "y"), List.of("<b>one</b>", "two", "three"),
                List.of(a, b), List.of(axis), new double[][] {{1, 0.4}, {0.4, 1}}, Map.of("model", Map.of("id", "m")));
    }

    @Test
    void whatIsWrittenReadsBackTheSame() {
        MapArtefact.write(dir, sample());
        MapData back = MapArtefact.read(dir);
        MapData want = sample();
        assertThat(back.ids()).isEqualTo(want.ids());
        assertThat(back.labels()).containsExactly("x", null, "y");
        assertThat(back.previews()).isEqualTo(want.previews());
        for (int t = 0; t < 2; t++) {
            assertThat(back.tasks().get(t).coords()).isDeepEqualTo(want.tasks().get(t).coords());
            assertThat(back.tasks().get(t).drift()).isEqualTo(want.tasks().get(t).drift());
            assertThat(back.tasks().get(t).neighbours()).isDeepEqualTo(want.tasks().get(t).neighbours());
            assertThat(back.tasks().get(t).instruction()).isEqualTo(want.tasks().get(t).instruction());
        }
        assertThat(back.tasks().get(0).figures().get("knnAccuracy")).isNaN();
        assertThat(back.tasks().get(0).figures()).containsEntry("trustworthiness", 0.9);
        assertThat(back.axes().get(0).scores()).isEqualTo(want.axes().get(0).scores());
        assertThat(back.taskJaccard()).isDeepEqualTo(want.taskJaccard());
        assertThat(back.provenance()).containsKey("model");
    }

    @Test
    void wholeTextsAndMetadataReadBackAndAreCutIntoFilesOfAboutOneMebibyte() throws IOException {
        MapData base = sample();
        String big = "é".repeat(MapTexts.CHUNK_BYTES / 2 + 10); // more bytes than a file holds, in two-byte characters
        List<String> texts = List.of("<b>one</b> and more", big, "three\nlines\n");
        List<Map<String, Object>> meta = List.of(Map.of("year", 1993, "who", "<i>x</i>"), Map.of(), Map.of("year", 1992, "tags", List.of("a", "b")));
        MapArtefact.write(dir, base.withTexts(texts, meta));
        MapData back = MapArtefact.read(dir);
        assertThat(back.texts()).isEqualTo(texts);
        assertThat(back.meta()).isEqualTo(meta);
        assertThat(dir.resolve("texts-0.txt")).exists();
        assertThat(dir.resolve("texts-1.txt")).exists(); // the big text does not share a file
        assertThat(Files.size(dir.resolve("texts-1.txt"))).isEqualTo(big.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        assertThat(Files.readString(dir.resolve("map.json"))).contains("\"textChunks\" : 3");
        // a map without them reads as before, and its previews stand in for the texts
        MapArtefact.write(dir, base);
        MapData plain = MapArtefact.read(dir);
        assertThat(plain.hasTexts()).isFalse();
        assertThat(plain.text(0)).isEqualTo("<b>one</b>");
        assertThat(dir.resolve("texts.i32")).doesNotExist();
    }

    @Test
    void aDamagedTextFileIsRefusedWithItsName() throws IOException {
        MapArtefact.write(dir, sample().withTexts(List.of("a", "b", "c"), List.of()));
        Files.writeString(dir.resolve("texts-0.txt"), "xyz");
        assertThatThrownBy(() -> MapArtefact.read(dir)).isInstanceOf(TaskspaceException.class).hasMessageContaining("texts-0.txt");
    }

    @Test
    void arraysAreLittleEndianFloat32InTaskOrder() throws IOException {
        MapArtefact.write(dir, sample());
        java.nio.ByteBuffer b = java.nio.ByteBuffer.wrap(Files.readAllBytes(dir.resolve("coords.f32"))).order(java.nio.ByteOrder.LITTLE_ENDIAN);
        assertThat(b.remaining()).isEqualTo(2 * 3 * 2 * 4);
        b.position(2 * 4 * 2);
        assertThat(b.getFloat()).isEqualTo(4.5f);
        assertThat(b.getFloat()).isEqualTo(-5f);
        assertThat(Files.readString(dir.resolve("map.json"))).contains("\"shape\" : [ 2, 3, 2 ]").contains("\"schema\" : 1");
    }

    @Test
    void aDamagedFileIsRefused() throws IOException {
        MapArtefact.write(dir, sample());
        byte[] b = Files.readAllBytes(dir.resolve("drift.f32"));
        b[3] ^= 0x40;
        Files.write(dir.resolve("drift.f32"), b);
        assertThatThrownBy(() -> MapArtefact.read(dir)).isInstanceOf(TaskspaceException.class)
                .hasMessageContaining("drift.f32 does not match its checksum");
    }

    @Test
    void aTruncatedFileIsRefused() throws IOException {
        MapArtefact.write(dir, sample());
        byte[] b = Files.readAllBytes(dir.resolve("coords.f32"));
        Files.write(dir.resolve("coords.f32"), Arrays.copyOf(b, b.length - 4));
        assertThatThrownBy(() -> MapArtefact.read(dir)).hasMessageContaining("coords.f32 does not match its checksum in map.json (truncated");
    }

    @Test
    void aNewerSchemaAsksForAnUpgrade() throws IOException {
        MapArtefact.write(dir, sample());
        Path m = dir.resolve("map.json");
        Files.writeString(m, Files.readString(m).replace("\"schema\" : 1", "\"schema\" : 2"));
        assertThatThrownBy(() -> MapArtefact.read(dir)).hasMessageContaining("schema 2").hasMessageContaining("upgrade taskspace");
    }

    @Test
    void aMissingOrBrokenManifestSaysWhatToRun() throws IOException {
        assertThatThrownBy(() -> MapArtefact.read(dir)).hasMessageContaining("run 'taskspace project' first");
        MapArtefact.write(dir, sample());
        Files.writeString(dir.resolve("map.json"), "{\"artefact\": \"taskspace.map\", \"schema\": ");
        assertThatThrownBy(() -> MapArtefact.read(dir)).hasMessageContaining("is damaged");
        Files.delete(dir.resolve("map.json"));
        MapArtefact.write(dir, sample());
        Files.delete(dir.resolve("scores.f32"));
        assertThatThrownBy(() -> MapArtefact.read(dir)).hasMessageContaining("scores.f32 is missing");
    }

    @Test
    void regionsAndCategoryCountsReadBack() {
        MapData base = sample();
        MapData.TaskLayer a = base.tasks().get(0);
        MapData.TaskLayer withRegions = new MapData.TaskLayer(a.name(), a.instruction(), a.lookFor(), a.coords(), a.drift(), a.neighbours(),
                a.figures(), null, new int[] {0, -1, 0}, List.of(new MapData.Region(List.of("baseball", "pitcher"), 2)), new int[][] {{1, 2}, {3, 4}});
        MapArtefact.write(dir, new MapData(base.ids(), base.labels(), base.previews(), List.of(withRegions, base.tasks().get(1)), base.axes(),
                base.taskJaccard(), base.provenance()));
        MapData back = MapArtefact.read(dir);
        assertThat(back.tasks().get(0).regions()).containsExactly(0, -1, 0);
        assertThat(back.tasks().get(0).regionInfo()).containsExactly(new MapData.Region(List.of("baseball", "pitcher"), 2));
        assertThat(back.tasks().get(0).categoryNeighbours()).isDeepEqualTo(new int[][] {{1, 2}, {3, 4}});
        assertThat(back.tasks().get(1).regions()).containsOnly(-1);
    }

    @Test
    void previewsHaveTheirOwnFileSoThatTheFirstFrameLoadsOnlyIdsAndLabels() throws IOException {
        MapArtefact.write(dir, sample());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.JsonNode docs = json.readTree(dir.resolve("documents.json").toFile());
        assertThat(docs.has("preview")).isFalse();
        assertThat(docs.path("label").toString()).isEqualTo("[0,-1,1]");
        assertThat(json.readTree(dir.resolve("previews.json").toFile()).path("preview").toString())
                .isEqualTo("[\"<b>one</b>\",\"two\",\"three\"]");
    }

    @Test
    void aMapWithThePreviewsInsideDocumentsJsonStillReads() throws IOException {
        // as maps were written before previews.json: documents.json {"ids", "label", "preview"}
        MapArtefact.write(dir, sample());
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode docs = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(dir.resolve("documents.json").toFile());
        docs.set("preview", json.readTree(dir.resolve("previews.json").toFile()).path("preview"));
        byte[] bytes = json.writeValueAsBytes(docs);
        Files.write(dir.resolve("documents.json"), bytes);
        Files.delete(dir.resolve("previews.json"));
        Path manifest = dir.resolve("map.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifest.toFile());
        com.fasterxml.jackson.databind.node.ObjectNode files = (com.fasterxml.jackson.databind.node.ObjectNode) m.path("files");
        files.remove("previews.json");
        ((com.fasterxml.jackson.databind.node.ObjectNode) files.path("documents.json")).put("bytes", bytes.length)
                .put("sha256", dev.taskspace.internal.Hashing.sha256(bytes));
        Files.write(manifest, json.writeValueAsBytes(m));
        assertThat(MapArtefact.read(dir).previews()).isEqualTo(sample().previews());
    }

    @Test
    void aMapFromBeforeTheDriftDefinitionGetsItsDriftRecomputedFromTheNeighbourLists() throws IOException {
        MapArtefact.write(dir, sample());
        Path manifest = dir.resolve("map.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) new com.fasterxml.jackson.databind.ObjectMapper().readTree(manifest.toFile());
        m.remove("drift");
        Files.write(manifest, new com.fasterxml.jackson.databind.ObjectMapper().writeValueAsBytes(m));
        MapData back = MapArtefact.read(dir);
        // sentiment's lists {2,1},{2,0},{0,1} against default's {1,2},{0,2},{1,0}: nothing new, though 0.5 and 1 were stored
        assertThat(back.tasks().get(1).drift()).containsExactly(0f, 0f, 0f);
        assertThat(back.tasks().get(1).figures()).containsEntry("meanDrift", 0.0);
    }

    @Test
    void aShapeThatDoesNotFitTheTasksIsRefusedWithTheFilesPath(@org.junit.jupiter.api.io.TempDir Path tmp) throws java.io.IOException {
        // issue 15 case 7: coords.f32 shape [2, n, 2] in a map of more tasks
        Path dir = tmp.resolve("map");
        MapArtefact.write(dir, dev.taskspace.web.TestMaps.small(false));
        Path manifest = dir.resolve("map.json");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(manifest.toFile());
        com.fasterxml.jackson.databind.node.ArrayNode shape = (com.fasterxml.jackson.databind.node.ArrayNode) m.path("files").path("coords.f32").path("shape");
        shape.set(0, shape.get(0).asInt() + 1);
        java.nio.file.Files.write(manifest, json.writeValueAsBytes(m));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> MapArtefact.read(dir))
                .hasMessageContaining(dir.resolve("coords.f32").toString()).hasMessageContaining("shape").hasMessageContaining("taskspace project");
    }
}
