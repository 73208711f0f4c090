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
}
