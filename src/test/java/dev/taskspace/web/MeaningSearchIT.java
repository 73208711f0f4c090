package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.ProjectDir;
import dev.taskspace.cli.Cli;
import dev.taskspace.cli.MeaningQueries;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * Search by meaning in {@code serve}, on a real project: a corpus with hostile texts embedded by the
 * tiny Qwen3-shaped ONNX model (test resources) under two tasks, plus a task imported as a 2-D layout
 * only; the server embeds queries with that model ({@link MeaningQueries}), real ONNX Runtime.
 */
class MeaningSearchIT extends PageBrowserTest {
    static final ObjectMapper JSON = new ObjectMapper();
    static final String HOSTILE = "<img src=x onerror=\"window.pwned=1\"> launch the rocket <script>window.pwned=2</script> & orbit";
    @TempDir
    static Path dir;
    static PageServer server;
    static MapData map;

    @BeforeAll
    static void embedAndServe() throws Exception {
        Path model = Path.of(MeaningSearchIT.class.getResource("/dev/taskspace/embed/onnx/tiny-qwen3").toURI());
        String[] words = {"capital", "China", "Beijing", "gravity", "force", "bodies", "planets", "sun", "hello", "engine", "rocket", "orbit"};
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 150; i++) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("id", "doc-" + i);
            doc.put("text", i == 17 ? HOSTILE : "the " + words[i % 12] + " " + words[(i * 5) % 12] + " " + words[(i * 7 + 3) % 12] + " " + i);
            doc.put("label", i == 17 ? "<b>bold</b>" : "c" + (i % 3));
            doc.put("year", 1990 + (i * 7) % 30); // corpus fields: numeric and categorical (one hostile value)
            doc.put("source", i % 11 == 0 ? "<img src=x onerror=\"window.pwned=3\">" : "source " + (char) ('a' + i % 4));
            jsonl.append(JSON.writeValueAsString(doc)).append('\n');
        }
        Path input = Files.writeString(dir.resolve("docs.jsonl"), jsonl);
        String out = dir.resolve("p").toString();
        Map<String, String> env = Map.of("TASKSPACE_CACHE", dir.resolve("cache").toString(), "HF_HUB_OFFLINE", "1");
        cli(env, "corpus", "-i", input.toString(), "--out", out, "-q");
        cli(env, "embed", "--model", model.toString(), "--tasks", "default,topic", "--out", out, "-q");
        cli(env, "project", "--out", out, "-q");
        ProjectDir project = new ProjectDir(Path.of(out));
        // A third task as 'taskspace import' leaves it: 2-D coordinates, no vectors.
        MapData m = MapArtefact.read(project.mapDir());
        MapData.TaskLayer topic = m.tasks().get(1);
        List<MapData.TaskLayer> tasks = new ArrayList<>(m.tasks());
        tasks.add(new MapData.TaskLayer("elsewhere", null, "a layout made elsewhere", topic.coords(), topic.drift(), topic.neighbours(),
                Map.of(), "Other-Model"));
        MapArtefact.write(project.mapDir(), new MapData(m.ids(), m.labels(), m.previews(), tasks, m.axes(), new double[3][3], m.provenance(),
                m.texts(), m.meta()));
        map = MapArtefact.read(project.mapDir());
        server = PageServer.start(project.mapDir(), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("not in this test"),
                MeaningQueries.of(project, env, dir.resolve("cache")), PageServer.Settings.DEFAULT);
    }

    private static void cli(Map<String, String> env, String... args) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env, args);
        assertThat(code).as(String.join(" ", args) + ": " + err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static void searchByMeaning(String query) {
        new Select(byId("search-mode")).selectByValue("meaning");
        WebElement box = byId("search");
        box.clear();
        box.sendKeys(query);
        assertThat(browser.state().get("matches")).as("typing alone does not run the model").isNull();
        box.sendKeys(Keys.ENTER);
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> answered(String task) {
        return browser.until(d -> {
            Map<String, Object> s = browser.state();
            return s != null && task.equals(s.get("task")) && s.get("matches") != null && !((List<?>) s.get("matchScores")).isEmpty() ? s : null;
        });
    }

    @Test
    @SuppressWarnings("unchecked")
    void aTextsOwnWordsFindItFirstUnderEveryEmbeddedTaskAndItShowsAsText() {
        open(server, "");
        searchByMeaning(HOSTILE);
        Map<String, Object> s = answered("default");
        assertThat(((Number) s.get("matches")).intValue()).isEqualTo(100);
        assertThat(((List<String>) s.get("matchIds")).get(0)).isEqualTo("doc-17");
        List<Number> scores = (List<Number>) s.get("matchScores");
        assertThat(scores.get(0).doubleValue()).as("the query is embedded as the document was").isGreaterThan(0.9999);
        for (int r = 1; r < scores.size(); r++) assertThat(scores.get(r).doubleValue()).isLessThanOrEqualTo(scores.get(r - 1).doubleValue());
        WebElement first = browser.driver().findElement(By.cssSelector("#results-panel .result"));
        assertThat(first.getText()).contains(HOSTILE.substring(0, 60)).contains("<b>bold</b>");
        assertThat(byId("results-panel").getText()).contains("nearest").contains("model the map was made with");
        assertThat(byId("search-count").getText()).isEqualTo("top 100");
        assertThat(browser.js("return window.pwned === undefined && document.querySelectorAll('#results-panel img, #results-panel script').length === 0"))
                .isEqualTo(true);
        assertThat(browser.driver().getCurrentUrl()).contains("by=meaning");
        browser.saveScreenshot(SHOTS.resolve("meaning-search-1440.png"));

        // Another task: searched again under its instruction; its own text is still nearest.
        byId("plot").click();
        browser.driver().findElement(By.tagName("body")).sendKeys("2");
        s = answered("topic");
        assertThat(((List<String>) s.get("matchIds")).get(0)).isEqualTo("doc-17");
        assertThat(byId("results-panel").getText()).containsIgnoringCase("“topic”");

        // The results list: ArrowDown from the box enters it, Enter selects.
        byId("search").sendKeys(Keys.ARROW_DOWN);
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        assertThat((Object) browser.until(d -> browser.state().get("selected"))).isEqualTo("doc-17");

        // A link keeps the mode: opened afresh, it searches by meaning again.
        String url = browser.driver().getCurrentUrl();
        browser.driver().get("about:blank");
        browser.driver().get(url);
        s = answered("topic");
        assertThat(s.get("searchMode")).isEqualTo("meaning");
        assertThat(new Select(byId("search-mode")).getFirstSelectedOption().getAttribute("value")).isEqualTo("meaning");
    }

    @Test
    void aTaskImportedWithoutVectorsSaysSoInsteadOfSearching() throws Exception {
        open(server, "#task=elsewhere");
        searchByMeaning("rocket orbit");
        String note = browser.until(d -> (String) browser.state().get("searchNote"));
        assertThat(note).contains("“elsewhere”").contains("imported from Other-Model without its vectors");
        assertThat(browser.state().get("matches")).isNull();
        // The server says the same, as JSON, to a script that asks anyway.
        HttpResponse<String> r = post("{\"task\": \"elsewhere\", \"query\": \"rocket\"}");
        assertThat(r.statusCode()).isEqualTo(422);
        assertThat(JSON.readTree(r.body()).path("error").asText()).contains("imported without vectors");
        // Back to words: the same query is searched by words at once.
        new Select(byId("search-mode")).selectByValue("words");
        assertThat((Object) browser.until(d -> browser.state().get("matches"))).isNotNull();
    }

    @Test
    void theApiAnswersInJsonAndRefusesBadRequests() throws Exception {
        HttpResponse<String> ok = post("{\"task\": \"topic\", \"query\": \"the gravity force\", \"k\": 5}");
        assertThat(ok.statusCode()).isEqualTo(200);
        JsonNode body = JSON.readTree(ok.body());
        assertThat(body.path("indices")).hasSize(5);
        assertThat(body.path("scores").get(0).asDouble()).isGreaterThanOrEqualTo(body.path("scores").get(4).asDouble());
        assertThat(JSON.readTree(post("{\"task\": \"topic\", \"query\": \"the gravity force\", \"k\": 5}").body()).path("cached").asBoolean())
                .as("the same query again comes from the cache").isTrue();
        String[][] bad = {
            {"{\"task\": \"nope\", \"query\": \"x\"}", "404", "no task"},
            {"{\"task\": \"topic\", \"query\": \"   \"}", "400", "1 to 1000 characters"},
            {"{\"task\": \"topic\", \"query\": \"" + "x".repeat(1001) + "\"}", "400", "1 to 1000 characters"},
            {"{\"task\": \"topic\", \"query\": \"x\", \"k\": 0}", "400", "k must be"},
            {"{\"task\": \"topic\"}", "400", "send {"},
            {"{not json", "400", "not valid JSON"},
        };
        for (String[] b : bad) {
            HttpResponse<String> r = post(b[0]);
            assertThat(r.statusCode()).as(b[0]).isEqualTo(Integer.parseInt(b[1]));
            assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
            assertThat(JSON.readTree(r.body()).path("error").asText()).as(b[0]).contains(b[2]);
        }
        HttpResponse<String> get = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "api/search")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(get.statusCode()).isEqualTo(405);
        HttpResponse<String> foreign = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "api/search"))
                .header("Content-Type", "application/json").header("Origin", "http://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"task\": \"topic\", \"query\": \"x\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(foreign.statusCode()).isEqualTo(403);
    }

    /** The page with meaning results and a field's colouring at 1024, 1400, 390 and 820 px wide, for a person to look at. */
    @Test
    void screenshotsAtThreeWidths() {
        try {
            for (int width : new int[] {1024, 1400, 390, 820}) {
                browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(width, width == 390 ? 844 : 800));
                open(server, "#task=topic&colour=meta%3Ayear&by=meaning&q=" + java.net.URLEncoder.encode("the rocket orbit", StandardCharsets.UTF_8)
                        .replace("+", "%20"));
                answered("topic");
                browser.until(d -> "year".equals(browser.state().get("legendTitle")));
                assertThat(browser.js("return window.pwned === undefined;")).isEqualTo(true);
                browser.saveScreenshot(SHOTS.resolve("meaning-and-field-" + width + ".png"));
                // Room to type a query (it was 60 px at 1024), and every region label inside the map (they ran past its right edge at 390).
                double input = ((Number) browser.js("return document.getElementById('search').getBoundingClientRect().width;")).doubleValue();
                assertThat(input).as("the search box's width at %d px: %s", width, browser.js(
                        "return [...document.querySelector('.bar').children].map(e => e.className + ' ' + Math.round(e.getBoundingClientRect().width)).join(', ');"))
                        .isGreaterThanOrEqualTo(140);
                List<Map<String, Object>> labels = browser.until(d -> {
                    @SuppressWarnings("unchecked")
                    List<Map<String, Object>> l = (List<Map<String, Object>>) ((Map<String, Object>) browser.state().get("regionLabels")).get("labels");
                    Object plot = browser.js("return document.getElementById('plot').clientWidth;");
                    return !l.isEmpty() && ((Number) l.get(0).get("width")).intValue() == ((Number) plot).intValue() ? l : null;
                });
                labels.forEach(RegionsPageIT::assertLabelInside);
            }
        } finally {
            browser.driver().manage().window().setSize(new org.openqa.selenium.Dimension(1440, 900));
        }
    }

    private static HttpResponse<String> post(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.uri() + "api/search"))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
