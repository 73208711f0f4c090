package dev.taskspace.corpus;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.TaskspaceException;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;

/**
 * Reads your own corpus: JSON Lines, CSV (or TSV) with a header row, or a folder of
 * {@code .txt} files whose sub-folder names are the labels. Input is UTF-8; malformed input
 * fails with the file and line. Empty texts are dropped and counted by {@link TextRules}.
 *
 * <pre>{@code
 * Corpus c = CorpusFiles.read(Path.of("reviews.jsonl"), null, CorpusFiles.Fields.DEFAULT, TextRules.OWN);
 * }</pre>
 */
public final class CorpusFiles {
    // Jackson's own cap on a string (20M characters) would speak first, in its words: the input
    // limit is ours (TextRules.MAX_INPUT_CHARS), checked the same way in every format.
    private static final ObjectMapper JSON = new ObjectMapper(com.fasterxml.jackson.core.JsonFactory.builder()
            .streamReadConstraints(com.fasterxml.jackson.core.StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE).build())
            .build());
    /** A JSON line longer than this cannot hold a text within the limit (4 UTF-8 bytes a character at most, plus fields). */
    private static final long MAX_LINE_BYTES = 4L * TextRules.MAX_INPUT_CHARS + (1 << 20);

    private CorpusFiles() {}

    /** The input formats. */
    public enum Format {
        JSONL, CSV, TSV, TXT;

        /** The format a path suggests: a folder is TXT, else by extension. */
        public static Format detect(Path path) {
            if (Files.isDirectory(path)) return TXT;
            String name = path.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson") || name.endsWith(".json")) return JSONL;
            if (name.endsWith(".csv")) return CSV;
            if (name.endsWith(".tsv") || name.endsWith(".tab")) return TSV;
            throw new TaskspaceException("cannot tell the format of " + path
                    + " from its name: use a .jsonl, .csv or .tsv file or a folder of .txt files, or say --format");
        }
    }

    /**
     * Which fields (JSONL) or columns (CSV) hold what. The id and label are optional: without
     * an id, documents are numbered by line (JSONL) or record (CSV); without a label, the
     * documents are unlabelled.
     */
    public record Fields(String text, String label, String id) {
        public static final Fields DEFAULT = new Fields("text", "label", "id");

        public Fields {
            if (text == null || text.isBlank()) throw new IllegalArgumentException("the text field name must not be blank");
        }
    }

    /** Reads {@code path} in {@code format} (null: detect), then applies {@code rules}. */
    public static Corpus read(Path path, Format format, Fields fields, TextRules rules) {
        if (!Files.exists(path)) throw new TaskspaceException(path + ": no such file or folder");
        Format f = format != null ? format : Format.detect(path);
        List<Document> docs;
        try {
            docs = switch (f) {
                case JSONL -> readJsonl(path, fields);
                case CSV -> readCsv(path, fields, ',');
                case TSV -> readCsv(path, fields, '\t');
                case TXT -> readFolder(path);
            };
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + path + ": " + e.getMessage(), e);
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", path.getFileName().toString());
        provenance.put("path", path.toAbsolutePath().toString());
        provenance.put("format", f.name().toLowerCase(Locale.ROOT));
        if (f != Format.TXT) {
            Map<String, Object> names = new LinkedHashMap<>(); // ordered: Map.of's order changes from JVM to JVM
            names.put("text", fields.text());
            names.put("label", String.valueOf(fields.label()));
            names.put("id", String.valueOf(fields.id()));
            provenance.put("fields", names);
        }
        provenance.put("records", docs.size());
        provenance.put("minChars", rules.minChars());
        provenance.put("maxChars", rules.maxChars());
        return rules.apply(docs, TextRules.EMPTY, provenance);
    }

    // ---- JSON Lines ----------------------------------------------------------------------

    private static List<Document> readJsonl(Path path, Fields fields) throws IOException {
        String file = path.toString();
        String source = path.getFileName().toString();
        List<Document> docs = new ArrayList<>();
        Map<String, Integer> idLines = new HashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(path), 1 << 16)) {
            ByteArrayOutputStream line = new ByteArrayOutputStream(4096);
            int lineNo = 0;
            boolean more = true;
            while (more) {
                line.reset();
                int b;
                lineNo++;
                while ((b = in.read()) >= 0 && b != '\n') {
                    line.write(b);
                    if (line.size() > MAX_LINE_BYTES) throw TextRules.tooLarge(file + ":" + lineNo, line.size());
                }
                more = b >= 0;
                if (!more && line.size() == 0) break;
                byte[] bytes = line.toByteArray();
                String text = Utf8.decode(bytes, 0, bytes.length, file, lineNo);
                if (text.isBlank()) continue;
                Document d = jsonDocument(text, fields, file, lineNo, source);
                Integer previous = idLines.put(d.id(), lineNo);
                if (previous != null) {
                    throw new TaskspaceException(file + ":" + lineNo + ": id \"" + d.id() + "\" was already used on line " + previous);
                }
                docs.add(d);
            }
        }
        return docs;
    }

    private static Document jsonDocument(String line, Fields fields, String file, int lineNo, String source) {
        JsonNode node;
        try {
            node = JSON.readTree(line);
        } catch (JsonProcessingException e) {
            throw new TaskspaceException(file + ":" + lineNo + ": not valid JSON (" + e.getOriginalMessage() + ")");
        }
        if (!(node instanceof ObjectNode obj)) {
            throw new TaskspaceException(file + ":" + lineNo + ": expected a JSON object per line, found " + node.getNodeType());
        }
        JsonNode textNode = obj.get(fields.text());
        if (textNode == null) {
            List<String> names = new ArrayList<>();
            obj.fieldNames().forEachRemaining(names::add);
            throw new TaskspaceException(file + ":" + lineNo + ": no field \"" + fields.text() + "\" (fields: "
                    + String.join(", ", names) + "); name the text field with --text-field");
        }
        if (!textNode.isTextual() && !textNode.isNull()) {
            throw new TaskspaceException(file + ":" + lineNo + ": field \"" + fields.text() + "\" must be a string, found "
                    + textNode.getNodeType());
        }
        String text = textNode.isNull() ? "" : textNode.asText();
        TextRules.checkSize(text, file + ":" + lineNo);
        String label = scalar(obj.get(fields.label()), fields.label(), file, lineNo);
        String id = scalar(obj.get(fields.id()), fields.id(), file, lineNo);
        Map<String, Object> meta = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = obj.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals(fields.text()) || k.equals(fields.label()) || k.equals(fields.id())) continue;
            meta.put(k, JSON.convertValue(e.getValue(), Object.class));
        }
        return new Document(id != null ? id : String.valueOf(lineNo), label, text, source, meta);
    }

    private static String scalar(JsonNode node, String field, String file, int lineNo) {
        if (node == null || node.isNull()) return null;
        if (!node.isValueNode()) {
            throw new TaskspaceException(file + ":" + lineNo + ": field \"" + field + "\" must be a string or number, found "
                    + node.getNodeType());
        }
        String s = node.asText().strip();
        return s.isEmpty() ? null : s;
    }

    // ---- CSV -----------------------------------------------------------------------------

    private static List<Document> readCsv(Path path, Fields fields, char delimiter) throws IOException {
        String file = path.toString();
        String source = path.getFileName().toString();
        String content = Utf8.decode(Files.readAllBytes(path), file);
        CSVFormat format = CSVFormat.DEFAULT.builder()
                .setDelimiter(delimiter)
                .setHeader()
                .setSkipHeaderRecord(true)
                .setIgnoreEmptyLines(true)
                .get();
        List<Document> docs = new ArrayList<>();
        Map<String, Long> idLines = new HashMap<>();
        try (CSVParser parser = CSVParser.builder().setReader(new StringReader(content)).setFormat(format).get()) {
            List<String> header = parser.getHeaderNames();
            if (header.isEmpty()) throw new TaskspaceException(file + ": empty file (expected a header row)");
            if (!header.contains(fields.text())) {
                throw new TaskspaceException(file + ":1: no column \"" + fields.text() + "\" (columns: "
                        + String.join(", ", header) + "); name the text column with --text-field");
            }
            long line = parser.getCurrentLineNumber() + 1;
            Iterator<CSVRecord> records = parser.iterator();
            while (true) {
                CSVRecord r;
                try {
                    if (!records.hasNext()) break;
                    r = records.next();
                } catch (UncheckedIOException | IllegalStateException e) {
                    throw new TaskspaceException(file + ":" + line + ": malformed CSV (" + rootMessage(e) + ")");
                }
                if (!r.isConsistent()) {
                    throw new TaskspaceException(file + ":" + line + ": " + r.size() + " fields, but the header has "
                            + header.size());
                }
                String text = r.get(fields.text());
                TextRules.checkSize(text, file + ":" + line);
                String label = optional(r, header, fields.label());
                String id = optional(r, header, fields.id());
                if (id == null) id = String.valueOf(r.getRecordNumber());
                Map<String, Object> meta = new LinkedHashMap<>();
                for (String h : header) {
                    if (!h.equals(fields.text()) && !h.equals(fields.label()) && !h.equals(fields.id())) meta.put(h, r.get(h));
                }
                Long previous = idLines.put(id, line);
                if (previous != null) {
                    throw new TaskspaceException(file + ":" + line + ": id \"" + id + "\" was already used on line " + previous);
                }
                docs.add(new Document(id, label, text, source, meta));
                line = parser.getCurrentLineNumber() + 1;
            }
        }
        return docs;
    }

    private static String optional(CSVRecord r, List<String> header, String column) {
        if (column == null || !header.contains(column)) return null;
        String v = r.get(column).strip();
        return v.isEmpty() ? null : v;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null) t = t.getCause();
        return t.getMessage();
    }

    // ---- a folder of .txt files ----------------------------------------------------------

    private static List<Document> readFolder(Path root) throws IOException {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(root)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".txt"))
                    .sorted()
                    .toList();
        }
        if (files.isEmpty()) throw new TaskspaceException(root + ": no .txt files in this folder or below it");
        List<Document> docs = new ArrayList<>(files.size());
        for (Path f : files) {
            Path rel = root.relativize(f);
            String relName = rel.toString().replace('\\', '/');
            String id = relName.substring(0, relName.length() - 4);
            String label = rel.getNameCount() > 1 ? rel.getName(0).toString() : null;
            if (Files.size(f) > MAX_LINE_BYTES) throw TextRules.tooLarge(f.toString(), Files.size(f));
            String text = Utf8.decode(Files.readAllBytes(f), f.toString());
            TextRules.checkSize(text, f.toString());
            docs.add(new Document(id, label, text, root.getFileName().toString(), Map.of()));
        }
        return docs;
    }
}
