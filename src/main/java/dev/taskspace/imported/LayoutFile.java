package dev.taskspace.imported;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Document;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads 2-D layouts made elsewhere: a JSON array of objects (the original demo's
 * {@code data.json}), JSON Lines, or CSV/TSV with a header. Each record holds a text, an
 * optional label and one {@code TASK_x}/{@code TASK_y} pair per task — what a notebook with
 * umap-learn writes. Other fields (e.g. {@code text_preview}) are ignored.
 *
 * <p>Everything in the file is untrusted: a malformed, truncated or hostile file is refused with
 * one line saying where and what, and nothing is written.
 */
public final class LayoutFile {
    /** More tasks than this is not a demo file. */
    static final int MAX_TASKS = 32;
    /** A text longer than this is not a post (the original cuts at 5,000). */
    static final int MAX_TEXT = 1_000_000;

    private static final ObjectMapper JSON = new ObjectMapper();

    private LayoutFile() {}

    /**
     * Which fields hold what.
     *
     * @param text  the text field (default {@code text})
     * @param label the label field; null: {@code label}, else {@code category}, when present
     * @param id    the id field; absent: documents are numbered {@code row-1}, {@code row-2}, …
     */
    public record Fields(String text, String label, String id) {
        public static final Fields DEFAULT = new Fields("text", null, "id");

        public Fields {
            if (text == null || text.isBlank()) throw new IllegalArgumentException("the text field name must not be blank");
        }
    }

    /** Reads {@code path}; {@code provenance} describes what made the layouts (model, prompt, projection). */
    public static ImportedMaps read(Path path, Fields fields, Map<String, Object> provenance) {
        if (!Files.isRegularFile(path)) throw new TaskspaceException(path + ": no such file");
        String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
        Records records = new Records(path.toString(), fields);
        try {
            if (name.endsWith(".csv")) readCsv(path, ',', records);
            else if (name.endsWith(".tsv") || name.endsWith(".tab")) readCsv(path, '\t', records);
            else if (name.endsWith(".json") || name.endsWith(".jsonl") || name.endsWith(".ndjson")) readJson(path, records);
            else throw new TaskspaceException(path + ": cannot tell the format from the name: use .json, .jsonl, .csv or .tsv");
        } catch (CharacterCodingException e) {
            throw new TaskspaceException(path + ": not UTF-8 text: save it as UTF-8 and import it again");
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Map<String, Object> p = new LinkedHashMap<>(provenance);
        p.put("file", path.getFileName().toString());
        return records.finish(p);
    }

    // ---- JSON: an array of objects, or one object per line ----------------------------------

    private static void readJson(Path path, Records records) throws IOException {
        try (Reader reader = utf8(path); JsonParser p = JSON.createParser(reader)) {
            JsonToken first = p.nextToken();
            if (first == null) throw records.error("the file is empty");
            boolean array = first == JsonToken.START_ARRAY;
            if (!array && first != JsonToken.START_OBJECT) {
                throw records.error("expected a JSON array of objects or one object per line, found " + p.getText());
            }
            JsonToken t = array ? p.nextToken() : first;
            while (t != null && t != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) throw records.error("record " + (records.count() + 1) + " is not a JSON object");
                JsonNode node = p.readValueAsTree();
                records.add((ObjectNode) node, "record " + (records.count() + 1) + " (line " + p.currentLocation().getLineNr() + ")");
                t = p.nextToken();
            }
            if (array && t == null) throw records.error("truncated: the JSON array is not closed");
            if (array && p.nextToken() != null) throw records.error("unexpected content after the JSON array");
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr();
            String what = e instanceof com.fasterxml.jackson.core.io.JsonEOFException ? "truncated" : "not valid JSON";
            throw records.error(what + where + " (" + firstLine(e.getOriginalMessage()) + ")");
        }
    }

    // ---- CSV / TSV with a header ------------------------------------------------------------

    private static void readCsv(Path path, char delimiter, Records records) throws IOException {
        CSVFormat format = CSVFormat.DEFAULT.builder().setDelimiter(delimiter).setHeader().setSkipHeaderRecord(true).get();
        try (Reader reader = utf8(path); CSVParser parser = CSVParser.parse(reader, format)) {
            List<String> header = parser.getHeaderNames();
            for (CSVRecord r : parser) {
                String where = "record " + r.getRecordNumber() + " (line " + (parser.getCurrentLineNumber()) + ")";
                if (r.size() != header.size()) throw records.error(where + " has " + r.size() + " fields, the header " + header.size());
                ObjectNode node = JSON.createObjectNode();
                for (String h : header) node.put(h, r.get(h));
                records.add(node, where);
            }
        } catch (java.io.UncheckedIOException | IllegalStateException e) {
            throw records.error("not valid CSV (" + firstLine(e.getMessage()) + ")");
        } catch (IllegalArgumentException e) {
            throw records.error("bad CSV header (" + firstLine(e.getMessage()) + ")");
        }
    }

    private static Reader utf8(Path path) throws IOException {
        InputStream in = Files.newInputStream(path);
        return new BufferedReader(new java.io.InputStreamReader(in, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)), 1 << 16);
    }

    private static String firstLine(String s) {
        if (s == null) return "no detail";
        String line = s.lines().findFirst().orElse(s);
        return line.length() > 160 ? line.substring(0, 160) + "…" : line;
    }

    /** The records read so far; the tasks are fixed by the first record. */
    private static final class Records {
        private final String file;
        private final Fields fields;
        private final List<Document> docs = new ArrayList<>();
        private final Set<String> ids = new HashSet<>();
        private List<String> tasks;
        private String labelField;
        private final List<List<float[]>> coords = new ArrayList<>();

        Records(String file, Fields fields) {
            this.file = file;
            this.fields = fields;
        }

        int count() {
            return docs.size();
        }

        TaskspaceException error(String what) {
            return new TaskspaceException(file + ": " + what);
        }

        void add(ObjectNode node, String where) {
            if (tasks == null) start(node, where);
            JsonNode text = node.get(fields.text());
            if (text == null || text.isNull()) throw error(where + " has no \"" + fields.text() + "\" field");
            if (!text.isTextual() || text.asText().isBlank()) throw error(where + ": \"" + fields.text() + "\" is not a non-empty string");
            if (text.asText().length() > MAX_TEXT) throw error(where + ": the text has more than " + MAX_TEXT + " characters");
            String label = null;
            if (labelField != null) {
                JsonNode l = node.get(labelField);
                if (l != null && !l.isNull()) {
                    if (!l.isValueNode()) throw error(where + ": \"" + labelField + "\" is not a string or number");
                    label = l.asText();
                    if (label.length() > 200) throw error(where + ": the label has more than 200 characters");
                }
            }
            String id = "row-" + (docs.size() + 1);
            JsonNode idNode = fields.id() == null ? null : node.get(fields.id());
            if (idNode != null && !idNode.isNull()) {
                if (!idNode.isValueNode() || idNode.asText().isBlank()) throw error(where + ": \"" + fields.id() + "\" is not a string or number");
                id = idNode.asText();
            }
            if (!ids.add(id)) throw error(where + ": id \"" + id + "\" occurs twice");
            for (int t = 0; t < tasks.size(); t++) {
                coords.get(t).add(new float[] {number(node, tasks.get(t) + "_x", where), number(node, tasks.get(t) + "_y", where)});
            }
            docs.add(new Document(id, label, text.asText(), file.substring(file.lastIndexOf(java.io.File.separatorChar) + 1)));
        }

        private void start(ObjectNode first, String where) {
            tasks = new ArrayList<>();
            first.fieldNames().forEachRemaining(f -> {
                if (f.endsWith("_x") && first.has(f.substring(0, f.length() - 2) + "_y")) tasks.add(f.substring(0, f.length() - 2));
            });
            if (tasks.isEmpty()) {
                throw error(where + " has no TASK_x/TASK_y pair of coordinates (e.g. \"default_x\" and \"default_y\"): nothing to import");
            }
            if (tasks.size() > MAX_TASKS) throw error(where + " has " + tasks.size() + " coordinate pairs; at most " + MAX_TASKS + " tasks are imported");
            for (String t : tasks) {
                if (!ImportedMaps.TASK_NAME.matcher(t).matches()) {
                    throw error("the task name \"" + shorten(t) + "\" (from " + shorten(t) + "_x) is not 1-40 letters, digits, '-' or '_'");
                }
                coords.add(new ArrayList<>());
            }
            labelField = fields.label() != null ? fields.label() : first.has("label") ? "label" : first.has("category") ? "category" : null;
        }

        private float number(ObjectNode node, String field, String where) {
            JsonNode v = node.get(field);
            if (v == null || v.isNull()) throw error(where + " has no \"" + field + "\"");
            double d;
            if (v.isNumber()) d = v.asDouble();
            else if (v.isTextual()) {
                try {
                    d = Double.parseDouble(v.asText().strip());
                } catch (NumberFormatException e) {
                    throw error(where + ": \"" + field + "\" is not a number (\"" + shorten(v.asText()) + "\")");
                }
            } else throw error(where + ": \"" + field + "\" is not a number");
            float f = (float) d;
            if (!Float.isFinite(f)) throw error(where + ": \"" + field + "\" is not a finite number");
            return f;
        }

        ImportedMaps finish(Map<String, Object> provenance) {
            if (tasks == null) throw error("no records: nothing to import");
            if (docs.size() < 3) throw error("only " + docs.size() + " records: a map needs at least 3");
            float[][][] c = new float[tasks.size()][][];
            for (int t = 0; t < c.length; t++) c[t] = coords.get(t).toArray(new float[0][]);
            provenance.put("records", docs.size());
            provenance.put("fields", Map.of("text", fields.text(), "label", String.valueOf(labelField), "tasks", List.copyOf(tasks)));
            return new ImportedMaps(docs, tasks, c, provenance);
        }

        private static String shorten(String s) {
            String clean = s.replaceAll("\\p{Cntrl}", "?");
            return clean.length() > 40 ? clean.substring(0, 40) + "…" : clean;
        }
    }
}
