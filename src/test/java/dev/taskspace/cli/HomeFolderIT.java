package dev.taskspace.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing lands in the user's home outside the documented cache folders
 * ({@code ~/.cache/taskspace}, {@code ~/.cache/huggingface}): no telemetry database, no
 * native libraries unpacked into {@code ~/.djl.ai} or {@code ~/.cache/JNA}.
 */
class HomeFolderIT {
    private static final Path ROOT = Path.of(System.getProperty("user.dir"));

    @TempDir
    Path tmp;

    private void launch(Path home, String... args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>(List.of(ROOT.resolve("taskspace").toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().keySet().removeIf(k -> k.startsWith("TASKSPACE_") || k.startsWith("HF_") || k.startsWith("XDG_")
                || k.equals("DJL_CACHE_DIR") || k.equals("ORT_DISABLE_TELEMETRY"));
        pb.environment().put("HOME", home.toString());
        // Java takes user.home from the password database, not from $HOME.
        pb.environment().put("JAVA_OPTS", "-Duser.home=" + home);
        pb.environment().put("HF_HUB_OFFLINE", "1");
        pb.redirectErrorStream(true).redirectOutput(tmp.resolve("log.txt").toFile());
        Process p = pb.start();
        assertThat(p.waitFor(5, TimeUnit.MINUTES)).as("finished").isTrue();
        assertThat(p.exitValue()).as(Files.readString(tmp.resolve("log.txt"))).isZero();
    }

    @Test
    void aFullRunWritesOnlyIntoTheCacheFolders() throws Exception {
        Path home = Files.createDirectories(tmp.resolve("home"));
        Path input = tmp.resolve("docs.jsonl");
        Files.writeString(input, "{\"text\": \"the capital of China is Beijing\"}\n{\"text\": \"hello\"}\n");
        Path tiny = Path.of(getClass().getResource("/dev/taskspace/embed/onnx/tiny-qwen3").toURI());

        launch(home, "corpus", "-i", input.toString(), "--out", tmp.resolve("p").toString(), "-q");
        launch(home, "embed", "--model", tiny.toString(), "--out", tmp.resolve("p").toString(), "--tasks", "topic", "-q");
        // another model on the same project: its finished task is replaced, as asked
        launch(home, "embed", "--model", "minilm-q", "--out", tmp.resolve("p").toString(), "--tasks", "topic", "--replace", "-q");

        List<String> outside;
        try (Stream<Path> files = Files.walk(home)) {
            outside = files.filter(Files::isRegularFile).map(home::relativize).map(Path::toString)
                    .filter(f -> !f.startsWith(".cache/taskspace/") && !f.startsWith(".cache/huggingface/")).toList();
        }
        assertThat(outside).as("files in the home folder outside the cache folders").isEmpty();
        assertThat(home.resolve(".cache/taskspace/models/bundled/all-minilm-l6-v2-q.onnx")).isRegularFile();
        assertThat(home.resolve(".cache/taskspace/native")).isDirectory();
    }
}
