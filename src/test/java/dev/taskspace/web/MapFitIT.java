package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Maps whose layouts are spread out: a page opened at a later task is drawn (not a black
 * canvas), and a far cluster of a few points in one task does not shrink every task's view.
 */
class MapFitIT extends PageBrowserTest {
    static PageServer spread;
    static PageServer outliers;

    @TempDir
    static Path dir;

    @BeforeAll
    static void serveTheMaps() throws IOException {
        spread = serve("spread", spreadOut());
        outliers = serve("outliers", withOutliers());
    }

    @AfterAll
    static void stop() {
        if (spread != null) spread.close();
        if (outliers != null) outliers.close();
    }

    private static PageServer serve(String name, MapData map) throws IOException {
        Path own = dir.resolve(name);
        MapArtefact.write(own.resolve("map"), map);
        return PageServer.start(own.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"));
    }

    /** Four tasks; in task1 one big clump and three tight clusters far from it, x and y in about [-21, 11]. */
    static MapData spreadOut() {
        MapData map = TestMaps.synthetic(2000, 4, 3, 30, 11);
        Random random = new Random(5);
        float[][] xy = map.tasks().get(1).coords();
        double[][] far = {{-20, -3}, {10, 9}, {-14, 10}};
        for (int i = 0; i < xy.length; i++) {
            int c = i % 20; // three twentieths of the points in the far clusters
            double[] centre = c < far.length ? far[c] : new double[] {-3, 0};
            double spread = c < far.length ? 0.3 : 1.6;
            xy[i][0] = (float) (centre[0] + random.nextGaussian() * spread);
            xy[i][1] = (float) (centre[1] + random.nextGaussian() * spread);
        }
        return map;
    }

    /** Three tasks, each a square clump in [-5, 5]; in task2 one point in a hundred sits far away. */
    static MapData withOutliers() {
        MapData map = TestMaps.synthetic(2000, 3, 3, 30, 12);
        Random random = new Random(6);
        for (int t = 0; t < 3; t++) {
            float[][] xy = map.tasks().get(t).coords();
            for (int i = 0; i < xy.length; i++) {
                boolean outlier = t == 2 && i % 100 == 0;
                xy[i][0] = (float) (outlier ? 80 + random.nextDouble() : random.nextDouble() * 10 - 5);
                xy[i][1] = (float) (outlier ? -60 + random.nextDouble() : random.nextDouble() * 10 - 5);
            }
        }
        return map;
    }

    @Test
    void aSpreadOutMapOpenedAtALaterTaskIsDrawn() throws IOException {
        open(spread, "#task=task1");
        assertThat(browser.state().get("renderer")).isEqualTo("webgl2");
        double[] shares = shares(canvasImage());
        browser.saveScreenshot(SHOTS.resolve("spread-out-task1.png"));
        assertThat(shares[0]).as("share of black pixels").isLessThan(0.01);
        assertThat(shares[1]).as("share of white pixels").isGreaterThan(0.5);
        assertThat(shares[2]).as("share of coloured pixels (dots)").isGreaterThan(0.005);
    }

    /**
     * Setting a canvas's size clears it. The page used to draw it again only in the next
     * animation frame, so what the browser showed (or a screenshot captured) right after a
     * resize was a black canvas. Read back while the resize is handled, the canvas is drawn.
     */
    @Test
    void theCanvasIsDrawnInTheSameFrameItIsResized() {
        open(spread, "#task=task1");
        for (String width : List.of("700px", "820px")) {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript(
                    "const done = arguments[arguments.length - 1], width = arguments[0];"
                    + "const stage = document.getElementById('stage');"
                    // observers are told in the order they were made: the page's own first
                    + "const ro = new ResizeObserver(() => {"
                    + "  ro.disconnect();"
                    + "  const plot = document.querySelector('canvas.plot');"
                    + "  const c = document.createElement('canvas'); c.width = plot.width; c.height = plot.height;"
                    + "  const g = c.getContext('2d'); g.drawImage(plot, 0, 0);"
                    + "  const d = g.getImageData(0, 0, c.width, c.height).data;"
                    + "  let black = 0, white = 0, coloured = 0, all = 0;"
                    + "  for (let p = 0; p < d.length; p += 4 * 7) {"
                    + "    const r = d[p], gr = d[p + 1], b = d[p + 2]; all++;"
                    + "    if (r + gr + b < 60) black++; else if (r > 245 && gr > 245 && b > 245) white++;"
                    + "    else if (Math.max(r, gr, b) - Math.min(r, gr, b) > 40) coloured++;"
                    + "  }"
                    + "  done({black: black / all, white: white / all, coloured: coloured / all, width: plot.width});"
                    + "});"
                    + "stage.style.flex = '0 0 ' + width;"
                    + "ro.observe(stage);",
                    width);
            assertThat(((Number) r.get("width")).doubleValue()).as("the canvas took the stage's new width")
                    .isCloseTo(Integer.parseInt(width.replace("px", "")), org.assertj.core.data.Offset.offset(2.0));
            assertThat(((Number) r.get("black")).doubleValue()).as("black share right after a resize to %s", width).isLessThan(0.01);
            assertThat(((Number) r.get("white")).doubleValue()).as("white share right after a resize to %s", width).isGreaterThan(0.5);
            assertThat(((Number) r.get("coloured")).doubleValue()).as("coloured share right after a resize to %s", width).isGreaterThan(0.002);
        }
        browser.js("document.getElementById('stage').style.flex = '';");
    }

    @Test
    void aLostWebGlContextIsDrawnAgainWhenItComesBack() throws IOException {
        open(spread, "#task=task1");
        int frames = ((Number) browser.state().get("framesDrawn")).intValue();
        browser.js("const gl = document.querySelector('canvas.plot').getContext('webgl2');"
                + "const lose = gl.getExtension('WEBGL_lose_context');"
                + "document.querySelector('canvas.plot').addEventListener('webglcontextlost', () => setTimeout(() => lose.restoreContext(), 50), {once: true});"
                + "lose.loseContext();");
        browser.until(d -> Boolean.FALSE.equals(browser.js("return document.querySelector('canvas.plot').getContext('webgl2').isContextLost();"))
                && ((Number) browser.state().get("framesDrawn")).intValue() > frames);
        double[] shares = shares(canvasImage());
        assertThat(shares[0]).as("share of black pixels after the context came back").isLessThan(0.01);
        assertThat(shares[2]).as("share of coloured pixels after the context came back").isGreaterThan(0.005);
        browser.console(); // the browser notes the lost context in the console: that was this test's doing
    }

    @Test
    void theBulkFillsTheViewWhenOneTaskHasFarOutliers() {
        for (String task : List.of("task0", "task2")) {
            open(outliers, "#task=" + task);
            assertBulkFills(task);
        }
        // Fit (and double-click) fit the same way; switching tasks keeps the frame.
        double[] fitted = position("d0000001");
        // the wheel over the middle of the map's canvas (not at a fixed spot, where the map tools may sit)
        var centre = org.openqa.selenium.interactions.WheelInput.ScrollOrigin.fromElement(
                browser.driver().findElement(org.openqa.selenium.By.cssSelector("canvas.plot")), 0, 60);
        new org.openqa.selenium.interactions.Actions(browser.driver()).scrollFromOrigin(centre, 0, -600).perform();
        browser.until(d -> Math.hypot(position("d0000001")[0] - fitted[0], position("d0000001")[1] - fitted[1]) > 5);
        byId("reset-view").click();
        assertBulkFills("task2 after Fit");
        byId("tasks").findElement(org.openqa.selenium.By.cssSelector("button[data-task='task0']")).click();
        settled("task0");
        assertBulkFills("task0 after a morph");
        browser.saveScreenshot(SHOTS.resolve("outliers-task0.png"));
    }

    /** The 1st to 99th percentile of the points' screen positions spans most of the canvas. */
    private static void assertBulkFills(String what) {
        @SuppressWarnings("unchecked")
        Map<String, Object> r = (Map<String, Object>) browser.js(
                "const s = window.taskspace.state(), ids = [];"
                + "const plot = document.querySelector('canvas.plot').getBoundingClientRect();"
                + "const xs = [], ys = []; let outside = 0;"
                + "for (let i = 0; i < s.documents; i++) {"
                + "  const p = window.taskspace.screenPosition('d' + String(i).padStart(7, '0'));"
                + "  xs.push(p.x); ys.push(p.y); if (!p.inside) outside++;"
                + "}"
                + "xs.sort((a, b) => a - b); ys.sort((a, b) => a - b);"
                + "const q = (a, f) => a[Math.round(f * (a.length - 1))];"
                + "return {w: (q(xs, 0.99) - q(xs, 0.01)) / plot.width, h: (q(ys, 0.99) - q(ys, 0.01)) / plot.height, outside: outside / s.documents};");
        double w = ((Number) r.get("w")).doubleValue(), h = ((Number) r.get("h")).doubleValue();
        // A square clump in a wider canvas: the height limits it.
        assertThat(Math.max(w, h)).as("%s: share of the canvas the bulk spans (w %.2f, h %.2f)", what, w, h).isGreaterThan(0.7);
        assertThat(((Number) r.get("outside")).doubleValue()).as("%s: share of points outside the canvas", what).isLessThan(0.02);
    }

    /** Shares of black, white and coloured (saturated) pixels. */
    static double[] shares(BufferedImage image) {
        long black = 0, white = 0, coloured = 0, all = 0;
        for (int y = 0; y < image.getHeight(); y += 2) {
            for (int x = 0; x < image.getWidth(); x += 2) {
                int rgb = image.getRGB(x, y), r = (rgb >> 16) & 255, g = (rgb >> 8) & 255, b = rgb & 255;
                all++;
                if (r + g + b < 60) black++;
                else if (r > 245 && g > 245 && b > 245) white++;
                else if (Math.max(r, Math.max(g, b)) - Math.min(r, Math.min(g, b)) > 40) coloured++;
            }
        }
        return new double[] {black / (double) all, white / (double) all, coloured / (double) all};
    }
}
