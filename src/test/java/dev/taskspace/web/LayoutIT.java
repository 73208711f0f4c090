package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The page at 1024 and 1400 px with five tasks, and on a 390 px phone: nothing in the top bar is
 * clipped or overlaps (tasks that do not fit go into a menu), the phone gets one column, the
 * legend folds, and a fitted map re-fits when the window changes size. Screenshots of each go to
 * target/screenshots/layout-*.png.
 */
class LayoutIT extends PageBrowserTest {
    static PageServer five;
    static PageServer small;

    @TempDir
    static Path dir;

    @BeforeAll
    static void serve() throws IOException {
        MapData map = TestMaps.synthetic(3000, 5, 3, 60, 3);
        MapArtefact.write(dir.resolve("five/map"), map);
        MapArtefact.write(dir.resolve("small/map"), TestMaps.small(true));
        five = PageServer.start(dir.resolve("five/map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"));
        small = PageServer.start(dir.resolve("small/map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"));
    }

    @AfterAll
    static void stop() {
        if (five != null) five.close();
        if (small != null) small.close();
    }

    @AfterEach
    void backToTheUsualSize() {
        browser.driver().manage().window().setSize(new Dimension(1440, 900));
    }

    static void size(int width, int height) {
        browser.driver().manage().window().setSize(new Dimension(width, height));
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> measure() {
        return (Map<String, Object>) browser.js(
                "const r = (e) => e.getBoundingClientRect(), bar = r(document.querySelector('.bar')), nav = r(document.getElementById('tasks'));"
                + "const shown = [...document.querySelectorAll('.bar > *, #tasks > *')].filter(e => !e.hidden && e.offsetWidth > 0);"
                + "const clipped = shown.filter(e => { const b = r(e); return b.left < -1 || b.right > innerWidth + 1"
                + "  || (e.parentElement.id === 'tasks' && (b.left < nav.left - 1 || b.right > nav.right + 1)); }).map(e => e.className || e.id);"
                + "const top = [...document.querySelectorAll('.bar > *')].filter(e => !e.hidden && e.offsetWidth > 0).map(e => [e.className, r(e)]);"
                + "const overlaps = [];"
                + "for (let a = 0; a < top.length; a++) for (let b = a + 1; b < top.length; b++) { const p = top[a][1], q = top[b][1];"
                + "  if (p.left < q.right - 1 && q.left < p.right - 1 && p.top < q.bottom - 1 && q.top < p.bottom - 1) overlaps.push(top[a][0] + ' / ' + top[b][0]); }"
                + "const buttons = [...document.querySelectorAll('#tasks .task-button')].filter(b => !b.hidden).map(b => b.dataset.task);"
                + "const more = document.querySelector('#tasks .task-more');"
                + "return {clipped, overlaps, buttons, more: more ? [...more.options].slice(1).map(o => o.textContent) : [],"
                + "  scrollsSideways: document.documentElement.scrollWidth > innerWidth + 1};");
    }

    @Test
    void theTopBarShowsEveryTaskAtOnceOrInAMenuFrom1024PxUp() {
        for (int width : List.of(1024, 1100, 1400)) {
            size(width, 800);
            open(five, "#task=task3");
            Map<String, Object> m = measure();
            browser.saveScreenshot(SHOTS.resolve("layout-five-tasks-" + width + ".png"));
            assertThat(m.get("clipped")).as("clipped at %d px (%s)", width, browser.js("return innerWidth + ' ' + document.getElementById('tasks').clientWidth;"))
                    .isEqualTo(List.of());
            assertThat(m.get("overlaps")).as("overlapping at %d px", width).isEqualTo(List.of());
            assertThat(m.get("scrollsSideways")).isEqualTo(false);
            @SuppressWarnings("unchecked")
            List<String> buttons = (List<String>) m.get("buttons");
            @SuppressWarnings("unchecked")
            List<String> more = (List<String>) m.get("more");
            assertThat(buttons).as("the current task is a button at %d px", width).contains("task3");
            assertThat(buttons.size() + more.size()).as("every task, as a button or in the menu, at %d px", width).isEqualTo(5);
            if (!more.isEmpty()) {
                Select menu = new Select(byId("tasks").findElement(By.className("task-more")));
                String name = more.get(more.size() - 1).replaceFirst("^\\d+ ", "");
                menu.selectByVisibleText(more.get(more.size() - 1));
                settled(name);
            }
        }
    }

    @Test
    void onAPhoneThePageIsOneColumnAndTheCardSitsBelowTheMap() {
        size(390, 844);
        open(small, "#task=topic&doc=guns-05");
        Map<String, Object> m = measure();
        assertThat(m.get("scrollsSideways")).as("the page scrolls sideways on a phone").isEqualTo(false);
        assertThat(m.get("clipped")).isEqualTo(List.of());
        var canvas = browser.driver().findElement(By.cssSelector("canvas.plot")).getRect();
        var card = byId("selection-panel").getRect();
        var side = browser.driver().findElement(By.className("side")).getRect();
        assertThat(canvas.getWidth()).isGreaterThan(370);
        assertThat(canvas.getHeight()).isGreaterThan(300);
        assertThat(card.getY()).as("the card below the map").isGreaterThanOrEqualTo(canvas.getY() + canvas.getHeight());
        assertThat(side.getY()).as("the panels below the map").isGreaterThanOrEqualTo(canvas.getY() + canvas.getHeight());
        assertThat(byId("legend").getAttribute("class")).contains("folded");
        for (String id : List.of("guns-05")) assertThat(browser.js("return window.taskspace.screenPosition(arguments[0]).inside;", id)).isEqualTo(true);
        browser.saveScreenshot(SHOTS.resolve("layout-phone-390.png"));
    }

    @Test
    void theLegendFoldsAndOpensAgain() {
        size(1400, 900);
        open(five, "");
        WebElement legend = byId("legend");
        int open = legend.getRect().getHeight();
        legend.findElement(By.className("legend-fold")).click();
        assertThat(legend.getRect().getHeight()).isLessThan(40).isLessThan(open);
        assertThat(legend.findElements(By.className("legend-item"))).isEmpty();
        legend.findElement(By.className("legend-fold")).click();
        assertThat(legend.getRect().getHeight()).isEqualTo(open);
        assertThat(legend.findElements(By.className("legend-item"))).hasSize(20);
    }

    @Test
    void aFittedMapFitsAgainWhenTheWindowChangesSize() {
        size(1400, 900);
        open(five, "");
        size(1024, 700);
        browser.until(d -> {
            @SuppressWarnings("unchecked")
            Map<String, Object> r = (Map<String, Object>) browser.js(
                    "const plot = document.querySelector('canvas.plot').getBoundingClientRect();"
                    + " let minX = 1e9, maxX = -1e9, minY = 1e9, maxY = -1e9, out = 0;"
                    + "for (let i = 0; i < 3000; i += 7) { const p = window.taskspace.screenPosition('d' + String(i).padStart(7, '0'));"
                    + " minX = Math.min(minX, p.x); maxX = Math.max(maxX, p.x); minY = Math.min(minY, p.y); maxY = Math.max(maxY, p.y);"
                    + " if (!p.inside) out++; }"
                    // fitted: the map spans at least half the plot along the side that limits it (the height, on a wide plot)
                    + "return {span: Math.max((maxX - minX) / plot.width, (maxY - minY) / plot.height), out};");
            return ((Number) r.get("out")).intValue() == 0 && ((Number) r.get("span")).doubleValue() > 0.5 ? r : null;
        });
    }
}
