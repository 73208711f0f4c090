package dev.taskspace.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Locale;
import java.util.Set;

/**
 * The server's JSON API for live tasks. Errors are {@code {"error": "..."}} with a message for
 * the page, never a stack trace.
 *
 * <pre>
 * GET  /config.json     {"live": {"available": bool, "reason": str, "maxName": 40, "maxInstruction": 1000}}
 * POST /api/tasks       {"name": "emotion", "instruction": "..."}  -> 202 {"id", "name", "state", ...}
 *                       400 bad JSON or fields, 409 name taken or a job running, 413 too large,
 *                       415 not JSON, 503 live tasks not available here
 * GET  /api/jobs/ID     200 {"id", "name", "state": queued|running|done|failed, "stage", "done", "total", "error"}
 * POST /api/search      {"task": "topic", "query": "...", "k": 100}  -> 200 {"task", "query", "indices": [...],
 *                       "scores": [...], "cached": bool}: the k documents (map order indices) nearest to the query
 *                       under the task, by cosine, nearest first; 400 bad fields, 404 no such task, 422 a task
 *                       without vectors, 503 not available here
 * </pre>
 *
 * <p>POSTs must be JSON and come from the page itself (no foreign {@code Origin}).
 */
final class Api implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path mapDir;
    private final LiveJobs jobs;
    private final MeaningSearch meaning;

    Api(Path mapDir, LiveJobs jobs, MeaningSearch meaning) {
        this.mapDir = mapDir;
        this.jobs = jobs;
        this.meaning = meaning;
    }

    /** What the page needs to know about this server. */
    byte[] config() throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode live = root.putObject("live");
        live.put("available", jobs.available());
        live.put("reason", jobs.reason());
        live.put("maxName", LiveJobs.MAX_NAME);
        live.put("maxInstruction", LiveJobs.MAX_INSTRUCTION);
        ObjectNode byMeaning = root.putObject("meaning");
        byMeaning.put("available", meaning.unavailable().isEmpty());
        byMeaning.put("reason", meaning.unavailable());
        byMeaning.put("maxQuery", MeaningSearch.MAX_QUERY);
        byMeaning.put("maxResults", MeaningSearch.MAX_RESULTS);
        return JSON.writeValueAsBytes(root);
    }

    /** {@code path}: what follows {@code /api/}. */
    void handle(Exchange ex, String path) throws IOException {
        String method = ex.getRequestMethod();
        if (path.equals("tasks")) {
            if (!method.equals("POST")) {
                ex.getResponseHeaders().set("Allow", "POST");
                error(ex, 405, "use POST");
            } else {
                startTask(ex);
            }
        } else if (path.equals("search")) {
            if (!method.equals("POST")) {
                ex.getResponseHeaders().set("Allow", "POST");
                error(ex, 405, "use POST");
            } else {
                search(ex);
            }
        } else if (path.startsWith("jobs/") && path.indexOf('/', 5) < 0) {
            if (!method.equals("GET")) {
                ex.getResponseHeaders().set("Allow", "GET");
                error(ex, 405, "use GET");
                return;
            }
            LiveJobs.Status status = jobs.status(path.substring(5));
            if (status == null) error(ex, 404, "no such job");
            else json(ex, 200, JSON.valueToTree(status));
        } else {
            error(ex, 404, "no such API");
        }
    }

    /** The request's JSON, or null after answering why not (foreign origin, not JSON, too large, malformed). */
    private static JsonNode jsonBody(Exchange ex) throws IOException {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            error(ex, 403, "requests from other sites are refused");
            return null;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            error(ex, 415, "send JSON (Content-Type: application/json)");
            return null;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(PageServer.MAX_BODY + 1);
        }
        if (body.length > PageServer.MAX_BODY) {
            Reply.closeAfter(ex);
            error(ex, 413, "request bodies are limited to " + PageServer.MAX_BODY + " bytes");
            return null;
        }
        try {
            JsonNode request = JSON.readTree(body);
            return request == null ? JSON.missingNode() : request; // not an object: the caller's field check says what to send
        } catch (JsonProcessingException e) {
            error(ex, 400, "the body is not valid JSON");
            return null;
        }
    }

    private void startTask(Exchange ex) throws IOException {
        JsonNode request = jsonBody(ex);
        if (request == null) return;
        if (!request.path("name").isTextual() || !request.path("instruction").isTextual()) {
            error(ex, 400, "send {\"name\": \"...\", \"instruction\": \"...\"}");
            return;
        }
        try {
            LiveJobs.Status status = jobs.submit(request.get("name").asText(), request.get("instruction").asText(), taskNames());
            json(ex, 202, JSON.valueToTree(status));
        } catch (LiveJobs.Refused e) {
            error(ex, e.status, e.getMessage());
        }
    }

    private void search(Exchange ex) throws IOException {
        JsonNode request = jsonBody(ex);
        if (request == null) return;
        JsonNode k = request.path("k");
        if (!request.path("task").isTextual() || !request.path("query").isTextual() || !(k.isMissingNode() || k.canConvertToInt())) {
            error(ex, 400, "send {\"task\": \"...\", \"query\": \"...\", \"k\": 100}");
            return;
        }
        String task = request.get("task").asText();
        String query = request.get("query").asText().strip();
        int wanted = k.isMissingNode() ? 100 : k.asInt();
        if (query.isEmpty() || query.length() > MeaningSearch.MAX_QUERY) {
            error(ex, 400, "the query must have 1 to " + MeaningSearch.MAX_QUERY + " characters");
            return;
        }
        if (wanted < 1 || wanted > MeaningSearch.MAX_RESULTS) {
            error(ex, 400, "k must be 1 to " + MeaningSearch.MAX_RESULTS);
            return;
        }
        if (!meaning.unavailable().isEmpty()) {
            error(ex, 503, meaning.unavailable());
            return;
        }
        JsonNode manifest = JSON.readTree(mapDir.resolve(MapFiles.MANIFEST).toFile());
        JsonNode layer = null;
        for (JsonNode t : manifest.path("tasks")) if (t.path("name").asText().equals(task)) layer = t;
        if (layer == null) {
            error(ex, 404, "the map has no task " + quote(task));
            return;
        }
        if (layer.has("imported")) {
            error(ex, 422, MeaningSearch.noVectors(task));
            return;
        }
        MeaningSearch.Result r;
        try {
            r = meaning.search(task, query, wanted, manifest.path("documents").asInt());
        } catch (dev.taskspace.TaskspaceException e) {
            error(ex, 422, e.getMessage());
            return;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IOException("embedding the query failed: " + e, e);
        }
        ObjectNode out = JSON.createObjectNode().put("task", task).put("query", query).put("cached", r.cached());
        var indices = out.putArray("indices");
        var scores = out.putArray("scores");
        for (int i = 0; i < r.indices().length; i++) {
            indices.add(r.indices()[i]);
            scores.add(Math.round(r.scores()[i] * 1e5) / 1e5);
        }
        json(ex, 200, out);
    }

    private Set<String> taskNames() throws IOException {
        Set<String> names = new HashSet<>();
        JSON.readTree(mapDir.resolve(MapFiles.MANIFEST).toFile()).path("tasks").forEach(t -> names.add(t.path("name").asText()));
        return names;
    }

    private static void error(Exchange ex, int status, String message) throws IOException {
        json(ex, status, JSON.createObjectNode().put("error", message));
    }

    /** {@code text} as a JSON string literal. */
    static String quote(String text) {
        try {
            return JSON.writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e); // a string always serialises
        }
    }

    private static void json(Exchange ex, int status, JsonNode body) throws IOException {
        Reply.bytes(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(body));
    }

    @Override
    public void close() {
        jobs.close();
        meaning.close();
    }
}
