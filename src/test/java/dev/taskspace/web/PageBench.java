package dev.taskspace.web;

import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openqa.selenium.By;
import org.openqa.selenium.interactions.Actions;

/**
 * Benchmarks of the page in headless Chromium (SwiftShader: software WebGL2), on synthetic
 * maps served by {@link PageServer}. Not a test; BENCHMARKS.md has the commands.
 *
 * <pre>
 * load  N TASKS K PREVIEW RUNS   time from navigation to the first frame and to interactive
 * morph N TASKS K PREVIEW RUNS   frame intervals (requestAnimationFrame timestamps) of morphs
 * labels N TASKS K PREVIEW RUNS  region labels (found and named by the projection stage's code on
 *                                the synthetic layouts and previews): the median time to draw them
 *                                per frame, over RUNS morphs
 * explore N TASKS K PREVIEW RUNS whole texts of ~1,000 characters: what each load moves (bytes), the search's
 *                                time per keystroke over the whole texts, and lasso hit tests
 * </pre>
 */
public final class PageBench {
    private PageBench() {}

    public static void main(String[] args) throws IOException {
        String mode = args[0];
        int n = Integer.parseInt(args[1]), tasks = Integer.parseInt(args[2]), k = Integer.parseInt(args[3]);
        int preview = Integer.parseInt(args[4]), runs = Integer.parseInt(args[5]);
        Path dir = Files.createTempDirectory("taskspace-bench-");
        long t0 = System.nanoTime();
        MapData map = TestMaps.synthetic(n, tasks, k, preview, 42);
        if (mode.equals("labels")) { // texts with two words per category, so that the regions have names to draw
            List<String> texts = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                String c = map.labels().get(i).replace("category-", "");
                texts.add(map.previews().get(i) + " blob" + c + " theme" + c);
            }
            map = dev.taskspace.project.ProjectStage.withRegions(map, texts);
        } else if (mode.equals("explore")) {
            map = TestMaps.withWholeTexts(map, 1000, 42);
        }
        MapArtefact.write(dir.resolve("map"), map);
        long bytes = 0;
        try (var files = Files.list(dir.resolve("map"))) {
            for (Path f : files.toList()) bytes += Files.size(f);
        }
        System.out.printf(Locale.ROOT, "map: %,d points x %d tasks, k=%d, previews %d chars: %.1f MB, written in %.1f s%n", n, tasks, k,
                preview, bytes / 1e6, (System.nanoTime() - t0) / 1e9);
        try (PageServer server = PageServer.start(dir.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("bench"));
                Browser browser = Browser.open(1440, 900)) {
            if (mode.equals("load")) load(browser, server, runs);
            else if (mode.equals("labels")) labels(browser, server, runs, map);
            else if (mode.equals("explore")) ExploreBench.run(browser, server, dir.resolve("map"), runs);
            else morph(browser, server, runs, n, steadiest(map, runs));
        }
    }

    @SuppressWarnings("unchecked")
    static void labels(Browser browser, PageServer server, int runs, MapData map) {
        browser.driver().get(server.uri().toString());
        browser.until(d -> {
            Map<String, Object> s = browser.state();
            return s != null && Boolean.TRUE.equals(s.get("extrasLoaded")) ? true : null;
        });
        int regions = map.tasks().stream().mapToInt(t -> t.regionInfo().size()).max().orElse(0);
        for (int r = 0; r < runs; r++) {
            String task = map.tasks().get((r + 1) % map.tasks().size()).name();
            browser.driver().findElement(By.cssSelector("#tasks button[data-task='" + task + "']")).click();
            browser.until(d -> {
                Map<String, Object> s = browser.state();
                return task.equals(s.get("task")) && Boolean.FALSE.equals(s.get("morphing")) ? true : null;
            });
        }
        Map<String, Object> l = (Map<String, Object>) browser.state().get("regionLabels");
        System.out.printf(Locale.ROOT, "labels: up to %d regions per task, %d shown now; median draw %.2f ms over the last %s frames (%d morphs); renderer %s%n",
                regions, ((List<?>) l.get("labels")).size(), ((Number) l.get("medianMs")).doubleValue(), l.get("draws"), runs,
                browser.state().get("renderer"));
    }

    static void load(Browser browser, PageServer server, int runs) {
        List<Double> first = new ArrayList<>(), interactive = new ArrayList<>(), extras = new ArrayList<>();
        for (int r = 0; r < runs + 1; r++) {
            browser.driver().get("about:blank");
            browser.driver().get(server.uri().toString());
            Map<String, Object> timings = browser.until(d -> {
                Map<String, Object> s = browser.state();
                if (s == null || !Boolean.TRUE.equals(s.get("extrasLoaded"))) return null;
                @SuppressWarnings("unchecked")
                Map<String, Object> t = (Map<String, Object>) s.get("timings");
                return t.containsKey("firstFrame") && t.containsKey("interactive") ? t : null;
            });
            if (r == 0) continue; // warm-up: the first run also starts the browser's caches and the JIT
            first.add(num(timings.get("firstFrame")));
            interactive.add(num(timings.get("interactive")));
            extras.add(num(timings.get("extras")));
            System.out.printf(Locale.ROOT, "run %d: first frame %.0f ms, interactive %.0f ms, drift/scores/neighbours in %.0f ms%n", r,
                    first.get(first.size() - 1), interactive.get(interactive.size() - 1), extras.get(extras.size() - 1));
        }
        System.out.printf(Locale.ROOT, "median of %d: first frame %.0f ms, interactive %.0f ms, everything loaded %.0f ms (from navigation start)%n",
                runs, median(first), median(interactive), median(extras));
    }

    /** The ids of the documents that move least between the first two tasks: a pointer on one stays on it mid-morph. */
    static List<String> steadiest(MapData map, int count) {
        float[][] a = map.tasks().get(0).coords(), b = map.tasks().get(1).coords();
        return java.util.stream.IntStream.range(0, a.length).boxed()
                .sorted(java.util.Comparator.comparingDouble(i -> Math.hypot(a[i][0] - b[i][0], a[i][1] - b[i][1])))
                .limit(count).map(i -> map.ids().get(i)).toList();
    }

    static void morph(Browser browser, PageServer server, int runs, int n, List<String> steady) {
        browser.driver().get(server.uri() + "?debug=frames" + (System.getProperty("renderer") == null ? "" : "&renderer=" + System.getProperty("renderer")));
        browser.until(d -> {
            Map<String, Object> s = browser.state();
            return s != null && Boolean.TRUE.equals(s.get("extrasLoaded"));
        });
        System.out.println("renderer: " + browser.state().get("renderer") + " (" + browser.state().get("rendererReason") + ")");
        List<Double> all = new ArrayList<>(), work = new ArrayList<>();
        List<Double> picks = new ArrayList<>();
        int hoverAnswered = 0;
        for (int r = 0; r < runs; r++) {
            String task = r % 2 == 0 ? "task1" : "task0";
            browser.driver().findElement(By.cssSelector("#tasks button[data-task='" + task + "']")).click();
            // Hover mid-morph: the pointer where a document is drawn now must find a dot while they all move.
            @SuppressWarnings("unchecked")
            Map<String, Object> p = (Map<String, Object>) browser.js("return window.taskspace.screenPosition(arguments[0]);",
                    steady.get(r));
            new Actions(browser.driver()).moveToLocation((int) num(p.get("x")), (int) num(p.get("y"))).perform();
            // The page records each hit test: how long it took and whether the dots were moving.
            browser.until(d -> Boolean.FALSE.equals(browser.state().get("morphing")) && task.equals(browser.state().get("task")));
            Map<String, Object> st = browser.state();
            @SuppressWarnings("unchecked")
            Map<String, Object> timings = (Map<String, Object>) st.get("timings");
            if (st.get("hover") != null && Boolean.TRUE.equals(timings.get("lastPickMidMorph"))) {
                hoverAnswered++;
                picks.add(num(timings.get("lastPick")));
            }
        }
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> morphs = (List<Map<String, Object>>) browser.js("return window.taskspace.frames();");
        int m = 0;
        for (Map<String, Object> morph : morphs) {
            @SuppressWarnings("unchecked")
            List<Number> stamps = (List<Number>) morph.get("stamps");
            List<Double> intervals = new ArrayList<>();
            for (int i = 1; i < stamps.size(); i++) intervals.add(stamps.get(i).doubleValue() - stamps.get(i - 1).doubleValue());
            all.addAll(intervals);
            @SuppressWarnings("unchecked")
            List<Double> drawn = ((List<Number>) morph.get("work")).stream().map(Number::doubleValue).toList();
            work.addAll(drawn);
            System.out.printf(Locale.ROOT, "morph %d: %d frames, median %.1f ms, max %.1f ms; drawing a frame: median %.1f ms%n", ++m,
                    stamps.size(), median(intervals), intervals.stream().mapToDouble(Double::doubleValue).max().orElse(0), median(drawn));
        }
        double[] sorted = all.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        System.out.printf(Locale.ROOT, "%,d points, %d morphs, %d frame intervals: median %.1f ms, p95 %.1f ms, max %.1f ms; "
                        + "hover answered mid-morph in %d of %d morphs (hit test: median %.1f ms); drawing a frame (the page's own work, "
                        + "load average %.1f): median %.1f ms%n", n, morphs.size(), sorted.length, median(all),
                sorted[(int) Math.floor(0.95 * (sorted.length - 1))], sorted[sorted.length - 1], hoverAnswered, runs, median(picks),
                java.lang.management.ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(), median(work));
    }

    static double num(Object o) {
        return o == null ? Double.NaN : ((Number) o).doubleValue();
    }

    static double median(List<Double> xs) {
        double[] a = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (a.length == 0) return Double.NaN;
        return a.length % 2 == 1 ? a[a.length / 2] : (a[a.length / 2 - 1] + a[a.length / 2]) / 2;
    }

}
