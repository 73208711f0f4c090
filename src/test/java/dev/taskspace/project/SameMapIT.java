package dev.taskspace.project;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.embed.EmbeddingStats;
import dev.taskspace.embed.ModelInfo;
import dev.taskspace.embed.PromptStyle;
import dev.taskspace.embed.Task;
import dev.taskspace.internal.Hashing;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same inputs and seed give the same map bit for bit on every path: {@code taskspace project}
 * run in separate JVMs with the Vector API module (as {@code project} and {@code demo} run) and
 * without it (as {@code serve}'s live tasks and the tutorial under Maven run), on 1, 2 and 3
 * threads, writes byte-identical map files.
 */
class SameMapIT {
    private static final int N = 262;  // not a multiple of 4 or of the 64-row tiles
    private static final int DIMS = 50; // 3 x 16 + 2 and 6 x 8 + 2: lanes and a tail in both kernels

    @TempDir
    Path dir;

    @Test
    void withAndWithoutTheVectorModuleOnAnyThreadsTheMapIsTheSameBytes() throws Exception {
        List<Path> projects = new ArrayList<>();
        String[][] runs = {
            {"--add-modules", "jdk.incubator.vector", "2"},
            {null, null, "1"},
            {"--add-modules", "jdk.incubator.vector", "-Dtaskspace.vector=false", "3"},
        };
        for (int r = 0; r < runs.length; r++) {
            Path p = dir.resolve("p" + r);
            write(new ProjectDir(p));
            List<String> jvm = new ArrayList<>();
            for (int a = 0; a < runs[r].length - 1; a++) if (runs[r][a] != null) jvm.add(runs[r][a]);
            run(jvm, p, runs[r][runs[r].length - 1]);
            projects.add(p.resolve("map"));
        }
        // This JVM has the module too: say which kernel the first run had, so a pass is not mistaken for more than it is.
        System.out.println("SameMapIT: the run with the module used the " + KnnKernel.get().name() + " kernel");

        Map<String, byte[]> first = files(projects.get(0));
        assertThat(first).containsKeys("coords.f32", "drift.f32", "neighbours.i32", "scores.f32", "map.json");
        for (int r = 1; r < projects.size(); r++) {
            Map<String, byte[]> other = files(projects.get(r));
            assertThat(other.keySet()).isEqualTo(first.keySet());
            for (String name : first.keySet()) {
                if (name.endsWith(".json")) { // readable differences
                    assertThat(new String(other.get(name), java.nio.charset.StandardCharsets.UTF_8)).as("run %d, %s", r, name)
                            .isEqualTo(new String(first.get(name), java.nio.charset.StandardCharsets.UTF_8));
                }
                assertThat(other.get(name)).as("run %d, %s", r, name).isEqualTo(first.get(name));
            }
        }
    }

    /** The map folder's files; map.json without its creation time (and with its checksums, which cover the data). */
    private static Map<String, byte[]> files(Path map) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.list(map)) {
            for (Path f : s.toList()) {
                byte[] bytes = Files.readAllBytes(f);
                if (f.getFileName().toString().equals("map.json")) {
                    ObjectMapper json = new ObjectMapper();
                    ObjectNode m = (ObjectNode) json.readTree(bytes);
                    m.remove("created");
                    bytes = json.writeValueAsBytes(m);
                }
                out.put(f.getFileName().toString(), bytes);
            }
        }
        return out;
    }

    private static void run(List<String> jvmOptions, Path project, String threads) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.taskspace.cli.Main",
                "project", "--out", project.toString(), "--project-threads", threads, "--quiet"));
        Path log = project.resolve("log.txt");
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("project did not finish in 5 minutes: " + cmd);
        }
        assertThat(p.exitValue()).as(Files.readString(log)).isZero();
    }

    /** Three tasks of clustered vectors with exact duplicates (distance ties) and an axis. */
    private static void write(ProjectDir p) throws IOException {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < N; i++) docs.add(new Document(String.format("d%03d", i), "c" + (i % 5), "text " + i, "t"));
        CorpusArtefact.write(p, new Corpus(docs, Map.of(), Set.of(), Map.of("source", "synthetic")));
        ModelInfo info = new ModelInfo("synthetic", "test", "fp32", DIMS, true, PromptStyle.QWEN3);
        EmbeddingArtefact a = EmbeddingArtefact.begin(p, info, dev.taskspace.embed.EngineSettings.NONE, Hashing.sha256(p.corpusDocuments()), docs.stream().map(Document::id).toList(), false);
        a.put(new Task("default", null, ""), vectors(1, 5), null, EmbeddingStats.NONE);
        a.put(new Task("topic", "Topic", ""), vectors(2, 7), null, EmbeddingStats.NONE);
        float[][] axis = {vectors(3, 2)[0], vectors(3, 2)[1]};
        a.put(new Task("tone", "Tone", "", new Task.Axis("low", "high")), vectors(4, 3), axis, EmbeddingStats.NONE);
    }

    private static float[][] vectors(long seed, int clusters) {
        Random r = new Random(seed);
        float[][] centres = new float[clusters][DIMS];
        for (float[] c : centres) for (int t = 0; t < DIMS; t++) c[t] = (float) r.nextGaussian() * 3;
        float[][] x = new float[N][DIMS];
        for (int i = 0; i < N; i++) {
            if (i % 17 == 16) {
                x[i] = x[i - 1].clone(); // a duplicate: ties that only a fixed order breaks the same way
                continue;
            }
            double norm = 0;
            for (int t = 0; t < DIMS; t++) {
                x[i][t] = centres[i % clusters][t] + (float) r.nextGaussian();
                norm += (double) x[i][t] * x[i][t];
            }
            for (int t = 0; t < DIMS; t++) x[i][t] /= (float) Math.sqrt(norm);
        }
        return x;
    }
}
