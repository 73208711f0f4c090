package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.map.MapData;
import dev.taskspace.map.MapExport;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.interactions.Actions;

/**
 * Search over whole texts, the results list, whole texts on demand, metadata, group selection
 * (box, lasso, Shift-click), export downloads and the selection card keeping clear of what it
 * describes: in headless Chromium against the small test map, whose hostile texts appear in
 * every new place (results, whole text, metadata, exported files).
 */
class ExploreIT extends PageBrowserTest {
    @TempDir
    static Path dir;
    static PageServer server;
    static final MapData MAP = TestMaps.small(false);

    @BeforeAll
    static void serve() throws IOException {
        server = serveMap(dir, MAP);
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static int index(String id) {
        return MAP.ids().indexOf(id);
    }

    static void assertNothingRan() {
        assertThat(browser.js("return window.__pwned === undefined;")).isEqualTo(true);
    }

    @SuppressWarnings("unchecked")
    static List<String> list(String key) {
        return (List<String>) browser.state().get(key);
    }

    @Test
    void searchFindsWordsPastThePreviewListsThemAndTheKeyboardSelectsOne() {
        open(server, "");
        WebElement box = byId("search");
        box.sendKeys(TestMaps.LATE_WORD);
        browser.until(d -> Boolean.TRUE.equals(browser.state().get("searchedWholeTexts")) && list("matchIds").size() == 1);
        assertThat(list("matchIds")).containsExactly("space-03");
        WebElement results = byId("results-panel");
        assertThat(results.getText()).contains("Every word must occur in the text or its id");
        WebElement mark = results.findElement(By.cssSelector(".result mark"));
        assertThat(mark.getText()).isEqualTo("Zanzibar");
        box.sendKeys(Keys.ARROW_DOWN);
        assertThat(browser.driver().switchTo().activeElement().getAttribute("data-index")).isEqualTo(String.valueOf(index("space-03")));
        browser.driver().switchTo().activeElement().sendKeys(Keys.ENTER);
        browser.until(d -> "space-03".equals(browser.state().get("selected")));
        // the hostile text's tail, past its preview, shows as text in a result's snippet
        box.clear();
        box.sendKeys("pwned=2", Keys.ENTER);
        browser.until(d -> list("matchIds").equals(List.of("space-09")));
        assertThat(results.findElement(By.cssSelector(".result .snippet")).getText()).contains("<img src=y onerror=");
        assertNothingRan();
    }

    @Test
    void theWholeTextLoadsWhenAskedShowsAsTextAndCopies() {
        open(server, "#doc=space-09");
        assertThat(browser.js("return performance.getEntriesByType('resource').some(e => /texts-/.test(e.name));"))
                .as("whole texts are not part of the first load").isEqualTo(false);
        WebElement card = byId("selection-panel");
        card.findElement(By.className("whole-text-open")).click();
        WebElement whole = browser.until(d -> d.findElements(By.className("whole-text")).stream().findFirst().orElse(null));
        assertThat(whole.getText()).isEqualTo(MAP.texts().get(index("space-09")).strip());
        assertThat(whole.getText()).contains(TestMaps.LATE_SCRIPT);
        card.findElement(By.className("copy-text")).click();
        browser.until(d -> !card.findElement(By.className("copy-status")).getText().isEmpty());
        assertNothingRan();
        // line breaks stay
        open(server, "#doc=med-02");
        byId("selection-panel").findElement(By.className("whole-text-open")).click();
        WebElement med = browser.until(d -> d.findElements(By.className("whole-text")).stream().findFirst().orElse(null));
        assertThat(med.getText()).isEqualTo(MAP.texts().get(index("med-02")));
    }

    @Test
    void metadataShowsInTheTooltipAndTheCardAsText() {
        open(server, "");
        browser.until(d -> list("metaFields").equals(List.of("year", "author", "replies")));
        hover("guns-09");
        browser.until(d -> "guns-09".equals(browser.state().get("hover")));
        assertThat(byId("tooltip").findElement(By.className("tooltip-meta")).getText()).contains("author: " + TestMaps.META_SCRIPT);
        clickDocument("guns-09");
        browser.until(d -> "guns-09".equals(browser.state().get("selected")));
        assertThat(byId("selection-panel").findElement(By.className("meta")).getText()).contains(TestMaps.META_SCRIPT).contains("replies");
        assertThat(byId("selection-panel").findElements(By.tagName("b")).stream().map(WebElement::getText)).doesNotContain("Mallory");
        assertNothingRan();
    }

    @Test
    void theSelectionCardNeverCoversTheSelectedTextOrItsNeighbours() {
        for (String id : List.of("space-03", "ball-05", "guns-02", "med-06")) {
            for (String task : List.of("default", "sentiment")) {
                open(server, "#task=" + task + "&doc=" + id);
                @SuppressWarnings("unchecked")
                List<String> focus = new ArrayList<>((List<String>) browser.state().get("neighbours"));
                focus.add(id);
                assertThat(coveredByCard(focus)).as("of %s's selection in %s, under the card or off the map", id, task).isNull();
                // The whole text grows the card: the map pans again so that it still covers none of them.
                int before = byId("selection-panel").getRect().getHeight();
                byId("selection-panel").findElement(By.className("whole-text-open")).click();
                browser.until(d -> !d.findElements(By.cssSelector("#selection-panel .whole-text")).isEmpty());
                assertThat(byId("selection-panel").getRect().getHeight()).as("the card grew").isGreaterThan(before);
                browser.until(d -> coveredByCard(focus) == null); // times out (fails) while one stays under the card
            }
        }
    }

    /** The first of {@code ids} under the selection card or off the map, or null. */
    private static String coveredByCard(List<String> ids) {
        var card = byId("selection-panel").getRect();
        for (String f : ids) {
            double[] p = position(f);
            boolean under = p[0] >= card.getX() && p[0] <= card.getX() + card.getWidth() && p[1] >= card.getY()
                    && p[1] <= card.getY() + card.getHeight();
            if (under || !Boolean.TRUE.equals(browser.js("return window.taskspace.screenPosition(arguments[0]).inside;", f))) return f;
        }
        return null;
    }

    @Test
    void boxAndLassoSelectWhatTheyHoldShiftClickAddsTheGroupFollowsTasksAndEscapeClears() {
        open(server, "#task=topic");
        new Actions(browser.driver()).sendKeys("b").perform();
        assertThat(browser.driver().findElement(By.cssSelector(".tool[data-tool='box']")).getAttribute("aria-pressed")).isEqualTo("true");
        // a box around the sci.space cluster: the texts whose dots lie inside it, no more, no fewer
        double[] lo = {Double.MAX_VALUE, Double.MAX_VALUE}, hi = {-Double.MAX_VALUE, -Double.MAX_VALUE};
        for (String id : MAP.ids()) {
            if (!"sci.space".equals(MAP.labels().get(index(id)))) continue;
            double[] p = position(id);
            lo[0] = Math.min(lo[0], p[0]); lo[1] = Math.min(lo[1], p[1]); hi[0] = Math.max(hi[0], p[0]); hi[1] = Math.max(hi[1], p[1]);
        }
        drag(List.of(new double[] {lo[0] - 6, lo[1] - 6}, new double[] {hi[0] + 6, hi[1] + 6}));
        List<String> expected = inside(lo[0] - 6, lo[1] - 6, hi[0] + 6, hi[1] + 6);
        assertThat(expected).contains("space-01", "space-09");
        browser.until(d -> list("group").size() == expected.size());
        assertThat(list("group")).containsExactlyInAnyOrderElementsOf(expected);
        assertThat(byId("group-panel").getText()).containsIgnoringCase("Selection: " + expected.size() + " texts").contains("sci.space");
        // Shift-click adds one more; the group stays the same documents in another task
        new Actions(browser.driver()).sendKeys("p").perform();
        double[] m = position("med-01");
        new Actions(browser.driver()).keyDown(Keys.SHIFT).moveToLocation((int) m[0], (int) m[1]).click().keyUp(Keys.SHIFT).perform();
        browser.until(d -> list("group").contains("med-01"));
        new Actions(browser.driver()).sendKeys("3").perform();
        settled("sentiment");
        assertThat(list("group")).hasSize(expected.size() + 1);
        // a lasso (a triangle) around one text's dot
        new Actions(browser.driver()).sendKeys("l").perform();
        double[] b = position("ball-03");
        drag(List.of(new double[] {b[0] - 9, b[1] - 9}, new double[] {b[0] + 9, b[1] - 9}, new double[] {b[0] + 9, b[1] + 9},
                new double[] {b[0] - 9, b[1] + 9}, new double[] {b[0] - 9, b[1] - 8}));
        browser.until(d -> list("group").size() >= 1 && list("group").contains("ball-03"));
        assertThat(list("group")).containsExactlyInAnyOrderElementsOf(inside(b[0] - 9, b[1] - 9, b[0] + 9, b[1] + 9));
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).perform();
        browser.until(d -> list("group").isEmpty());
        assertNothingRan();
    }

    @Test
    void exportedFilesOpenBackWithTheWholeTextsMetadataAndCoordinates(@TempDir Path downloads) throws IOException {
        ((ChromeDriver) browser.driver()).executeCdpCommand("Browser.setDownloadBehavior",
                Map.of("behavior", "allow", "downloadPath", downloads.toString()));
        open(server, "#hide=sci.med");
        // without a selection, E opens the export of everything visible
        new Actions(browser.driver()).sendKeys("e").perform();
        assertThat(browser.driver().switchTo().activeElement().getAttribute("data-format")).isEqualTo("jsonl");
        assertThat(byId("group-panel").getText()).contains("Export the 28 visible texts");
        open(server, "#q=the&hide=sci.med");
        byId("results-panel").findElement(By.cssSelector(".results-head button")).click(); // select all matches
        browser.until(d -> !list("group").isEmpty());
        List<String> group = list("group");
        byId("group-panel").findElement(By.cssSelector("button.export[data-format='jsonl']")).click();
        Path jsonl = waitForFile(downloads, ".jsonl");
        int[] rows = group.stream().mapToInt(ExploreIT::index).toArray();
        ByteArrayOutputStream java = new ByteArrayOutputStream();
        MapExport.writeJsonLines(MAP, rows, java);
        ObjectMapper json = new ObjectMapper();
        List<String> got = Files.readAllLines(jsonl, StandardCharsets.UTF_8);
        List<String> want = java.toString(StandardCharsets.UTF_8).lines().toList();
        assertThat(got).hasSameSizeAs(want);
        for (int r = 0; r < want.size(); r++) {
            com.fasterxml.jackson.databind.node.ObjectNode g = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(got.get(r));
            com.fasterxml.jackson.databind.node.ObjectNode e = (com.fasterxml.jackson.databind.node.ObjectNode) json.readTree(want.get(r));
            JsonNode gc = g.remove("coords"), ec = e.remove("coords");
            assertThat(g).as("row %d", r).isEqualTo(e);
            for (MapData.TaskLayer t : MAP.tasks()) {
                for (int c = 0; c < 2; c++) {
                    assertThat(gc.path(t.name()).get(c).floatValue()).as("row %d %s", r, t.name()).isEqualTo(ec.path(t.name()).get(c).floatValue());
                }
            }
        }
        // the same rows as taskspace export with the page's filter, and the hostile texts survive whole
        assertThat(group).containsExactlyElementsOf(Arrays.stream(MapExport.select(MAP, MapExport.Filter.fromLink("#q=the&hide=sci.med")))
                .mapToObj(i -> MAP.ids().get(i)).toList());
        JsonNode space09 = got.stream().map(l -> read(json, l)).filter(n -> n.path("id").asText().equals("space-09")).findFirst().orElseThrow();
        assertThat(space09.path("text").asText()).isEqualTo(MAP.texts().get(index("space-09")));
        // CSV: every selected text once, quoted where needed
        byId("group-panel").findElement(By.cssSelector("button.export[data-format='csv']")).click();
        Path csv = waitForFile(downloads, ".csv");
        java.io.StringWriter w = new java.io.StringWriter();
        MapExport.writeCsv(MAP, rows, w);
        List<List<String>> page = parseCsv(Files.readString(csv, StandardCharsets.UTF_8));
        List<List<String>> cli = parseCsv(w.toString());
        assertThat(page).hasSameSizeAs(cli).hasSize(group.size() + 1);
        for (int r = 0; r < cli.size(); r++) {
            assertThat(page.get(r).subList(0, 4)).as("row %d", r).isEqualTo(cli.get(r).subList(0, 4));
            for (int c = 4; c < cli.get(r).size(); c++) {
                if (r == 0) assertThat(page.get(r).get(c)).isEqualTo(cli.get(r).get(c));
                else assertThat(Float.parseFloat(page.get(r).get(c))).isEqualTo(Float.parseFloat(cli.get(r).get(c)));
            }
        }
        assertThat(page.stream().filter(row -> row.get(0).equals("space-09")).findFirst().orElseThrow().get(2))
                .isEqualTo(MAP.texts().get(index("space-09")));
        assertNothingRan();
    }

    /** RFC 4180: quoted cells may hold commas, doubled quotes and line breaks; rows end with CRLF. */
    static List<List<String>> parseCsv(String text) {
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder cell = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char ch = text.charAt(i);
            if (quoted) {
                if (ch == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') { cell.append('"'); i++; }
                else if (ch == '"') quoted = false;
                else cell.append(ch);
            } else if (ch == '"') quoted = true;
            else if (ch == ',') { row.add(cell.toString()); cell.setLength(0); }
            else if (ch == '\r' && i + 1 < text.length() && text.charAt(i + 1) == '\n') {
                row.add(cell.toString()); cell.setLength(0); rows.add(row); row = new ArrayList<>(); i++;
            } else cell.append(ch);
        }
        return rows;
    }

    private static JsonNode read(ObjectMapper json, String line) {
        try {
            return json.readTree(line);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Path waitForFile(Path dir, String suffix) {
        return browser.until(d -> {
            try (Stream<Path> files = Files.list(dir)) {
                return files.filter(f -> f.toString().endsWith(suffix)).findFirst().orElse(null);
            } catch (IOException e) {
                return null;
            }
        });
    }

    /** The visible documents whose dots lie inside the screen rectangle. */
    private static List<String> inside(double x0, double y0, double x1, double y1) {
        List<String> out = new ArrayList<>();
        for (String id : MAP.ids()) {
            double[] p = position(id);
            if (p[0] >= x0 && p[0] <= x1 && p[1] >= y0 && p[1] <= y1) out.add(id);
        }
        return out;
    }

    private static void drag(List<double[]> points) {
        Actions a = new Actions(browser.driver()).moveToLocation((int) Math.round(points.get(0)[0]), (int) Math.round(points.get(0)[1])).clickAndHold();
        for (double[] p : points.subList(1, points.size())) a = a.moveToLocation((int) Math.round(p[0]), (int) Math.round(p[1]));
        a.release().perform();
    }
}
