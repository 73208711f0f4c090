package dev.taskspace.web;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.interactions.Actions;

/** PageBench's explore mode: payload sizes, search time per keystroke over whole texts, lasso hit tests. */
final class ExploreBench {
    private ExploreBench() {}

    /** Waits up to five minutes: a 100,000-document map on a busy machine takes longer than a test's wait. */
    static void until(Browser browser, java.util.function.BooleanSupplier condition) {
        new org.openqa.selenium.support.ui.WebDriverWait(browser.driver(), java.time.Duration.ofMinutes(5), java.time.Duration.ofMillis(100))
                .until(d -> condition.getAsBoolean());
    }

    /** Queries typed one character at a time: common, rare, two words, and one that matches nothing. */
    static final List<String> QUERIES = List.of("space station", "encryption", "orbit launch", "the nasa", "zzqx", "brestotra");

    static void run(Browser browser, PageServer server, Path mapDir, int runs) throws IOException {
        long first = 0, extras = 0, onDemand = 0;
        try (var files = Files.list(mapDir)) {
            for (Path f : files.toList()) {
                String name = f.getFileName().toString();
                long size = Files.size(f);
                if (name.equals("map.json") || name.equals("documents.json") || name.equals("coords.f32")) first += size;
                else if (name.startsWith("texts")) onDemand += size;
                else extras += size;
            }
        }
        System.out.printf(Locale.ROOT, "bytes: first frame (map.json, documents.json, coords.f32) %.1f MB; after it (drift, neighbours, "
                + "scores, meta) %.1f MB; on demand (whole texts and index) %.1f MB%n", first / 1e6, extras / 1e6, onDemand / 1e6);
        browser.driver().get(server.uri().toString());
        long l0 = System.nanoTime();
        until(browser, () -> {
            Map<String, Object> s = browser.state();
            return s != null && Boolean.TRUE.equals(s.get("extrasLoaded"));
        });
        System.out.printf(Locale.ROOT, "page loaded with its extras in %.1f s%n", (System.nanoTime() - l0) / 1e9);
        @SuppressWarnings("unchecked")
        List<Number> resources = (List<Number>) browser.js("return [performance.getEntriesByType('resource').filter(e => /texts-|texts[.]i32/.test(e.name)).length];");
        System.out.println("text files fetched by the first load: " + resources.get(0));

        WebElement box = browser.driver().findElement(By.id("search"));
        long t0 = System.nanoTime();
        box.sendKeys("a", Keys.ENTER);
        until(browser, () -> Boolean.TRUE.equals(browser.state().get("searchedWholeTexts")));
        System.out.printf(Locale.ROOT, "whole texts loaded and indexed for search in %.1f s (first search)%n", (System.nanoTime() - t0) / 1e9);
        List<Double> times = new ArrayList<>();
        for (int r = 0; r < runs; r++) {
            for (String q : QUERIES) {
                for (int c = 1; c <= q.length(); c++) {
                    String prefix = q.substring(0, c);
                    // Type the prefix and answer at once (Enter), then read the page's own timing of that search.
                    ((JavascriptExecutor) browser.driver()).executeScript("arguments[0].value = arguments[1];", box, prefix);
                    box.sendKeys(Keys.ENTER);
                    browser.until(d -> prefix.trim().equals(browser.state().get("query")));
                    @SuppressWarnings("unchecked")
                    Map<String, Object> timings = (Map<String, Object>) browser.state().get("timings");
                    times.add(PageBench.num(timings.get("lastSearch")));
                }
            }
        }
        double[] sorted = times.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "search over whole texts, %d keystrokes: median %.1f ms, p95 %.1f ms, max %.1f ms%n", sorted.length,
                PageBench.median(times), sorted[(int) Math.floor(0.95 * (sorted.length - 1))], sorted[sorted.length - 1]);
        box.clear();
        box.sendKeys(Keys.ESCAPE);

        // Lassos: 24-cornered circles about the map's centre, from a tenth of it to all of it.
        browser.js("document.activeElement.blur();"); // the keys go to the page, not the search box
        new Actions(browser.driver()).sendKeys(Keys.ESCAPE).sendKeys("l").perform();
        var plot = browser.driver().findElement(By.cssSelector("canvas.plot")).getRect();
        double cx = plot.getX() + plot.getWidth() / 2.0, cy = plot.getY() + plot.getHeight() / 2.0;
        List<Double> lassos = new ArrayList<>();
        for (int r = 0; r < runs * 3; r++) {
            double radius = Math.min(plot.getWidth(), plot.getHeight()) * (0.1 + 0.4 * (r % 3) / 2.0);
            Actions a = new Actions(browser.driver()).moveToLocation((int) (cx + radius), (int) cy).clickAndHold();
            for (int k = 1; k <= 24; k++) {
                double angle = 2 * Math.PI * k / 24;
                a = a.moveToLocation((int) (cx + radius * Math.cos(angle)), (int) (cy + radius * Math.sin(angle)));
            }
            a.release().perform();
            @SuppressWarnings("unchecked")
            Map<String, Object> timings = (Map<String, Object>) browser.state().get("timings");
            int selected = ((Number) browser.state().get("groupSize")).intValue();
            lassos.add(PageBench.num(timings.get("lastLasso")));
            System.out.printf(Locale.ROOT, "lasso %d: radius %.0f px, %,d selected, hit test %.1f ms%n", r + 1, radius, selected,
                    lassos.get(lassos.size() - 1));
        }
        System.out.printf(Locale.ROOT, "lasso hit test over %s points, %d lassos: median %.1f ms, max %.1f ms%n",
                browser.state().get("documents"), lassos.size(), PageBench.median(lassos),
                lassos.stream().mapToDouble(Double::doubleValue).max().orElse(0));
    }
}
