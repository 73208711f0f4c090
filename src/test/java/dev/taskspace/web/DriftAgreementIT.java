package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.cli.Cli;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.testing.SharedData;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over a real map (the demo's 800 posts through a bundled model, default and topic): for every
 * document, the stored drift, the colour the page gives it in drift mode and the "N new" the
 * selection panel says (and the "new" badges it shows) agree: drift = N / k. Then the page's
 * labels, change view and side by side on that map, as screenshots to look at.
 */
class DriftAgreementIT extends PageBrowserTest {
    /** colours.js DRIFT_STOPS: the expected colour of a drift is read off the same five stops. */
    private static final int[][] DRIFT_STOPS = {{0xc5, 0xcd, 0xd8}, {0xf3, 0xc1, 0x6b}, {0xef, 0x7b, 0x45}, {0xc8, 0x28, 0x3a}, {0x6b, 0x0f, 0x2a}};
    @TempDir
    static Path dir;
    static PageServer server;
    static MapData map;

    @BeforeAll
    static void makeTheMap() throws Exception {
        Path archive = SharedData.require("20news-bydate.tar.gz");
        Map<String, String> env = new HashMap<>();
        env.put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        env.put("TASKSPACE_NEWSGROUPS", archive.toString());
        env.put("HF_HUB_OFFLINE", "1");
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                env, "demo", "--model", "minilm-q", "--tasks", "default,topic", "--out", dir.resolve("p").toString(), "-q",
                "--site", dir.resolve("site").toString());
        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        Path mapDir = dir.resolve("p").resolve("map");
        map = MapArtefact.read(mapDir);
        server = PageServer.start(mapDir, InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("not in this test"));
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    static int[] ramp(double v) {
        double x = Math.min(1, Math.max(0, v)) * (DRIFT_STOPS.length - 1);
        int i = Math.min(DRIFT_STOPS.length - 2, (int) Math.floor(x));
        double f = x - i;
        int[] out = new int[3];
        for (int k = 0; k < 3; k++) out[k] = (int) Math.round(DRIFT_STOPS[i][k] + (DRIFT_STOPS[i + 1][k] - DRIFT_STOPS[i][k]) * f);
        return out;
    }

    @Test
    @SuppressWarnings("unchecked")
    void driftColourAndNewCountAgreeOnEveryDocument() {
        open(server, "#task=topic&colour=drift");
        int k = map.tasks().get(1).neighbours()[0].length;
        // For every document: select it through the address, then read the panel and the colour the renderer got.
        List<Map<String, Object>> rows = new java.util.ArrayList<>();
        for (int from = 0; from < map.ids().size(); from += 50) rows.addAll((List<Map<String, Object>>) browser.js("""
                const out = [];
                for (const id of arguments[0]) {
                  window.location.hash = 'task=topic&colour=drift&doc=' + encodeURIComponent(id);
                  window.dispatchEvent(new HashChangeEvent('hashchange'));
                  const text = document.querySelector('#selection-panel .selection-drift').textContent;
                  const badges = document.querySelectorAll('#selection-panel .neighbour .badge').length;
                  out.push({id, text, badges, colour: window.taskspace.colourOf(id)});
                }
                return out;""", map.ids().subList(from, Math.min(map.ids().size(), from + 50))));
        assertThat(rows).hasSize(map.ids().size());
        float[] drift = map.tasks().get(1).drift();
        int differing = 0;
        for (int i = 0; i < rows.size(); i++) {
            Map<String, Object> row = rows.get(i);
            int fresh = Math.round(drift[i] * k);
            assertThat((double) drift[i] * k).as("drift of %s times k is a whole number", row.get("id")).isCloseTo(fresh, org.assertj.core.data.Offset.offset(1e-4));
            assertThat((String) row.get("text")).as("panel of %s", row.get("id")).contains(": " + fresh + " new compared with");
            assertThat(((Number) row.get("badges")).intValue()).as("badges of %s", row.get("id")).isEqualTo(fresh);
            List<Number> c = (List<Number>) row.get("colour");
            int[] want = ramp(drift[i]);
            for (int ch = 0; ch < 3; ch++) assertThat(c.get(ch).intValue()).as("colour of %s", row.get("id")).isEqualTo(want[ch]);
            if (fresh > 0) differing++;
        }
        assertThat(differing).as("documents whose neighbours changed").isGreaterThan(100);
        assertThat(map.tasks().get(1).figures().get("meanDrift")).isCloseTo(mean(drift), org.assertj.core.data.Offset.offset(1e-6));
    }

    private static double mean(float[] v) {
        double s = 0;
        for (float x : v) s += x;
        return s / v.length;
    }

    @Test
    void theRealMapsLabelsChangeViewAndSideBySideAsScreenshots() {
        open(server, "#task=topic");
        browser.until(d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> labels = (Map<String, Object>) browser.state().get("regionLabels");
            return ((List<?>) labels.get("labels")).size() >= 5 ? true : null;
        });
        browser.saveScreenshot(SHOTS.resolve("real-labels-topic.png"));
        // the baseball region is named by baseball words
        int baseball = map.labels().indexOf("rec.sport.baseball");
        MapData.TaskLayer topic = map.tasks().get(1);
        int[] counts = new int[topic.regionInfo().size()];
        for (int i = 0; i < map.ids().size(); i++) if (topic.regions()[i] >= 0 && baseball == map.labels().indexOf(map.labels().get(i))) counts[topic.regions()[i]]++;
        int best = 0;
        for (int r = 1; r < counts.length; r++) if (counts[r] > counts[best]) best = r;
        assertThat(topic.regionInfo().get(best).words()).as("the region holding most baseball posts").containsAnyOf("baseball", "game", "games", "players", "pitcher", "season", "team", "hit");
        byId("change-open").click();
        browser.until(d -> byId("change-panel").isDisplayed() ? true : null);
        browser.saveScreenshot(SHOTS.resolve("real-change-view.png"));
        byId("change-open").click();
        byId("side-open").click();
        browser.until(d -> browser.state().get("side") != null ? true : null);
        browser.saveScreenshot(SHOTS.resolve("real-side-by-side.png"));
    }
}
