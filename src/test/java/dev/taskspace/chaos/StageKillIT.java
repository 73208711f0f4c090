package dev.taskspace.chaos;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.embed.EmbeddingArtefact;
import dev.taskspace.internal.Hashing;
import dev.taskspace.map.MapArtefact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Chaos: {@code kill -9} of each stage ({@code corpus}, {@code embed} with a bundled model,
 * {@code project}) at {@value #KILLS} random instants of a run that replaces an existing
 * artefact. After every kill the artefact must load, whole: the previous one or the new one,
 * never a mix. The next full run leaves no staged or temporary files behind.
 *
 * <p>The instants are drawn uniformly over the length of one whole run of the same stage,
 * measured first, with a fixed seed; the test prints how many kills left the previous artefact
 * and how many the new one.
 */
class StageKillIT {
    static final int KILLS = 20;
    static final Path JAR = Path.of(System.getProperty("taskspace.jar", "target/taskspace.jar"));

    @TempDir
    Path dir;
    ProjectDir project;
    final Random random = new Random(15);

    @BeforeEach
    void inputs() throws IOException {
        project = new ProjectDir(dir.resolve("p"));
        for (String variant : List.of("a", "b")) {
            StringBuilder jsonl = new StringBuilder();
            String[] labels = {"space", "cooking", "sport"};
            for (int i = 0; i < 36; i++) {
                String label = labels[i % 3];
                jsonl.append("{\"id\": \"").append(variant).append(i).append("\", \"label\": \"").append(label)
                        .append("\", \"text\": \"Post ").append(i).append(" of variant ").append(variant).append(" about ").append(label)
                        .append(": ").append(("more words on " + label + " ").repeat(3 + i % 5)).append("\"}\n");
            }
            Files.writeString(dir.resolve(variant + ".jsonl"), jsonl.toString());
        }
    }

    /** Runs taskspace in its own JVM; kills it with SIGKILL after {@code killAfterMillis} (negative: runs to the end). */
    int run(long killAfterMillis, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of("java", "-Xmx1g", "-jar", JAR.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(dir.resolve("log.txt").toFile());
        pb.environment().put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        pb.environment().put("ORT_DISABLE_TELEMETRY", "1");
        Process p = pb.start();
        if (killAfterMillis >= 0 && !p.waitFor(killAfterMillis, TimeUnit.MILLISECONDS)) {
            p.destroyForcibly(); // SIGKILL
            p.waitFor();
            return -9;
        }
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("log.txt"))).isZero();
        return 0;
    }

    long timedRun(String... args) throws IOException, InterruptedException {
        long start = System.nanoTime();
        run(-1, args);
        return Math.max(1, (System.nanoTime() - start) / 1_000_000);
    }

    List<String> leftovers(Path folder) throws IOException {
        try (Stream<Path> s = Files.list(folder)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    String[] corpusArgs(String variant) {
        return new String[] {"corpus", "--out", project.toString(), "--input", dir.resolve(variant + ".jsonl").toString(), "--quiet"};
    }

    @Test
    void corpusKilledAnywhereLeavesAWholeCorpus() throws Exception {
        run(-1, corpusArgs("a"));
        String a = Hashing.sha256(project.corpusDocuments());
        long length = timedRun(corpusArgs("b"));
        String b = Hashing.sha256(project.corpusDocuments());
        int previous = 0;
        int killed = 0;
        String current = b;
        for (int i = 0; i < KILLS; i++) {
            String next = current.equals(a) ? "b" : "a";
            killed += run(random.nextLong(length), corpusArgs(next)) == -9 ? 1 : 0;
            var corpus = CorpusArtefact.read(project); // loads, checksum checked
            String now = Hashing.sha256(project.corpusDocuments());
            assertThat(now).as("kill %d", i).isIn(a, b);
            assertThat(corpus.documents().get(0).id()).startsWith(now.equals(a) ? "a" : "b");
            if (now.equals(current)) previous++;
            current = now;
        }
        System.out.printf("corpus: %d kills (%d while running), %d left the previous corpus, %d the new one%n", KILLS, killed, previous, KILLS - previous);
        run(-1, corpusArgs("a"));
        assertThat(leftovers(project.root())).isEmpty();
    }

    String[] embedArgs(String instruction) {
        return new String[] {"embed", "--out", project.toString(), "--model", "minilm-q", "--tasks", "topic", "--task", "topic=" + instruction,
            "--no-cache", "--offline", "--quiet"};
    }

    @Test
    void embedKilledAnywhereLeavesWholeEmbeddings() throws Exception {
        run(-1, corpusArgs("a"));
        run(-1, embedArgs("Name the topic"));
        long length = timedRun(embedArgs("Name the subject"));
        int previous = 0;
        int killed = 0;
        String current = "Name the subject";
        for (int i = 0; i < KILLS; i++) {
            String next = current.equals("Name the topic") ? "Name the subject" : "Name the topic";
            killed += run(random.nextLong(length), embedArgs(next)) == -9 ? 1 : 0;
            JsonNode manifest = EmbeddingArtefact.manifest(project);
            float[][] topic = EmbeddingArtefact.read(project, "topic"); // checksum checked against the manifest
            assertThat(topic).as("kill %d", i).hasNumberOfRows(36);
            String now = manifest.path("tasks").get(0).path("instruction").asText();
            assertThat(now).isIn("Name the topic", "Name the subject");
            if (now.equals(current)) previous++;
            current = now;
        }
        System.out.printf("embed: %d kills (%d while running), %d left the previous embeddings, %d the new ones%n", KILLS, killed, previous,
                KILLS - previous);
        run(-1, embedArgs("Name the topic"));
        assertThat(leftovers(project.embeddingsDir())).isEmpty();
    }

    String[] projectArgs(int seed) {
        return new String[] {"project", "--out", project.toString(), "--umap-seed", Integer.toString(seed), "--umap-epochs", "50", "--quiet"};
    }

    @Test
    void projectKilledAnywhereLeavesAWholeMap() throws Exception {
        run(-1, corpusArgs("a"));
        run(-1, embedArgs("Name the topic"));
        run(-1, projectArgs(1));
        Path coords = project.mapDir().resolve("coords.f32");
        String one = Hashing.sha256(coords);
        long length = timedRun(projectArgs(2));
        String two = Hashing.sha256(coords);
        assertThat(two).as("two seeds, two maps").isNotEqualTo(one);
        int previous = 0;
        int killed = 0;
        String current = two;
        for (int i = 0; i < KILLS; i++) {
            int next = current.equals(one) ? 2 : 1;
            killed += run(random.nextLong(length), projectArgs(next)) == -9 ? 1 : 0;
            var map = MapArtefact.read(project.mapDir()); // every file's size and checksum checked
            assertThat(map.ids()).as("kill %d", i).hasSize(36);
            String now = Hashing.sha256(coords);
            assertThat(now).isIn(one, two);
            if (now.equals(current)) previous++;
            current = now;
        }
        System.out.printf("project: %d kills (%d while running), %d left the previous map, %d the new one%n", KILLS, killed, previous,
                KILLS - previous);
        run(-1, projectArgs(1));
        assertThat(leftovers(project.mapDir())).isEmpty();
    }
}
