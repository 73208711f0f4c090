package dev.taskspace.map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Documents of a map as JSON Lines or CSV, chosen with the page's filters: the categories shown,
 * the search words, chosen ids. The page writes the same rows (app/export.js), so a file
 * downloaded from the page and one written by {@code taskspace export} read the same.
 *
 * <pre>
 * JSON Lines: {"id": …, "label": … or null, "meta": {…}, "text": whole text, "coords": {"TASK": [x, y], …}}
 * CSV:        id,label,text,meta,TASK.x,TASK.y,…   (RFC 4180; meta as JSON)
 * </pre>
 *
 * A CSV cell of text that starts with {@code = + - @}, a tab or a carriage return gets a leading
 * {@code '} so that a spreadsheet shows it instead of running it as a formula; JSON Lines keeps
 * every text exactly.
 */
public final class MapExport {
    private static final ObjectMapper JSON = new ObjectMapper();

    private MapExport() {}

    /**
     * What to export; empty sets and a null query mean no filter. A document without a category
     * is never filtered by category (the page shows it whatever is hidden).
     *
     * @param only  show only these categories
     * @param hide  hide these categories
     * @param query every word must occur in the id or the whole text, any case (the page's search rule)
     * @param ids   only these documents
     */
    public record Filter(Set<String> only, Set<String> hide, String query, Set<String> ids) {
        public static final Filter ALL = new Filter(Set.of(), Set.of(), null, Set.of());

        public Filter {
            only = Set.copyOf(only);
            hide = Set.copyOf(hide);
            ids = Set.copyOf(ids);
            if (query != null && query.isBlank()) query = null;
        }

        /**
         * The filters of a page address ({@code …#task=topic&q=words&hide=LABEL&only=LABEL&doc=ID}): the
         * categories shown and the search; a selected {@code doc} is not a filter.
         */
        public static Filter fromLink(String link) {
            int hash = link.indexOf('#');
            String fragment = hash < 0 ? link : link.substring(hash + 1);
            Set<String> only = new LinkedHashSet<>(), hide = new LinkedHashSet<>();
            String query = null;
            for (String pair : fragment.split("&")) {
                int eq = pair.indexOf('=');
                if (eq < 0) continue;
                String key = URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8);
                String value = URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8);
                switch (key) {
                    case "only" -> only.add(value);
                    case "hide" -> hide.add(value);
                    case "q" -> query = value;
                    default -> { } // task, colour, view, doc: not filters
                }
            }
            return new Filter(only, hide, query, Set.of());
        }

        /** The same filter with these words too. */
        public Filter and(Filter other) {
            Set<String> o = new LinkedHashSet<>(only), h = new LinkedHashSet<>(hide), i = new LinkedHashSet<>(ids);
            o.addAll(other.only);
            h.addAll(other.hide);
            i.addAll(other.ids);
            String q = query == null ? other.query : other.query == null ? query : query + " " + other.query;
            return new Filter(o, h, q, i);
        }
    }

    /** The query's words, lower case: the page's rule (split on white space, each word a substring). */
    public static List<String> words(String query) {
        if (query == null) return List.of();
        List<String> out = new ArrayList<>();
        for (String w : query.toLowerCase(Locale.ROOT).trim().split("\\s+")) if (!w.isEmpty()) out.add(w);
        return out;
    }

    /** The indices of the documents the filter keeps, in map order. */
    public static int[] select(MapData map, Filter f) {
        List<String> words = words(f.query());
        List<Integer> out = new ArrayList<>();
        for (int i = 0; i < map.ids().size(); i++) {
            String label = map.labels().get(i);
            if (label != null && (!f.only().isEmpty() && !f.only().contains(label) || f.hide().contains(label))) continue;
            if (!f.ids().isEmpty() && !f.ids().contains(map.ids().get(i))) continue;
            if (!words.isEmpty()) {
                String hay = (map.ids().get(i) + "\n" + map.text(i)).toLowerCase(Locale.ROOT);
                if (!words.stream().allMatch(hay::contains)) continue;
            }
            out.add(i);
        }
        return out.stream().mapToInt(Integer::intValue).toArray();
    }

    /** One JSON object per line. */
    public static void writeJsonLines(MapData map, int[] rows, OutputStream out) throws IOException {
        for (int i : rows) {
            ObjectNode o = JSON.createObjectNode();
            o.put("id", map.ids().get(i));
            o.put("label", map.labels().get(i));
            o.set("meta", JSON.valueToTree(map.metaOf(i)));
            o.put("text", map.text(i));
            ObjectNode coords = o.putObject("coords");
            for (MapData.TaskLayer t : map.tasks()) {
                ArrayNode xy = coords.putArray(t.name());
                xy.add(t.coords()[i][0]).add(t.coords()[i][1]);
            }
            out.write(JSON.writeValueAsBytes(o));
            out.write('\n');
        }
    }

    /** RFC 4180 CSV with a header row; lines end with CRLF. */
    public static void writeCsv(MapData map, int[] rows, Writer out) throws IOException {
        List<String> header = new ArrayList<>(List.of("id", "label", "text", "meta"));
        for (MapData.TaskLayer t : map.tasks()) {
            header.add(t.name() + ".x");
            header.add(t.name() + ".y");
        }
        line(out, header.stream().map(MapExport::cell).toList());
        for (int i : rows) {
            List<String> cells = new ArrayList<>();
            cells.add(cell(map.ids().get(i)));
            cells.add(cell(map.labels().get(i) == null ? "" : map.labels().get(i)));
            cells.add(cell(map.text(i)));
            cells.add(cell(map.metaOf(i).isEmpty() ? "" : JSON.writeValueAsString(map.metaOf(i))));
            for (MapData.TaskLayer t : map.tasks()) {
                cells.add(Float.toString(t.coords()[i][0]));
                cells.add(Float.toString(t.coords()[i][1]));
            }
            line(out, cells);
        }
        out.flush();
    }

    private static void line(Writer out, List<String> cells) throws IOException {
        out.write(String.join(",", cells));
        out.write("\r\n");
    }

    /** A text cell: guarded against formulas, quoted when it holds a comma, quote or line break. */
    static String cell(String s) {
        if (!s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0) s = "'" + s;
        if (s.indexOf(',') < 0 && s.indexOf('"') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) return s;
        return '"' + s.replace("\"", "\"\"") + '"';
    }
}
