package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.testing.SharedData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code ./taskspace} launcher as a newcomer runs it: a real process, real exit codes and output. */
class LauncherIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));
    private static final Path JDK25 = Path.of("/usr/lib/jvm/temurin-25-jdk-amd64");

    @TempDir
    Path dir;

    record Result(int code, String out, String err) {}

    private Result launch(Map<String, String> env, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(ROOT.resolve("taskspace").toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        pb.environment().remove("TASKSPACE_NEWSGROUPS");
        pb.environment().put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        pb.environment().putAll(env);
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        Process p = pb.start();
        // A guard against a hang, not a timing: the demo takes about a minute on 2 free cores and
        // over 5 on a machine loaded 10 times over (it failed there at 5).
        if (!p.waitFor(15, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("taskspace " + String.join(" ", args) + " did not finish in 15 minutes");
        }
        return new Result(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionRunsFromAnyFolder() throws Exception {
        Result r = launch(Map.of(), "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).startsWith("taskspace ");
    }

    @Test
    void theDemoRunsCorpusAndEmbedOnTheSharedArchive() throws Exception {
        Path archive = SharedData.require("20news-bydate.tar.gz");
        Result r = launch(Map.of("TASKSPACE_NEWSGROUPS", archive.toString(), "TASKSPACE_MODEL", "minilm-q"), "demo", "--quiet", "--site", "site");
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("corpus: 800 documents, 10 labels").contains("model: all-minilm-l6-v2-q")
                .contains("not instruction-tuned").contains("[4/4] page");
        assertThat(dir.resolve("site/index.html")).isRegularFile();
        assertThat(Files.readAllLines(dir.resolve("taskspace-demo/corpus.jsonl"))).hasSize(800);
        for (String task : List.of("default", "topic", "sentiment", "toxicity")) {
            assertThat(dir.resolve("taskspace-demo/embeddings/" + task + ".npy")).isRegularFile();
        }
    }

    @Test
    void offlineWithoutACopyIsOneLineNamingTheFlag() throws Exception {
        Result r = launch(Map.of("TASKSPACE_OFFLINE", "1"), "corpus");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().lines()).singleElement().asString()
                .startsWith("taskspace: error: 20 Newsgroups is not in the cache").contains("--newsgroups PATH");
        assertThat(r.out()).isEmpty();
    }

    @Test
    void runsOnJdk25WithoutWarnings() throws Exception {
        Assumptions.assumeTrue(Files.isExecutable(JDK25.resolve("bin/java")), "skipped: no JDK 25 at " + JDK25);
        Result r = launch(Map.of("JAVA_HOME", JDK25.toString()), "--version");
        assertThat(r.code()).isZero();
        assertThat(r.out()).contains("Java 25");
        assertThat(r.err()).isEmpty();
    }
}
