package dev.taskspace.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import dev.taskspace.internal.ArtefactCheck;
import dev.taskspace.internal.ArtefactCommit;
import dev.taskspace.internal.Hashing;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The map folder the page loads: a JSON manifest and compact little-endian binary arrays.
 *
 * <pre>
 * map/
 *   map.json         schema, versions, tasks (name, instruction, lookFor, figures, and for an
 *                    imported 2-D layout "imported": {model, coordinates}), axes,
 *                    task-to-task overlap, provenance, and every data file's shape, size, SHA-256
 *   documents.json   {"ids": [...], "label": [index into map.json "labels", or -1]}: what the first frame needs
 *   previews.json    {"preview": [...]}: the first 200 characters of each text, loaded after the first frame
 *                    (maps written before it held "preview" in documents.json; readers take either)
 *   coords.f32       float32 [tasks][n][2]  aligned layouts, tasks in manifest order
 *   drift.f32        float32 [tasks][n]     share of the k nearest neighbours new against the first task ({@link Drift})
 *   neighbours.i32   int32   [tasks][n][k]  nearest documents in each task's full space
 *   regions.i32      int32   [tasks][n]     each document's region on each task's layout, -1 for none
 *                                           (names and sizes in map.json: tasks[].regions; optional)
 *   scores.f32       float32 [axes][n]      zero-shot scores
 *   texts-C.txt, texts.i32, meta.json           whole texts and metadata, loaded on demand ({@link MapTexts});
 *                    optional: map.json's "textChunks" says how many text files there are
 * </pre>
 *
 * The schema is versioned: readers ignore unknown fields, refuse a newer schema, and check
 * every file's size and checksum, so a damaged or truncated map fails with a clear message.
 */
public final class MapArtefact {
    /** The schema this build writes and the newest it reads. */
    public static final int SCHEMA = 1;
    /** How readers check this artefact ({@link ArtefactCheck}). */
    public static final ArtefactCheck.Kind KIND = new ArtefactCheck.Kind("taskspace.map", SCHEMA, "map", "taskspace project", "map.json");
    /** The previews' file (before it, documents.json held them). */
    static final String PREVIEWS = "previews.json";
    private static final ObjectMapper JSON = new ObjectMapper();

    private MapArtefact() {}

    /**
     * Writes the map into {@code dir} as one commit ({@link ArtefactCommit}): a crash or a full
     * disk at any instant leaves the previous map whole, or the new one.
     */
    public static void write(Path dir, MapData map) {
        int n = map.ids().size();
        int t = map.tasks().size();
        int k = t == 0 ? 0 : map.tasks().get(0).neighbours().length == 0 ? 0 : map.tasks().get(0).neighbours()[0].length;
        ArtefactCommit commit = null;
        try {
            commit = ArtefactCommit.begin(dir);
            ObjectNode files = JSON.createObjectNode();
            List<String> labelNames = new ArrayList<>(new TreeSet<>(map.labels().stream().filter(java.util.Objects::nonNull).toList()));
            ObjectNode docs = JSON.createObjectNode();
            ArrayNode ids = docs.putArray("ids");
            ArrayNode labels = docs.putArray("label");
            ObjectNode previewDoc = JSON.createObjectNode();
            ArrayNode previews = previewDoc.putArray("preview");
            Map<String, Integer> labelIndex = new java.util.HashMap<>();
            for (int i = 0; i < labelNames.size(); i++) labelIndex.put(labelNames.get(i), i);
            for (int i = 0; i < n; i++) {
                ids.add(map.ids().get(i));
                labels.add(map.labels().get(i) == null ? -1 : labelIndex.get(map.labels().get(i)));
                previews.add(map.previews().get(i));
            }
            put(commit, files, "documents.json", JSON.writeValueAsBytes(docs), "json", new int[] {n});
            put(commit, files, PREVIEWS, JSON.writeValueAsBytes(previewDoc), "json", new int[] {n});

            ByteBuffer coords = buffer(4L * t * n * 2);
            ByteBuffer drift = buffer(4L * t * n);
            ByteBuffer neighbours = buffer(4L * t * n * k);
            ByteBuffer regions = buffer(4L * t * n);
            for (MapData.TaskLayer layer : map.tasks()) {
                for (int i = 0; i < n; i++) {
                    coords.putFloat(layer.coords()[i][0]).putFloat(layer.coords()[i][1]);
                    drift.putFloat(layer.drift()[i]);
                    regions.putInt(layer.regions()[i]);
                    if (layer.neighbours()[i].length != k) throw new IllegalArgumentException("neighbour lists of different lengths");
                    for (int j : layer.neighbours()[i]) neighbours.putInt(j);
                }
            }
            put(commit, files, "coords.f32", coords.array(), "float32", new int[] {t, n, 2});
            put(commit, files, "drift.f32", drift.array(), "float32", new int[] {t, n});
            put(commit, files, "neighbours.i32", neighbours.array(), "int32", new int[] {t, n, k});
            put(commit, files, "regions.i32", regions.array(), "int32", new int[] {t, n});
            ByteBuffer scores = buffer(4L * map.axes().size() * n);
            for (MapData.Axis a : map.axes()) for (float s : a.scores()) scores.putFloat(s);
            put(commit, files, "scores.f32", scores.array(), "float32", new int[] {map.axes().size(), n});
            int textChunks = 0;
            if (!map.texts().isEmpty()) {
                MapTexts.Chunked chunked = MapTexts.chunk(map.texts());
                textChunks = chunked.chunks().size();
                for (int c = 0; c < textChunks; c++) {
                    byte[] b = chunked.chunks().get(c);
                    put(commit, files, MapTexts.chunkName(c), b, "utf-8", new int[] {b.length});
                }
                put(commit, files, MapTexts.INDEX, chunked.index(), "int32", new int[] {n, 3});
            }
            if (!map.meta().isEmpty()) put(commit, files, MapTexts.META, MapTexts.metaColumns(map.meta()), "json", new int[] {n});

            ObjectNode m = JSON.createObjectNode();
            m.put("artefact", "taskspace.map");
            m.put("schema", SCHEMA);
            m.put("taskspace", Version.get());
            m.put("created", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
            m.put("documents", n);
            m.put("neighbours", k);
            if (textChunks > 0) m.put("textChunks", textChunks);
            m.put("drift", Drift.DEFINITION);
            m.set("labels", JSON.valueToTree(labelNames));
            ArrayNode tasks = m.putArray("tasks");
            for (MapData.TaskLayer layer : map.tasks()) {
                ObjectNode o = tasks.addObject();
                o.put("name", layer.name());
                o.put("instruction", layer.instruction());
                o.put("lookFor", layer.lookFor());
                if (layer.imported()) o.putObject("imported").put("model", layer.importedFrom()).put("coordinates", "2-D only");
                ObjectNode f = o.putObject("figures");
                layer.figures().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> {
                    if (Double.isFinite(e.getValue())) f.put(e.getKey(), e.getValue());
                    else f.putNull(e.getKey());
                });
                ArrayNode regionList = o.putArray("regions");
                for (MapData.Region r : layer.regionInfo()) {
                    ObjectNode ro = regionList.addObject();
                    ro.set("words", JSON.valueToTree(r.words()));
                    ro.put("size", r.size());
                }
                o.set("categoryNeighbours", JSON.valueToTree(layer.categoryNeighbours()));
            }
            ArrayNode axes = m.putArray("axes");
            for (MapData.Axis a : map.axes()) {
                axes.addObject().put("name", a.name()).put("task", a.task()).put("negative", a.negative()).put("positive", a.positive());
            }
            m.set("taskJaccard", JSON.valueToTree(map.taskJaccard()));
            m.set("provenance", JSON.valueToTree(map.provenance()));
            m.set("files", files);
            commit.write("map.json", JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(m));
            for (String stale : MapTexts.unlisted(dir, files)) commit.delete(stale);
            commit.commit();
        } catch (IOException e) {
            if (commit != null) commit.abandon();
            throw new TaskspaceException("cannot write the map to " + dir + ": " + ArtefactCommit.describe(e)
                    + " (the previous map, if any, is unchanged)", e);
        }
    }

    /** Reads and checks a map folder. */
    public static MapData read(Path dir) {
        JsonNode m = ArtefactCheck.manifest(dir, KIND);
        try {
            int n = m.path("documents").asInt();
            int k = m.path("neighbours").asInt();
            int t = m.path("tasks").size();
            int a = m.path("axes").size();
            JsonNode files = m.path("files");
            JsonNode docs = JSON.readTree(load(dir, files, "documents.json"));
            JsonNode previewDocs = files.has(PREVIEWS) ? JSON.readTree(load(dir, files, PREVIEWS)) : docs;
            ByteBuffer coords = wrap(dir, files, load(dir, files, "coords.f32"), new long[] {t, n, 2}, "coords.f32");
            ByteBuffer drift = wrap(dir, files, load(dir, files, "drift.f32"), new long[] {t, n}, "drift.f32");
            ByteBuffer neighbours = wrap(dir, files, load(dir, files, "neighbours.i32"), new long[] {t, n, k}, "neighbours.i32");
            ByteBuffer scores = wrap(dir, files, load(dir, files, "scores.f32"), new long[] {a, n}, "scores.f32");
            // regions.i32 came later: a map without it has no regions
            ByteBuffer regions = files.has("regions.i32") ? wrap(dir, files, load(dir, files, "regions.i32"), new long[] {t, n}, "regions.i32") : null;

            List<String> labelNames = new ArrayList<>();
            m.path("labels").forEach(l -> labelNames.add(l.asText()));
            List<String> ids = new ArrayList<>(n);
            List<String> labels = new ArrayList<>(n);
            List<String> previews = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                ids.add(docs.path("ids").path(i).asText());
                int li = docs.path("label").path(i).asInt(-1);
                labels.add(li < 0 ? null : labelNames.get(li));
                previews.add(previewDocs.path("preview").path(i).asText());
            }
            List<MapData.TaskLayer> layers = new ArrayList<>();
            for (JsonNode task : m.path("tasks")) {
                float[][] c = new float[n][2];
                float[] d = new float[n];
                int[][] nb = new int[n][k];
                int[] reg = new int[n];
                for (int i = 0; i < n; i++) {
                    c[i][0] = coords.getFloat();
                    c[i][1] = coords.getFloat();
                    d[i] = drift.getFloat();
                    for (int j = 0; j < k; j++) nb[i][j] = neighbours.getInt();
                    reg[i] = regions == null ? -1 : regions.getInt();
                }
                Map<String, Double> figures = new LinkedHashMap<>();
                task.path("figures").fields().forEachRemaining(e -> figures.put(e.getKey(), e.getValue().isNull() ? Double.NaN : e.getValue().asDouble()));
                List<MapData.Region> regionInfo = new ArrayList<>();
                for (JsonNode r : task.path("regions")) {
                    List<String> words = new ArrayList<>();
                    r.path("words").forEach(w -> words.add(w.asText()));
                    regionInfo.add(new MapData.Region(words, r.path("size").asInt()));
                }
                int[][] categories = task.has("categoryNeighbours") ? JSON.convertValue(task.get("categoryNeighbours"), int[][].class) : new int[0][0];
                layers.add(new MapData.TaskLayer(task.path("name").asText(), task.path("instruction").isNull() ? null
                        : task.path("instruction").asText(), task.path("lookFor").asText(), c, d, nb, figures,
                        task.path("imported").isObject() ? task.path("imported").path("model").asText() : null, reg, regionInfo, categories));
            }
            if (!Drift.DEFINITION.equals(m.path("drift").asText()) && !layers.isEmpty()) layers = withDriftRecomputed(layers);
            List<MapData.Axis> axes = new ArrayList<>();
            for (JsonNode axis : m.path("axes")) {
                float[] s = new float[n];
                for (int i = 0; i < n; i++) s[i] = scores.getFloat();
                axes.add(new MapData.Axis(axis.path("name").asText(), axis.path("task").asText(), axis.path("negative").asText(),
                        axis.path("positive").asText(), s));
            }
            double[][] jaccard = JSON.convertValue(m.path("taskJaccard"), double[][].class);
            @SuppressWarnings("unchecked")
            Map<String, Object> provenance = JSON.convertValue(m.path("provenance"), Map.class);
            List<String> texts = List.of();
            int textChunks = m.path("textChunks").asInt(0);
            if (textChunks > 0) {
                List<byte[]> chunks = new ArrayList<>();
                for (int c = 0; c < textChunks; c++) chunks.add(load(dir, files, MapTexts.chunkName(c)));
                texts = MapTexts.unchunk(chunks, load(dir, files, MapTexts.INDEX), n);
            }
            List<Map<String, Object>> meta = files.has(MapTexts.META) ? MapTexts.metaRows(load(dir, files, MapTexts.META), n) : List.of();
            return new MapData(ids, labels, previews, layers, axes, jaccard == null ? new double[0][0] : jaccard,
                    provenance == null ? Map.of() : provenance, texts, meta);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new TaskspaceException("the map in " + dir + " is damaged (" + e.getOriginalMessage() + "): run 'taskspace project' again");
        } catch (IOException e) {
            throw new TaskspaceException("cannot read the map in " + dir + ": " + e.getMessage(), e);
        }
    }

    /**
     * Maps written before {@link Drift} stored 1 - Jaccard as drift: recomputed from the neighbour
     * lists, so that every reader sees one definition. The figure "meanDrift" follows.
     */
    private static List<MapData.TaskLayer> withDriftRecomputed(List<MapData.TaskLayer> layers) {
        List<MapData.TaskLayer> out = new ArrayList<>();
        int[][] reference = layers.get(0).neighbours();
        for (MapData.TaskLayer l : layers) {
            float[] d = Drift.of(reference, l.neighbours());
            Map<String, Double> figures = new LinkedHashMap<>(l.figures());
            if (figures.containsKey("meanDrift")) {
                double s = 0;
                for (float x : d) s += x;
                figures.put("meanDrift", d.length == 0 ? Double.NaN : s / d.length);
            }
            out.add(new MapData.TaskLayer(l.name(), l.instruction(), l.lookFor(), l.coords(), d, l.neighbours(), figures, l.importedFrom(), l.regions(),
                    l.regionInfo(), l.categoryNeighbours()));
        }
        return out;
    }

    private static void put(ArtefactCommit commit, ObjectNode files, String name, byte[] bytes, String dtype, int[] shape) throws IOException {
        commit.write(name, bytes);
        ObjectNode f = files.putObject(name);
        f.put("dtype", dtype);
        f.set("shape", JSON.valueToTree(shape));
        f.put("bytes", bytes.length);
        f.put("sha256", Hashing.sha256(bytes));
    }

    /** Finishes a commit that a crash interrupted, so that readers see one map whole. */
    public static void recover(Path dir) {
        ArtefactCheck.recover(dir, KIND);
    }

    private static byte[] load(Path dir, JsonNode files, String name) {
        JsonNode f = files.path(name);
        if (f.isMissingNode()) throw ArtefactCheck.unlisted(dir, name, KIND);
        return ArtefactCheck.read(dir, dir.resolve(name), f.path("bytes").asLong(), f.path("sha256").asText(), KIND);
    }

    private static ByteBuffer buffer(long bytes) {
        if (bytes > Integer.MAX_VALUE) throw new TaskspaceException("the map is too large for one file (" + bytes + " bytes)");
        return ByteBuffer.allocate((int) bytes).order(ByteOrder.LITTLE_ENDIAN);
    }

    private static ByteBuffer wrap(Path dir, JsonNode files, byte[] b, long[] shape, String name) {
        long expected = 4;
        for (long d : shape) expected *= d;
        JsonNode declared = files.path(name).path("shape");
        List<Long> want = new ArrayList<>();
        for (long d : shape) want.add(d);
        List<Long> got = new ArrayList<>();
        declared.forEach(d -> got.add(d.asLong()));
        if (!got.equals(want) || b.length != expected) {
            throw new TaskspaceException(dir.resolve(name) + " has shape " + got + " (" + b.length + " bytes) in map.json, where the map's "
                    + shape[0] + (name.equals("scores.f32") ? " axes" : " tasks") + " and " + shape[1] + " documents need " + want
                    + ": the map was changed by hand or damaged; run 'taskspace project' again");
        }
        return ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
    }
}
