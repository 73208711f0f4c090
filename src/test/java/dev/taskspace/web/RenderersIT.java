package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapArtefact;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;

/** WebGL2, the Canvas 2D fallback, and the choice between them. */
class RenderersIT extends PageBrowserTest {
    static PageServer server;

    @TempDir
    static Path dir;

    @org.junit.jupiter.api.BeforeAll
    static void serveTheSmallMap() throws IOException {
        MapArtefact.write(dir.resolve("map"), TestMaps.small(false));
        server = PageServer.start(dir.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"));
    }

    @org.junit.jupiter.api.AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    @Test
    void theCanvasFallbackDrawsAndMorphsToo() throws IOException {
        open(server, "?renderer=2d");
        assertThat(browser.state().get("renderer")).isEqualTo("canvas2d");
        BufferedImage before = canvasImage();
        browser.driver().findElement(By.cssSelector("#tasks button[data-task='toxicity']")).click();
        settled("toxicity");
        assertThat(differingPixels(before, canvasImage())).isGreaterThan(0.001);
        hover("guns-02");
        browser.until(d -> "guns-02".equals(browser.state().get("hover")));
        browser.saveScreenshot(SHOTS.resolve("canvas2d-toxicity.png"));
    }

    @Test
    void aLargeMapOnSoftwareWebGlIsDrawnOnTheCpuPathUnlessAsked(@TempDir Path big) throws IOException {
        MapArtefact.write(big.resolve("map"), TestMaps.synthetic(30_000, 2, 3, 30, 1));
        try (PageServer s = PageServer.start(big.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"))) {
            open(s, "");
            assertThat(browser.state().get("renderer")).isEqualTo("canvas2d");
            assertThat((String) browser.state().get("rendererReason")).contains("software WebGL").contains("SwiftShader").contains("30,000 points");
            BufferedImage before = canvasImage();
            browser.driver().findElement(By.cssSelector("#tasks button[data-task='task1']")).click();
            settled("task1");
            assertThat(differingPixels(before, canvasImage())).isGreaterThan(0.01);
            browser.saveScreenshot(SHOTS.resolve("large-30000-cpu-path.png"));
            open(s, "?renderer=webgl#task=task1");
            assertThat(browser.state().get("renderer")).isEqualTo("webgl2");
            browser.saveScreenshot(SHOTS.resolve("large-30000-webgl.png"));
        }
    }

    /**
     * Above 300,000 points the Canvas path draws dots at half their size while they move and in
     * full when they are still: here 300,001 points, all hidden but 50 set far apart, drawn into
     * a canvas of the page's own renderer module, mid-morph and still.
     */
    @Test
    @SuppressWarnings("unchecked")
    void aMillionDotsAreDrawnSmallerWhileTheyMoveAndInFullWhenStill() {
        open(server, "?renderer=2d");
        java.util.List<Long> inked = (java.util.List<Long>) ((org.openqa.selenium.JavascriptExecutor) browser.driver()).executeAsyncScript("""
                const done = arguments[arguments.length - 1];
                import('./app/canvas-renderer.js').then(({CanvasRenderer}) => {
                  const n = 300001;
                  const a = new Float32Array(2 * n), b = new Float32Array(2 * n), rgba = new Uint8Array(4 * n);
                  for (let i = 0; i < 50; i++) {
                    a[2 * i] = -0.9 + (i % 10) * 0.18; a[2 * i + 1] = -0.8 + Math.floor(i / 10) * 0.3;
                    b[2 * i] = a[2 * i] + 0.05; b[2 * i + 1] = a[2 * i + 1];
                    rgba.set([200, 30, 30, 255], 4 * i);
                  }
                  const inked = (moving) => { // a canvas each: one read back each
                    const canvas = document.createElement('canvas');
                    canvas.width = 600; canvas.height = 400;
                    const r = new CanvasRenderer(canvas);
                    r.setLayouts([a, b]);
                    r.setColours(rgba);
                    r.draw({from: 0, to: 1, t: 0.5, size: 2, clip: {scale: [1, 1], offset: [0, 0]}, moving});
                    const d = r.ctx.getImageData(0, 0, canvas.width, canvas.height).data;
                    let k = 0;
                    for (let p = 0; p < d.length; p += 4) if (d[p] === 200 && d[p + 1] === 30) k++;
                    return k;
                  };
                  done([inked(true), inked(false)]);
                }, (e) => done(String(e)));
                """);
        assertThat(inked).as("red pixels mid-morph, then still").containsExactly(50L, 200L);
    }
}
