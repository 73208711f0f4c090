package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.TaskspaceException;
import dev.taskspace.map.MapArtefact;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The server as an attacker and as the page meet it: only its own files, capped bodies, clean refusals. */
class PageServerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;
    Path mapDir;
    PageServer server;
    int port;

    @BeforeEach
    void writeAMap() throws IOException {
        mapDir = dir.resolve("project/map");
        MapArtefact.write(mapDir, TestMaps.small(false));
        Files.writeString(dir.resolve("project/secret.txt"), "root:x:0:0 SECRET-TOKEN");
        Files.writeString(mapDir.resolve("notes.txt"), "not listed in map.json");
    }

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    void start(LiveTasks live) {
        server = PageServer.start(mapDir, InetAddress.getLoopbackAddress(), 0, live);
        port = server.port();
    }

    void start() {
        start(LiveTasks.unavailable("not here"));
    }

    @Test
    void servesThePageWithRestrictiveHeaders() throws IOException {
        start();
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + port + "/");
        RawHttp.Response r = RawHttp.get(port, "/");
        assertThat(r.status()).isEqualTo(200);
        assertThat(r.text()).contains("<script type=\"module\" src=\"app/main.js\">");
        assertThat(r.header("Content-Type")).isEqualTo("text/html; charset=utf-8");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(r.header("Content-Security-Policy")).contains("script-src 'self'").contains("default-src 'none'")
                .contains("frame-ancestors 'none'").doesNotContain("unsafe");
        assertThat(r.header("Referrer-Policy")).isEqualTo("no-referrer");
        assertThat(RawHttp.get(port, "/app/main.js").header("Content-Type")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(RawHttp.get(port, "/style.css").header("Content-Type")).isEqualTo("text/css; charset=utf-8");
    }

    @Test
    void textGoesGzippedToClientsThatAcceptItAndEverythingElseAsItIs() throws IOException {
        start();
        for (String path : new String[] {"/app/main.js", "/map/previews.json", "/index.html"}) {
            RawHttp.Response plain = RawHttp.get(port, path);
            RawHttp.Response zipped = getWith(path, "Accept-Encoding: gzip, deflate, br");
            assertThat(plain.body().length).as(path).isGreaterThanOrEqualTo(1024);
            assertThat(plain.header("Content-Encoding")).as(path).isNull();
            assertThat(zipped.header("Content-Encoding")).as(path).isEqualTo("gzip");
            assertThat(zipped.header("Vary")).as(path).isEqualTo("Accept-Encoding");
            assertThat(zipped.body().length).as(path).isLessThan(plain.body().length);
            assertThat(gunzip(zipped.body())).as(path).isEqualTo(plain.body());
        }
        for (String name : new String[] {"previews.json", "neighbours.i32"}) {
            RawHttp.Response r = getWith("/map/" + name, "Accept-Encoding: gzip");
            assertThat(r.header("Content-Encoding")).as(name).isEqualTo("gzip");
            assertThat(gunzip(r.body())).as(name).isEqualTo(Files.readAllBytes(mapDir.resolve(name)));
        }
        // binary arrays, refusals (q=0), HEAD and small bodies go as they are
        RawHttp.Response coords = getWith("/map/coords.f32", "Accept-Encoding: gzip");
        assertThat(coords.header("Content-Encoding")).isNull();
        assertThat(coords.body()).isEqualTo(Files.readAllBytes(mapDir.resolve("coords.f32")));
        assertThat(getWith("/app/main.js", "Accept-Encoding: gzip;q=0, identity").header("Content-Encoding")).isNull();
        assertThat(getWith("/app/main.js", "Accept-Encoding: gzip; q=0.5").header("Content-Encoding")).isEqualTo("gzip");
        RawHttp.Response head = RawHttp.send(port, "HEAD /app/main.js HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nAccept-Encoding: gzip", null);
        assertThat(head.header("Content-Encoding")).isNull();
        assertThat(head.header("Content-Length")).isEqualTo(Integer.toString(RawHttp.get(port, "/app/main.js").body().length));
        assertThat(getWith("/nope", "Accept-Encoding: gzip").header("Content-Encoding")).as("a short 404").isNull();
    }

    private RawHttp.Response getWith(String path, String header) throws IOException {
        return RawHttp.send(port, "GET " + path + " HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n" + header, null);
    }

    private static byte[] gunzip(byte[] body) throws IOException {
        try (java.util.zip.GZIPInputStream in = new java.util.zip.GZIPInputStream(new java.io.ByteArrayInputStream(body))) {
            return in.readAllBytes();
        }
    }

    @Test
    void servesTheMapFilesByteForByte() throws IOException {
        start();
        for (String name : new String[] {"map.json", "documents.json", "previews.json", "coords.f32", "drift.f32", "neighbours.i32", "scores.f32"}) {
            RawHttp.Response r = RawHttp.get(port, "/map/" + name);
            assertThat(r.status()).as(name).isEqualTo(200);
            assertThat(r.body()).as(name).isEqualTo(Files.readAllBytes(mapDir.resolve(name)));
            assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
        }
        assertThat(RawHttp.get(port, "/map/coords.f32").header("Content-Type")).isEqualTo("application/octet-stream");
        assertThat(RawHttp.get(port, "/map/map.json").header("Content-Type")).isEqualTo("application/json; charset=utf-8");
        RawHttp.Response head = RawHttp.send(port, "HEAD /map/coords.f32 HTTP/1.1\r\nHost: 127.0.0.1:" + port, null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(Files.size(mapDir.resolve("coords.f32"))));
    }

    @ParameterizedTest
    @ValueSource(strings = {"/../secret.txt", "/map/../../secret.txt", "/%2e%2e/secret.txt", "/map/%2e%2e/%2e%2e/secret.txt",
        "/map/..%2f..%2fsecret.txt", "/map%2f..%2f..%2fsecret.txt", "/%2E%2E%2Fsecret.txt", "/map//map.json", "/map/", "//etc/passwd",
        "/.taskspace-site", "/map/.map.json.1234.tmp"})
    void traversalIsRefusedWith400(String raw) throws IOException {
        start();
        RawHttp.Response r = RawHttp.get(port, raw);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).doesNotContain("SECRET").doesNotContain("root:");
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/..\\secret.txt", "/map/..\\..\\secret.txt", "/map/coords.f32\u0000"})
    void malformedRequestTargetsAreRefusedBeforeAnyLookup(String raw) throws IOException {
        start();
        RawHttp.Response r = RawHttp.get(port, raw);
        assertThat(r.status()).isEqualTo(400); // by the JDK's HTTP parser itself, or by RequestPath
        assertThat(r.text()).doesNotContain("SECRET");
    }

    @ParameterizedTest
    @ValueSource(strings = {"/etc/passwd", "/secret.txt", "/map/notes.txt", "/map/missing.f32", "/pom.xml", "/app/nothing.js",
        "/dev/taskspace/web/page/index.html", "/dev/taskspace/cli/Main.class"})
    void anythingNotOnTheListsIs404(String raw) throws IOException {
        start();
        RawHttp.Response r = RawHttp.get(port, raw);
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).doesNotContain("SECRET").doesNotContain("not listed");
    }

    @Test
    void anAbsoluteFormRequestTargetGetsTheSameChecks() throws IOException {
        start();
        RawHttp.Response r = RawHttp.send(port, "GET http://127.0.0.1:" + port + "/map/../../secret.txt HTTP/1.1\r\nHost: 127.0.0.1:" + port, null);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.text()).doesNotContain("SECRET");
    }

    @Test
    void aListedFileThatLinksOutOfTheMapFolderIsNotServed() throws IOException {
        Path coords = mapDir.resolve("coords.f32");
        Path outside = dir.resolve("project/secret.txt");
        Files.delete(coords);
        try {
            Files.createSymbolicLink(coords, outside);
        } catch (UnsupportedOperationException | IOException e) {
            org.junit.jupiter.api.Assumptions.abort("no symbolic links here: " + e);
        }
        start();
        RawHttp.Response r = RawHttp.get(port, "/map/coords.f32");
        assertThat(r.status()).isEqualTo(404);
        assertThat(r.text()).doesNotContain("SECRET");
    }

    @Test
    void aHostHeaderThatIsNotLoopbackIsRefused() throws IOException {
        start();
        // DNS rebinding: a page on evil.example whose name now points at 127.0.0.1
        RawHttp.Response r = RawHttp.send(port, "GET /map/documents.json HTTP/1.1\r\nHost: evil.example:" + port, null);
        assertThat(r.status()).isEqualTo(403);
        assertThat(RawHttp.send(port, "GET / HTTP/1.1\r\nHost: localhost:" + port, null).status()).isEqualTo(200);
        assertThat(RawHttp.send(port, "GET / HTTP/1.1\r\nHost: [::1]:" + port, null).status()).isEqualTo(200);
        assertThat(PageServer.hostIsLoopback("127.0.0.1.evil.example")).isFalse();
        assertThat(PageServer.hostIsLoopback("localhost.evil.example:80")).isFalse();
        assertThat(PageServer.hostIsLoopback("127.3.4.5")).isTrue();
    }

    @Test
    void oversizeBodiesAreRefusedWith413() throws IOException {
        start(new Recording());
        String head = "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Type: application/json\r\n";
        RawHttp.Response declared = RawHttp.send(port, head + "Content-Length: 10000000", new byte[1000]);
        assertThat(declared.status()).isEqualTo(413);
        assertThat(declared.text()).contains("limited to " + PageServer.MAX_BODY);
        // A chunked body says nothing about its size up front: counted while read.
        StringBuilder chunked = new StringBuilder();
        String chunk = "{\"name\": \"x\", \"instruction\": \"" + "a".repeat(4000);
        for (int i = 0; i < 6; i++) chunked.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        chunked.append("0\r\n\r\n");
        RawHttp.Response streamed = RawHttp.send(port, head + "Transfer-Encoding: chunked", chunked.toString().getBytes(StandardCharsets.US_ASCII));
        assertThat(streamed.status()).isEqualTo(413);
        assertThat(RawHttp.send(port, "GET / HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nContent-Length: 999999", new byte[10]).status())
                .isEqualTo(413);
    }

    @Test
    void badRequestsToTheApiGetAJsonErrorAndNoStackTrace() throws IOException {
        start(new Recording());
        String[][] cases = {
            {"{not json", "400", "not valid JSON"},
            {"[1, 2]", "400", "send {"},
            {"{\"name\": 3, \"instruction\": \"x\"}", "400", "send {"},
            {"{\"name\": \"Bad Name\", \"instruction\": \"Classify it\"}", "400", "lower-case"},
            {"{\"name\": \"../../etc\", \"instruction\": \"Classify it\"}", "400", "lower-case"},
            {"{\"name\": \"" + "a".repeat(41) + "\", \"instruction\": \"Classify it\"}", "400", "longer than 40"},
            {"{\"name\": \"ok\", \"instruction\": \"" + "b".repeat(1001) + "\"}", "400", "longer than 1000"},
            {"{\"name\": \"ok\", \"instruction\": \"  \"}", "400", "empty"},
            {"{\"name\": \"ok\", \"instruction\": \"two\\nlines\"}", "400", "one line"},
            {"{\"name\": \"ok\", \"instruction\": \"two\\u2028lines\"}", "400", "one line"}, // issue 15 case 8
            {"{\"name\": \"ok\", \"instruction\": \"Classify \\u202Eevil\"}", "400", "bidirectional"},
            {"{\"name\": \"topic\", \"instruction\": \"Classify it\"}", "409", "already"},
        };
        for (String[] c : cases) {
            RawHttp.Response r = RawHttp.postJson(port, "/api/tasks", c[0]);
            assertThat(r.status()).as(c[0]).isEqualTo(Integer.parseInt(c[1]));
            assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(c[0]).contains(c[2]);
            assertThat(r.text()).doesNotContain("Exception").doesNotContain("at dev.");
        }
        RawHttp.Response text = RawHttp.send(port, "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: text/plain\r\nContent-Length: 2", "{}".getBytes(StandardCharsets.US_ASCII));
        assertThat(text.status()).as("a form or text/plain post (no CORS preflight) is refused").isEqualTo(415);
        RawHttp.Response foreign = RawHttp.send(port, "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nOrigin: http://evil.example\r\nContent-Type: application/json\r\nContent-Length: 2", "{}".getBytes(StandardCharsets.US_ASCII));
        assertThat(foreign.status()).isEqualTo(403);
        assertThat(RawHttp.get(port, "/api/tasks").status()).isEqualTo(405);
        assertThat(RawHttp.postJson(port, "/index.html", "{}").status()).isEqualTo(405);
        assertThat(RawHttp.get(port, "/api/jobs/nope").status()).isEqualTo(404);
        assertThat(RawHttp.get(port, "/api/other").status()).isEqualTo(404);
    }

    @Test
    void configSaysWhetherLiveTasksRun() throws IOException {
        start();
        JsonNode off = JSON.readTree(RawHttp.get(port, "/config.json").body());
        assertThat(off.path("live").path("available").asBoolean()).isFalse();
        assertThat(off.path("live").path("reason").asText()).isEqualTo("not here");
        RawHttp.Response refused = RawHttp.postJson(port, "/api/tasks", "{\"name\": \"emotion\", \"instruction\": \"Classify the emotion\"}");
        assertThat(refused.status()).isEqualTo(503);
        assertThat(JSON.readTree(refused.body()).path("error").asText()).isEqualTo("not here");
        server.close();
        start(new Recording());
        JsonNode on = JSON.readTree(RawHttp.get(port, "/config.json").body());
        assertThat(on.path("live").path("available").asBoolean()).isTrue();
        assertThat(on.path("live").path("maxInstruction").asInt()).isEqualTo(LiveJobs.MAX_INSTRUCTION);
    }

    @Test
    void aLiveJobRunsOneAtATimeAndReportsProgress() throws Exception {
        Recording live = new Recording();
        live.hold = new CountDownLatch(1);
        start(live);
        RawHttp.Response first = RawHttp.postJson(port, "/api/tasks", "{\"name\": \"emotion\", \"instruction\": \"  Classify the emotion  \"}");
        assertThat(first.status()).isEqualTo(202);
        String id = JSON.readTree(first.body()).path("id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(live.started.await(10, TimeUnit.SECONDS)).isTrue();
        JsonNode running = JSON.readTree(RawHttp.get(port, "/api/jobs/" + id).body());
        assertThat(running.path("state").asText()).isEqualTo("running");
        assertThat(running.path("stage").asText()).isEqualTo("embedding");
        assertThat(running.path("done").asLong()).isEqualTo(5);
        assertThat(running.path("total").asLong()).isEqualTo(37);
        RawHttp.Response second = RawHttp.postJson(port, "/api/tasks", "{\"name\": \"other\", \"instruction\": \"Classify\"}");
        assertThat(second.status()).isEqualTo(409);
        assertThat(JSON.readTree(second.body()).path("error").asText()).contains("a job is running");
        live.hold.countDown();
        JsonNode done = waitFor(id, "done");
        assertThat(done.path("name").asText()).isEqualTo("emotion");
        assertThat(live.instruction).isEqualTo("Classify the emotion");
        assertThat(RawHttp.postJson(port, "/api/tasks", "{\"name\": \"other\", \"instruction\": \"Classify\"}").status()).isEqualTo(202);
    }

    @Test
    void aFailedJobSaysWhyWithoutLeakingInternals() throws Exception {
        Recording live = new Recording();
        start(live);
        live.failure = new TaskspaceException("the model ran out of memory: try a smaller one");
        String id = JSON.readTree(RawHttp.postJson(port, "/api/tasks", "{\"name\": \"a\", \"instruction\": \"x\"}").body()).path("id").asText();
        assertThat(waitFor(id, "failed").path("error").asText()).isEqualTo("the model ran out of memory: try a smaller one");
        live.failure = new IllegalStateException("key sk-SECRET-KEY at /home/user/.env");
        id = JSON.readTree(RawHttp.postJson(port, "/api/tasks", "{\"name\": \"b\", \"instruction\": \"x\"}").body()).path("id").asText();
        JsonNode failed = waitFor(id, "failed");
        assertThat(failed.path("error").asText()).startsWith("internal error");
        assertThat(failed.toString()).doesNotContain("SECRET").doesNotContain(".env");
    }

    @Test
    void aMapDamagedWhileServingGetsA500ThatSaysWhatToDo() throws IOException {
        start();
        Files.writeString(mapDir.resolve("map.json"), "{\"kind\": \"taskspace.map\", \"files\": {");
        RawHttp.Response r = RawHttp.get(port, "/map/coords.f32");
        assertThat(r.status()).as("issue 15 case 6: was an empty reply").isEqualTo(500);
        assertThat(r.text()).contains("map.json").contains("taskspace project").doesNotContain(dir.toString());
        assertThat(r.header("X-Content-Type-Options")).isEqualTo("nosniff");
    }

    @Test
    void aMapServesOnlyFilesWithTheChecksumsItLists() throws IOException {
        // issue 15 case 7: a map listing corpus.jsonl with sha256 "0" served it
        Files.writeString(mapDir.resolve("corpus.jsonl"), "{\"text\": \"SECRET\"}\n");
        Path manifest = mapDir.resolve("map.json");
        com.fasterxml.jackson.databind.node.ObjectNode m = (com.fasterxml.jackson.databind.node.ObjectNode) JSON.readTree(manifest.toFile());
        ((com.fasterxml.jackson.databind.node.ObjectNode) m.get("files")).putObject("corpus.jsonl").put("sha256", "0").put("bytes", 20);
        Files.write(manifest, JSON.writeValueAsBytes(m));
        start();
        RawHttp.Response r = RawHttp.get(port, "/map/corpus.jsonl");
        assertThat(r.status()).isNotEqualTo(200);
        assertThat(r.text()).doesNotContain("SECRET").contains("checksum");
        assertThat(RawHttp.get(port, "/map/coords.f32").status()).as("its own files still serve").isEqualTo(200);
    }

    @Test
    void anOversizeApiBodyGetsAJson413() throws IOException {
        start(new Recording());
        RawHttp.Response r = RawHttp.send(port, "POST /api/tasks HTTP/1.1\r\nHost: 127.0.0.1:" + port
                + "\r\nContent-Type: application/json\r\nContent-Length: 10000000", new byte[100]);
        assertThat(r.status()).isEqualTo(413);
        assertThat(r.header("Content-Type")).as("issue 15 case 9: was text/plain").isEqualTo("application/json; charset=utf-8");
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("limited to " + PageServer.MAX_BODY);
    }

    @Test
    void noMapNoServer() {
        assertThatThrownBy(() -> PageServer.start(dir.resolve("nothing"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("x")))
                .isInstanceOf(TaskspaceException.class).hasMessageContaining("run 'taskspace project' first");
    }

    @Test
    void aTakenPortIsOneClearError() {
        start();
        assertThatThrownBy(() -> PageServer.start(mapDir, InetAddress.getLoopbackAddress(), port, LiveTasks.unavailable("x")))
                .isInstanceOf(TaskspaceException.class).hasMessageContaining("cannot listen on 127.0.0.1:" + port)
                .hasMessageContaining("--port");
    }

    /** Polls a job's status until it reaches {@code state} (bounded: 10 s). */
    JsonNode waitFor(String id, String state) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (true) {
            JsonNode job = JSON.readTree(RawHttp.get(port, "/api/jobs/" + id).body());
            if (job.path("state").asText().equals(state)) return job;
            assertThat(System.nanoTime()).as("job %s reaching %s; now %s", id, state, job).isLessThan(deadline);
            Thread.sleep(10);
        }
    }

    /** A fake that records its call, can hold until released, and can fail. */
    static final class Recording implements LiveTasks {
        volatile CountDownLatch hold;
        final CountDownLatch started = new CountDownLatch(1);
        volatile String instruction;
        volatile RuntimeException failure;

        @Override
        public void run(String name, String instruction, ProgressListener progress) throws InterruptedException {
            this.instruction = instruction;
            progress.update("embedding", 5, 37);
            started.countDown();
            if (hold != null && !hold.await(10, TimeUnit.SECONDS)) throw new IllegalStateException("never released");
            if (failure != null) throw failure;
        }
    }
}
