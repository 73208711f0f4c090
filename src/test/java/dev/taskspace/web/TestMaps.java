package dev.taskspace.web;

import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Maps for the page's tests and benchmarks, built without the pipeline: a small corpus of
 * real-looking posts (four newsgroups, two hostile texts) whose four task layouts differ the
 * way real ones do, and large synthetic maps.
 *
 * <p>Run as a program to write one: {@code small DIR [--not-instruction-aware]} or
 * {@code synthetic DIR N TASKS K PREVIEW_CHARS}.
 */
public final class TestMaps {
    /** The hostile texts: they must show literally, and nothing may run. */
    public static final String SCRIPT = "<script>window.__pwned=1</script> Great launch, the booster landed on the barge.";
    public static final String IMG = "<img src=x onerror=\"window.__pwned=1\"> Ban this nonsense, you idiots never read the bill.";

    /** Words that occur only past a preview, in the whole texts. */
    public static final String LATE_WORD = "zanzibar";
    /** A hostile whole text's tail, past its preview. */
    public static final String LATE_SCRIPT = "<img src=y onerror=\"window.__pwned=2\"> and <a href=\"javascript:window.__pwned=3\">click</a>";
    /** A hostile metadata value. */
    public static final String META_SCRIPT = "<b onmouseover=\"window.__pwned=4\">Mallory</b>";

    private TestMaps() {}

    /** The small map's whole texts: the posts, some with more past what the preview shows. */
    private static String wholeText(Post p) {
        return switch (p.id()) {
            case "space-03" -> p.text() + "\n\nLater in the thread: aerobraking, tracked from a station near Zanzibar, saves most of it.";
            case "space-09" -> p.text() + "\n\n" + LATE_SCRIPT;
            case "med-02" -> p.text() + "\n\nSecond paragraph, with \"quotes\", commas\nand a line break.";
            default -> p.text();
        };
    }

    /** The small map's metadata: a year, an author and a number of replies; misc-01 has none. */
    private static Map<String, Object> meta(int i, Post p) {
        if (p.label() == null) return Map.of();
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("year", 1992 + i % 2);
        m.put("author", p.id().equals("guns-09") ? META_SCRIPT : "author " + (char) ('a' + i % 5));
        m.put("replies", (i * 7) % 23);
        return m;
    }

    /** id, label, text, sentiment (-1..1), toxicity (0..1) */
    private record Post(String id, String label, String text, double sentiment, double toxicity) {}

    private static final List<Post> POSTS = List.of(
            new Post("space-01", "sci.space", "The shuttle launch was delayed again because of a faulty valve in the main engine.", -0.2, 0.0),
            new Post("space-02", "sci.space", "Beautiful pictures from the Hubble telescope of the Orion nebula, truly amazing work.", 0.9, 0.0),
            new Post("space-03", "sci.space", "Does anyone know the delta-v needed to reach lunar orbit from low Earth orbit?", 0.0, 0.0),
            new Post("space-04", "sci.space", "NASA's budget cuts are a disgrace and will kill the space station program.", -0.8, 0.3),
            new Post("space-05", "sci.space", "Galileo's high gain antenna still refuses to deploy; engineers try another trick.", -0.4, 0.0),
            new Post("space-06", "sci.space", "Congratulations to the Magellan team on mapping Venus, a wonderful mission.", 0.9, 0.0),
            new Post("space-07", "sci.space", "Orbital debris at this altitude decays within a few years, according to the model.", 0.0, 0.0),
            new Post("space-08", "sci.space", "Private launch companies will make access to space cheap, I am very hopeful.", 0.7, 0.0),
            new Post("space-09", "sci.space", SCRIPT, 0.6, 0.1),
            new Post("med-01", "sci.med", "My doctor prescribed antibiotics for the ear infection and it cleared up in days.", 0.6, 0.0),
            new Post("med-02", "sci.med", "Is there any evidence that vitamin C prevents the common cold? Studies disagree.", 0.0, 0.0),
            new Post("med-03", "sci.med", "Migraine sufferers: what has worked for you? Nothing helps me and I am desperate.", -0.8, 0.0),
            new Post("med-04", "sci.med", "Chronic fatigue syndrome is real, and dismissive doctors make patients suffer more.", -0.6, 0.4),
            new Post("med-05", "sci.med", "The new blood pressure medication has fewer side effects than the old beta blockers.", 0.4, 0.0),
            new Post("med-06", "sci.med", "Quack remedies sold to cancer patients are fraud, plain and simple; shameful people.", -0.9, 0.6),
            new Post("med-07", "sci.med", "Candida overgrowth and diet: the evidence is thin, but some patients feel better.", 0.1, 0.0),
            new Post("med-08", "sci.med", "Thanks to everyone who answered about kidney stones, the advice was very helpful.", 0.9, 0.0),
            new Post("med-09", "sci.med", "MSG sensitivity has never been shown in double-blind trials, as far as I know.", 0.0, 0.0),
            new Post("ball-01", "rec.sport.baseball", "What a game last night! The Jays won in the ninth on a two-run homer.", 0.9, 0.0),
            new Post("ball-02", "rec.sport.baseball", "The Mets bullpen is a disaster again; they blew another three-run lead.", -0.8, 0.2),
            new Post("ball-03", "rec.sport.baseball", "Who has the better career batting average, Boggs or Gwynn? Stats please.", 0.0, 0.0),
            new Post("ball-04", "rec.sport.baseball", "The umpire was blind, that was a strike all the way, what a joke of a call.", -0.7, 0.5),
            new Post("ball-05", "rec.sport.baseball", "Spring training starts next week and the young pitchers look promising.", 0.7, 0.0),
            new Post("ball-06", "rec.sport.baseball", "Designated hitter rule: should the National League adopt it? Discuss.", 0.0, 0.0),
            new Post("ball-07", "rec.sport.baseball", "Ripken's streak is incredible, an example of dedication for every player.", 0.9, 0.0),
            new Post("ball-08", "rec.sport.baseball", "Free agency ruined the game; owners and players are greedy fools.", -0.8, 0.7),
            new Post("ball-09", "rec.sport.baseball", "Box scores for the American League are posted every morning on this group.", 0.0, 0.0),
            new Post("guns-01", "talk.politics.guns", "The Brady bill will not stop criminals, it only burdens law-abiding owners.", -0.6, 0.4),
            new Post("guns-02", "talk.politics.guns", "Anyone who supports this ban is a lying coward who hates the Constitution.", -0.9, 0.9),
            new Post("guns-03", "talk.politics.guns", "Statistics on defensive gun use vary widely between the surveys I have read.", 0.0, 0.1),
            new Post("guns-04", "talk.politics.guns", "The siege in Waco was handled terribly and people died for nothing.", -0.9, 0.6),
            new Post("guns-05", "talk.politics.guns", "I took a safety course at the range last weekend, excellent instructors.", 0.8, 0.0),
            new Post("guns-06", "talk.politics.guns", "Shut up and go back to your cave, you gun nuts are a danger to everyone.", -0.9, 1.0),
            new Post("guns-07", "talk.politics.guns", "Concealed carry permits in Florida: how long does the application take?", 0.0, 0.0),
            new Post("guns-08", "talk.politics.guns", "The Second Amendment debate deserves calm arguments from both sides.", 0.3, 0.1),
            new Post("guns-09", "talk.politics.guns", IMG, -0.9, 0.9),
            new Post("misc-01", null, "An unlabelled note: the meeting moved to Thursday at noon in room 4.", 0.0, 0.0));

    /** The small map: 37 posts, four tasks (default, topic, sentiment, toxicity), two axes, k = 5. */
    public static MapData small(boolean instructionAware) {
        List<String> labelOrder = List.of("sci.space", "sci.med", "rec.sport.baseball", "talk.politics.guns");
        int n = POSTS.size();
        Random random = new Random(7);
        double[][] jitter = new double[n][2];
        for (double[] j : jitter) { j[0] = random.nextGaussian(); j[1] = random.nextGaussian(); }
        List<float[][]> layouts = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            float[][] xy = new float[n][2];
            for (int i = 0; i < n; i++) {
                Post p = POSTS.get(i);
                int c = p.label() == null ? -1 : labelOrder.indexOf(p.label());
                double angle = c < 0 ? 0 : Math.PI / 4 + c * Math.PI / 2;
                double radius = c < 0 ? 0 : 5;
                double x, y;
                switch (t) {
                    case 0 -> { x = radius * Math.cos(angle) + 1.6 * jitter[i][0]; y = radius * Math.sin(angle) + 1.6 * jitter[i][1]; }
                    case 1 -> { x = 1.3 * radius * Math.cos(angle) + 0.6 * jitter[i][0]; y = 1.3 * radius * Math.sin(angle) + 0.6 * jitter[i][1]; }
                    case 2 -> { x = 6 * p.sentiment() + 0.5 * jitter[i][0]; y = 2.5 * jitter[i][1]; }
                    default -> { x = 2.5 * jitter[i][0] + (c < 0 ? 0 : 0.8 * Math.cos(angle)); y = 9 * (p.toxicity() - 0.3) + 0.5 * jitter[i][1]; }
                }
                xy[i][0] = (float) x;
                xy[i][1] = (float) y;
            }
            layouts.add(xy);
        }
        List<String> names = List.of("default", "topic", "sentiment", "toxicity");
        List<String> instructions = Arrays.asList(null, "Identify the topic or theme of the given text",
                "Classify the sentiment of the given text as positive, negative, or neutral",
                "Classify the given text as either toxic or not toxic");
        List<String> lookFor = List.of("general semantic similarity", "tighter category clusters",
                "categories dissolve into a tone gradient", "civility: politics and religion apart from technical groups");
        List<String> labels = POSTS.stream().map(Post::label).toList();
        int k = 5;
        List<int[][]> knn = layouts.stream().map(xy -> nearest(xy, k)).toList();
        List<MapData.TaskLayer> tasks = new ArrayList<>();
        double[][] jaccard = new double[4][4];
        for (int t = 0; t < 4; t++) {
            float[] drift = new float[n];
            double sum = 0;
            for (int i = 0; i < n; i++) {
                drift[i] = (float) (1 - jaccard(knn.get(0)[i], knn.get(t)[i]));
                sum += drift[i];
            }
            for (int u = 0; u < 4; u++) {
                double s = 0;
                for (int i = 0; i < n; i++) s += jaccard(knn.get(t)[i], knn.get(u)[i]);
                jaccard[t][u] = s / n;
            }
            Map<String, Double> figures = new HashMap<>();
            figures.put("knnAccuracy", Math.min(1, knnAccuracy(knn.get(t), labels) + 0.03));
            figures.put("knnAccuracy2d", knnAccuracy(knn.get(t), labels));
            figures.put("silhouette", silhouette(layouts.get(t), labels) * 0.6);
            figures.put("silhouette2d", silhouette(layouts.get(t), labels));
            figures.put("trustworthiness", t == 3 ? Double.NaN : 0.97 - 0.02 * t);
            figures.put("meanDrift", sum / n);
            if (t > 0) figures.put("alignmentRms", 0.3 + 0.1 * t);
            tasks.add(new MapData.TaskLayer(names.get(t), instructions.get(t), lookFor.get(t), layouts.get(t), drift, knn.get(t), figures));
        }
        float[] sentiment = new float[n];
        float[] toxicity = new float[n];
        for (int i = 0; i < n; i++) {
            sentiment[i] = (float) (0.04 * POSTS.get(i).sentiment() + 0.005 * jitter[i][0]);
            toxicity[i] = (float) (0.05 * POSTS.get(i).toxicity() - 0.01 + 0.004 * jitter[i][1]);
        }
        List<MapData.Axis> axes = List.of(new MapData.Axis("sentiment", "sentiment", "negative", "positive", sentiment),
                new MapData.Axis("toxicity", "toxicity", "not toxic", "toxic", toxicity));
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("id", instructionAware ? "onnx-community/Qwen3-Embedding-0.6B-ONNX" : "bge-small-en-v1.5-q");
        model.put("backend", "onnx");
        model.put("precision", instructionAware ? "fp32" : "int8");
        model.put("dimensions", instructionAware ? 1024 : 384);
        model.put("instructionAware", instructionAware);
        List<Map<String, Object>> meta = new ArrayList<>();
        for (int i = 0; i < n; i++) meta.add(meta(i, POSTS.get(i)));
        return new MapData(POSTS.stream().map(Post::id).toList(), labels, POSTS.stream().map(Post::text).toList(), tasks, axes,
                jaccard, Map.of("model", model, "corpus", Map.of("source", "hand-written test posts")),
                POSTS.stream().map(TestMaps::wholeText).toList(), meta);
    }

    /**
     * A synthetic map of n documents: 20 categories as blobs that move between tasks, short
     * previews (or {@code previewChars} of filler words), k made-up neighbours each.
     */
    public static MapData synthetic(int n, int taskCount, int k, int previewChars, long seed) {
        Random random = new Random(seed);
        int categories = 20;
        List<String> ids = new ArrayList<>(n);
        List<String> labels = new ArrayList<>(n);
        List<String> previews = new ArrayList<>(n);
        int[] label = new int[n];
        String[] words = "the of embedding space task instruction topic sentiment model vector cluster text news post reply about"
                .split(" ");
        for (int i = 0; i < n; i++) {
            label[i] = random.nextInt(categories);
            ids.add(String.format("d%07d", i));
            labels.add("category-" + (char) ('a' + label[i]));
            StringBuilder sb = new StringBuilder("document " + i + " of category " + (char) ('a' + label[i]));
            while (sb.length() < previewChars) sb.append(' ').append(words[random.nextInt(words.length)]);
            previews.add(sb.length() > Math.max(previewChars, 40) ? sb.substring(0, Math.max(previewChars, 40)) : sb.toString());
        }
        List<MapData.TaskLayer> tasks = new ArrayList<>();
        for (int t = 0; t < taskCount; t++) {
            double[][] centres = new double[categories][2];
            for (double[] c : centres) { c[0] = random.nextGaussian() * 6; c[1] = random.nextGaussian() * 6; }
            double spread = 0.5 + t * 0.4;
            float[][] xy = new float[n][2];
            float[] drift = new float[n];
            int[][] nb = new int[n][k];
            for (int i = 0; i < n; i++) {
                xy[i][0] = (float) (centres[label[i]][0] + random.nextGaussian() * spread);
                xy[i][1] = (float) (centres[label[i]][1] + random.nextGaussian() * spread);
                drift[i] = t == 0 ? 0 : random.nextFloat();
                for (int j = 0; j < k; j++) nb[i][j] = (i + 1 + j * 7919 + t) % n;
            }
            Map<String, Double> figures = Map.of("knnAccuracy", 0.9 - 0.1 * t, "trustworthiness", 0.95, "meanDrift", t == 0 ? 0.0 : 0.5);
            tasks.add(new MapData.TaskLayer("task" + t, t == 0 ? null : "Instruction number " + t, "blobs that move", xy, drift, nb, figures));
        }
        float[] scores = new float[n];
        for (int i = 0; i < n; i++) scores[i] = (float) (random.nextGaussian() * 0.02);
        double[][] jaccard = new double[taskCount][taskCount];
        for (double[] row : jaccard) Arrays.fill(row, 0.5);
        return new MapData(ids, labels, previews, tasks, List.of(new MapData.Axis("sentiment", "task0", "negative", "positive", scores)),
                jaccard, Map.of("model", Map.of("id", "synthetic", "backend", "none", "dimensions", 0, "instructionAware", true)));
    }

    /**
     * The map with whole texts of about {@code meanChars} characters each: its preview, then words
     * drawn from a Zipf-like vocabulary (a few hundred real words first, then made-up ones), so that
     * common words match many texts and rare ones few, as in a real corpus.
     */
    public static MapData withWholeTexts(MapData map, int meanChars, long seed) {
        Random random = new Random(seed);
        String[] real = ("the of and to in is that for it with as was on be by this are not or have from at an but they which you one "
                + "space station orbit launch shuttle nasa moon mars rocket satellite engine fuel mission crew earth solar planet "
                + "baseball game season team player pitcher hit run league score god church bible faith religion believe jesus "
                + "gun law government state rights police crime weapon bill president israel arab war peace people country "
                + "computer graphics image file program software windows card driver disk memory data system version window "
                + "car engine speed price dealer insurance road tire brake doctor patient disease drug medical treatment pain "
                + "key encryption chip secure clipper privacy algorithm public message bike ride motorcycle helmet sale offer").split(" ");
        List<String> vocabulary = new ArrayList<>(Arrays.asList(real));
        String[] syllables = "ka lo mi ne ru sa te vo zi pa de gu fi ho ja ly qu bre sto tra".split(" ");
        while (vocabulary.size() < 20_000) {
            StringBuilder w = new StringBuilder();
            for (int k = 2 + random.nextInt(3); k > 0; k--) w.append(syllables[random.nextInt(syllables.length)]);
            vocabulary.add(w.toString());
        }
        double[] cumulative = new double[vocabulary.size()];
        double sum = 0;
        for (int r = 0; r < cumulative.length; r++) cumulative[r] = (sum += 1.0 / (r + 2));
        List<String> texts = new ArrayList<>(map.ids().size());
        for (int i = 0; i < map.ids().size(); i++) {
            StringBuilder sb = new StringBuilder(map.previews().get(i));
            int target = (int) Math.max(40, meanChars * (0.3 + 1.4 * random.nextDouble()));
            while (sb.length() < target) {
                int at = Arrays.binarySearch(cumulative, random.nextDouble() * sum);
                sb.append(random.nextInt(12) == 0 ? ".\n" : " ").append(vocabulary.get(at < 0 ? -at - 1 : at));
            }
            texts.add(sb.toString());
        }
        return map.withTexts(texts, List.of());
    }

    private static int[][] nearest(float[][] xy, int k) {
        int n = xy.length;
        int[][] out = new int[n][];
        for (int i = 0; i < n; i++) {
            final int a = i;
            out[i] = java.util.stream.IntStream.range(0, n).filter(j -> j != a).boxed()
                    .sorted((p, q) -> Double.compare(d2(xy[a], xy[p]), d2(xy[a], xy[q]))).limit(k).mapToInt(Integer::intValue).toArray();
        }
        return out;
    }

    private static double d2(float[] a, float[] b) {
        double dx = a[0] - b[0], dy = a[1] - b[1];
        return dx * dx + dy * dy;
    }

    private static double jaccard(int[] a, int[] b) {
        Set<Integer> sa = new HashSet<>(), union = new HashSet<>();
        for (int x : a) { sa.add(x); union.add(x); }
        int common = 0;
        for (int x : b) { if (sa.contains(x)) common++; union.add(x); }
        return union.isEmpty() ? 1 : (double) common / union.size();
    }

    private static double knnAccuracy(int[][] nb, List<String> labels) {
        int right = 0, counted = 0;
        for (int i = 0; i < nb.length; i++) {
            if (labels.get(i) == null) continue;
            Map<String, Integer> votes = new HashMap<>();
            for (int j : nb[i]) if (labels.get(j) != null) votes.merge(labels.get(j), 1, Integer::sum);
            String best = votes.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey).orElse(null);
            if (labels.get(i).equals(best)) right++;
            counted++;
        }
        return (double) right / counted;
    }

    private static double silhouette(float[][] xy, List<String> labels) {
        double total = 0;
        int counted = 0;
        for (int i = 0; i < xy.length; i++) {
            if (labels.get(i) == null) continue;
            final String own = labels.get(i);
            Map<String, double[]> sums = new HashMap<>();
            for (int j = 0; j < xy.length; j++) {
                if (j == i || labels.get(j) == null) continue;
                double[] s = sums.computeIfAbsent(labels.get(j), x -> new double[2]);
                s[0] += Math.sqrt(d2(xy[i], xy[j]));
                s[1]++;
            }
            double a = sums.get(own)[0] / sums.get(own)[1];
            double b = sums.entrySet().stream().filter(e -> !e.getKey().equals(own)).mapToDouble(e -> e.getValue()[0] / e.getValue()[1])
                    .min().orElse(a);
            total += (b - a) / Math.max(a, b);
            counted++;
        }
        return total / counted;
    }

    public static void main(String[] args) {
        Path dir = Path.of(args[1]);
        if (args[0].equals("small")) {
            MapArtefact.write(dir, small(!Arrays.asList(args).contains("--not-instruction-aware")));
        } else {
            MapArtefact.write(dir, synthetic(Integer.parseInt(args[2]), Integer.parseInt(args[3]), Integer.parseInt(args[4]),
                    Integer.parseInt(args[5]), 42));
        }
        System.out.println("wrote " + dir);
    }
}
