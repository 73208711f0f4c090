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
 * </pre>
 */
final class Api implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path mapDir;
    private final LiveJobs jobs;

    Api(Path mapDir, LiveJobs jobs) {
        this.mapDir = mapDir;
        this.jobs = jobs;
    }

    /** What the page needs to know about this server. */
    byte[] config() throws JsonProcessingException {
        ObjectNode root = JSON.createObjectNode();
        ObjectNode live = root.putObject("live");
        live.put("available", jobs.available());
        live.put("reason", jobs.reason());
        live.put("maxName", LiveJobs.MAX_NAME);
        live.put("maxInstruction", LiveJobs.MAX_INSTRUCTION);
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

    private void startTask(Exchange ex) throws IOException {
        String origin = ex.getRequestHeaders().getFirst("Origin");
        String host = ex.getRequestHeaders().getFirst("Host");
        if (origin != null && (host == null || !origin.equalsIgnoreCase("http://" + host))) {
            error(ex, 403, "requests from other sites are refused");
            return;
        }
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).strip().startsWith("application/json")) {
            error(ex, 415, "send JSON (Content-Type: application/json)");
            return;
        }
        byte[] body;
        try (InputStream in = ex.getRequestBody()) {
            body = in.readNBytes(PageServer.MAX_BODY + 1);
        }
        if (body.length > PageServer.MAX_BODY) {
            Reply.closeAfter(ex);
            error(ex, 413, "request bodies are limited to " + PageServer.MAX_BODY + " bytes");
            return;
        }
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (JsonProcessingException e) {
            error(ex, 400, "the body is not valid JSON");
            return;
        }
        if (request == null || !request.isObject() || !request.path("name").isTextual() || !request.path("instruction").isTextual()) {
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
    }
}
