package dev.taskspace.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.TaskspaceException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The map's whole texts and metadata, which the page loads only when asked (a search, a
 * document's full text, an export), never with the first frame.
 *
 * <pre>
 * texts-0.txt, texts-1.txt, …  UTF-8, the texts one after another, whole documents, about 1 MiB a file
 *                              (a longer text gets a file of its own), so any static host serves them
 * texts.i32                    int32 [n][3]: each text's file number, first byte, end byte (exclusive)
 * meta.json                    {"fields": {"NAME": [value or null per document], …}} in first-seen order
 * </pre>
 *
 * Files rather than HTTP ranges: a plain static server (python3 -m http.server) ignores Range.
 */
final class MapTexts {
    /** A file is closed once it holds this many bytes. */
    static final int CHUNK_BYTES = 1 << 20;
    static final String INDEX = "texts.i32";
    static final String META = "meta.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MapTexts() {}

    static String chunkName(int c) {
        return "texts-" + c + ".txt";
    }

    /** Text and metadata files that a previous map left and this one does not list (deleted with the commit). */
    static List<String> unlisted(java.nio.file.Path dir, JsonNode files) throws java.io.IOException {
        List<String> stale = new ArrayList<>();
        try (var entries = java.nio.file.Files.list(dir)) {
            for (java.nio.file.Path p : entries.toList()) {
                String name = p.getFileName().toString();
                boolean ours = name.matches("texts-[0-9]+\\.txt") || name.equals(INDEX) || name.equals(META);
                if (ours && !files.has(name)) stale.add(name);
            }
        }
        return stale;
    }

    /** The texts cut into files, and the index. */
    record Chunked(List<byte[]> chunks, byte[] index) {}

    static Chunked chunk(List<String> texts) {
        int n = texts.size();
        ByteBuffer index = ByteBuffer.allocate(12 * n).order(ByteOrder.LITTLE_ENDIAN);
        List<byte[]> chunks = new ArrayList<>();
        java.io.ByteArrayOutputStream current = new java.io.ByteArrayOutputStream();
        for (String text : texts) {
            byte[] b = text.getBytes(StandardCharsets.UTF_8);
            if (current.size() > 0 && current.size() + b.length > CHUNK_BYTES) {
                chunks.add(current.toByteArray());
                current.reset();
            }
            index.putInt(chunks.size()).putInt(current.size()).putInt(current.size() + b.length);
            current.writeBytes(b);
        }
        if (current.size() > 0 || chunks.isEmpty()) chunks.add(current.toByteArray());
        return new Chunked(chunks, index.array());
    }

    /** The texts back from their files and index (already checked against the manifest). */
    static List<String> unchunk(List<byte[]> chunks, byte[] indexBytes, int n) {
        if (indexBytes.length != 12L * n) throw new TaskspaceException(INDEX + " has " + indexBytes.length + " bytes where " + n + " texts need " + 12L * n);
        ByteBuffer index = ByteBuffer.wrap(indexBytes).order(ByteOrder.LITTLE_ENDIAN);
        List<String> texts = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int c = index.getInt(), start = index.getInt(), end = index.getInt();
            if (c < 0 || c >= chunks.size() || start < 0 || end < start || end > chunks.get(c).length) {
                throw new TaskspaceException(INDEX + " points text " + i + " outside its file (damaged map): run 'taskspace project' again");
            }
            texts.add(new String(chunks.get(c), start, end - start, StandardCharsets.UTF_8));
        }
        return texts;
    }

    /** meta.json's bytes: one column per field, null where a document lacks it. */
    static byte[] metaColumns(List<Map<String, Object>> meta) throws com.fasterxml.jackson.core.JsonProcessingException {
        Set<String> fields = new LinkedHashSet<>();
        for (Map<String, Object> m : meta) fields.addAll(m.keySet());
        ObjectNode root = JSON.createObjectNode();
        ObjectNode columns = root.putObject("fields");
        for (String f : fields) {
            ArrayNode column = columns.putArray(f);
            for (Map<String, Object> m : meta) column.add(JSON.valueToTree(m.get(f)));
        }
        return JSON.writeValueAsBytes(root);
    }

    /** The rows back from meta.json's columns (a null value reads as absent). */
    static List<Map<String, Object>> metaRows(byte[] bytes, int n) throws java.io.IOException {
        JsonNode fields = JSON.readTree(bytes).path("fields");
        List<Map<String, Object>> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) rows.add(new LinkedHashMap<>());
        for (var it = fields.fields(); it.hasNext(); ) {
            var e = it.next();
            if (e.getValue().size() != n) throw new TaskspaceException(META + " field " + e.getKey() + " has " + e.getValue().size() + " values for " + n + " documents");
            for (int i = 0; i < n; i++) {
                JsonNode v = e.getValue().get(i);
                if (!v.isNull()) rows.get(i).put(e.getKey(), JSON.treeToValue(v, Object.class));
            }
        }
        return rows;
    }
}
