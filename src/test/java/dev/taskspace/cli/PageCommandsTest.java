package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapArtefact;
import dev.taskspace.web.TestMaps;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code taskspace site} and {@code taskspace serve} as a user runs them. */
class PageCommandsTest {
    @TempDir
    Path dir;

    String out;
    String err;

    int run(String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream(), e = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8),
                Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString()), args);
        out = o.toString(StandardCharsets.UTF_8);
        err = e.toString(StandardCharsets.UTF_8);
        return code;
    }

    @Test
    void siteWritesIntoTheProjectOrWhereAsked() {
        MapArtefact.write(dir.resolve("p/map"), TestMaps.small(false));
        assertThat(run("site", "--out", dir.resolve("p").toString())).isZero();
        assertThat(dir.resolve("p/site/index.html")).exists();
        assertThat(dir.resolve("p/site/map/coords.f32")).exists();
        assertThat(out).contains("37 documents, 4 tasks").contains(dir.resolve("p/site").toString()).contains("file://");
        assertThat(run("site", "--out", dir.resolve("p").toString(), "--site", dir.resolve("docs").toString())).isZero();
        assertThat(dir.resolve("docs/app/main.js")).exists();
    }

    @Test
    void exportWritesTheFilteredDocumentsWithWholeTextsAsJsonLinesOrCsv() throws IOException {
        MapArtefact.write(dir.resolve("p/map"), TestMaps.small(false));
        String p = dir.resolve("p").toString();
        assertThat(run("export", "--out", p, "--query", TestMaps.LATE_WORD)).isZero();
        assertThat(out.lines()).singleElement().asString().contains("\"id\":\"space-03\"").contains("Zanzibar");
        Path csv = dir.resolve("guns.csv");
        assertThat(run("export", "--out", p, "--link", "http://127.0.0.1:8000/#task=topic&only=talk.politics.guns", "--to", csv.toString())).isZero();
        assertThat(err).contains("wrote 10 of 37 documents to " + csv);
        String text = java.nio.file.Files.readString(csv);
        assertThat(text).startsWith("id,label,text,meta,default.x").contains("guns-09").doesNotContain("med-01");
        assertThat(run("export", "--out", p, "--only", "sci.spice")).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString().contains("no category 'sci.spice'").contains("sci.space");
        assertThat(run("export", "--out", p, "--format", "xml")).isEqualTo(1);
        assertThat(err).contains("use jsonl or csv");
    }

    @Test
    void withoutAMapSiteAndServeSayWhatToRun() {
        assertThat(run("site", "--out", dir.resolve("empty").toString())).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString().startsWith("taskspace: error: no map in").contains("run 'taskspace project' first");
        assertThat(run("serve", "--out", dir.resolve("empty").toString())).isEqualTo(1);
        assertThat(err.lines()).singleElement().asString().contains("run 'taskspace project' first");
    }

    @Test
    void serveListensOnLoopbackByDefaultPrintsItsAddressAndStopsCleanly() throws Exception {
        MapArtefact.write(dir.resolve("p/map"), TestMaps.small(false));
        Served served = serve("serve", "--out", dir.resolve("p").toString(), "--port", "0");
        try {
            assertThat(served.url).startsWith("http://127.0.0.1:");
            HttpResponse<String> page = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(served.url)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.body()).contains("taskspace");
            assertThat(served.err.toString(StandardCharsets.UTF_8)).doesNotContain("WARNING");
        } finally {
            served.stop();
        }
        assertThat(served.code.get()).isZero();
    }

    @Test
    void anotherAddressOnlyWithTheFlagAndWithAnAccessTokenInThePrintedAddress() throws Exception {
        MapArtefact.write(dir.resolve("p/map"), TestMaps.small(false));
        Served served = serve("serve", "--out", dir.resolve("p").toString(), "--port", "0", "--bind", "0.0.0.0");
        try {
            assertThat(served.err.toString(StandardCharsets.UTF_8)).contains("listening on 0.0.0.0").contains("access token");
            assertThat(served.url).matches("http://127\\.0\\.0\\.1:\\d+/\\?token=[0-9a-f]{32}");
            HttpClient client = HttpClient.newHttpClient();
            String bare = served.url.substring(0, served.url.indexOf('?'));
            assertThat(client.send(HttpRequest.newBuilder(URI.create(bare)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(401);
            assertThat(client.send(HttpRequest.newBuilder(URI.create(served.url)).build(), HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
        } finally {
            served.stop();
        }
    }

    @Test
    void anAddressOfAnotherMachineIsOneClearLine() throws Exception {
        MapArtefact.write(dir.resolve("p/map"), TestMaps.small(false));
        var run = dev.taskspace.testing.CliRun.of(Map.of(), "serve", "--out", dir.resolve("p").toString(), "--port", "0", "--bind", "10.255.255.1");
        assertThat(run.code()).isNotZero();
        assertThat(run.err()).as("issue 15 case 9").contains("10.255.255.1 is not an address of this machine").contains("0.0.0.0");
    }

    /** A running {@code serve}: its printed address, its exit code once stopped. */
    static final class Served {
        Thread thread;
        String url;
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        final AtomicInteger code = new AtomicInteger(-1);

        void stop() throws InterruptedException {
            thread.interrupt();
            thread.join(10_000);
            assertThat(thread.isAlive()).isFalse();
        }
    }

    /** Starts the command on a thread and reads its output until it prints the address. */
    Served serve(String... args) throws IOException {
        Served s = new Served();
        PipedInputStream pipe = new PipedInputStream(1 << 16);
        PrintStream o = new PrintStream(new PipedOutputStream(pipe), true, StandardCharsets.UTF_8);
        PrintStream e = new PrintStream(s.err, true, StandardCharsets.UTF_8);
        s.thread = new Thread(() -> {
            s.code.set(Cli.run(o, e, Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString()), args));
            o.close();
        });
        s.thread.start();
        StringBuilder printed = new StringBuilder();
        Pattern url = Pattern.compile("at (http://\\S+)");
        int c;
        while ((c = pipe.read()) >= 0) {
            printed.append((char) c);
            Matcher m = url.matcher(printed);
            if (c == '\n' && m.find()) {
                s.url = m.group(1);
                return s;
            }
        }
        throw new AssertionError("serve printed no address: " + printed + s.err.toString(StandardCharsets.UTF_8));
    }
}
