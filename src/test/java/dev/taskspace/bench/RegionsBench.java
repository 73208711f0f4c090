package dev.taskspace.bench;

import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.map.Drift;
import dev.taskspace.map.MapData;
import dev.taskspace.project.ProjectStage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * What regions, their names and the change data add to {@code project} (a main, not a test;
 * BENCHMARKS.md records it): the real texts of a corpus folder (all of 20 Newsgroups: 17,038
 * documents), four tasks whose layouts and neighbour lists are synthetic (one Gaussian blob per
 * category, moved and widened per task; 10 neighbours of the same category, a share drawn from
 * others), since the time does not depend on their shape beyond n. Times the stage's own code:
 * {@link ProjectStage#withRegions(MapData, List)} (tokenising once, then per task: density
 * regions, class-based TF-IDF names, category counts) and {@link Drift#of} per task.
 *
 * <pre>
 * taskspace corpus -o /tmp/ng-all --categories all --per-label all --newsgroups 20news-bydate.tar.gz
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.taskspace.bench.RegionsBench \
 *     -Dexec.args="/tmp/ng-all 4 3 1"
 * </pre>
 * Arguments: corpus folder, tasks (4), runs (3, median), copies of the corpus (1; 6 gives 102,228 documents).
 */
public final class RegionsBench {
    private RegionsBench() {}

    public static void main(String[] args) {
        Path corpusDir = Path.of(args[0]);
        int tasks = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int runs = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        int copies = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        List<Document> docs = CorpusArtefact.read(new ProjectDir(corpusDir)).documents();
        List<String> ids = new ArrayList<>(), labels = new ArrayList<>(), texts = new ArrayList<>();
        for (int c = 0; c < copies; c++) {
            for (Document d : docs) {
                ids.add(c + "/" + d.id());
                labels.add(d.label());
                texts.add(d.text());
            }
        }
        int n = ids.size();
        List<String> names = labels.stream().distinct().sorted().toList();
        Random random = new Random(42);
        int k = 10;
        List<MapData.TaskLayer> layers = new ArrayList<>();
        int[][] reference = null;
        for (int t = 0; t < tasks; t++) {
            double[][] centres = new double[names.size()][2];
            for (double[] c : centres) { c[0] = random.nextGaussian() * 8; c[1] = random.nextGaussian() * 8; }
            float[][] xy = new float[n][2];
            int[][] nb = new int[n][k];
            int[] byLabel = new int[n];
            for (int i = 0; i < n; i++) byLabel[i] = names.indexOf(labels.get(i));
            List<List<Integer>> members = new ArrayList<>();
            for (int c = 0; c < names.size(); c++) members.add(new ArrayList<>());
            for (int i = 0; i < n; i++) members.get(byLabel[i]).add(i);
            for (int i = 0; i < n; i++) {
                xy[i][0] = (float) (centres[byLabel[i]][0] + random.nextGaussian() * (0.8 + 0.3 * t));
                xy[i][1] = (float) (centres[byLabel[i]][1] + random.nextGaussian() * (0.8 + 0.3 * t));
                for (int j = 0; j < k; j++) {
                    List<Integer> pool = random.nextDouble() < 0.2 * t ? members.get(random.nextInt(names.size())) : members.get(byLabel[i]);
                    int x;
                    do { x = pool.get(random.nextInt(pool.size())); } while (x == i);
                    nb[i][j] = x;
                }
            }
            if (reference == null) reference = nb;
            layers.add(new MapData.TaskLayer("task" + t, null, "", xy, new float[n], nb, Map.of()));
        }
        MapData map = new MapData(ids, labels, ids, layers, List.of(), new double[0][0], Map.of());
        double[] seconds = new double[runs];
        MapData withRegions = null;
        for (int r = 0; r < runs; r++) {
            long start = System.nanoTime();
            for (MapData.TaskLayer l : layers) Drift.of(reference, l.neighbours());
            withRegions = ProjectStage.withRegions(map, texts);
            seconds[r] = (System.nanoTime() - start) / 1e9;
            System.out.printf(Locale.ROOT, "run %d: %.2f s%n", r + 1, seconds[r]);
        }
        Arrays.sort(seconds);
        System.out.printf(Locale.ROOT, "%,d documents x %d tasks: regions, names, category counts and drift in %.2f s (median of %d)%n",
                n, tasks, seconds[runs / 2], runs);
        for (MapData.TaskLayer l : withRegions.tasks()) {
            System.out.printf(Locale.ROOT, "  %s: %d regions, e.g. %s%n", l.name(), l.regionInfo().size(),
                    l.regionInfo().stream().limit(3).map(x -> String.join(" ", x.words())).toList());
        }
    }
}
