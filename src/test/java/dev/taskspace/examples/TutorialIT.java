package dev.taskspace.examples;

import static org.assertj.core.api.Assertions.assertThat;

import dev.taskspace.embed.remote.FakeEmbeddingsServer;
import dev.taskspace.testing.SharedData;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tutorial (docs/TUTORIAL.md) as a reader runs it, on a small sample: its program in a JVM
 * of its own, offline, with the bundled model and a fresh cache; then the picture it wrote,
 * looked at pixel by pixel: two panels of plotted points in several colours, titles, a legend.
 */
class TutorialIT {
    private static final String MAIN = "dev.taskspace.examples.DefaultVsSentiment";

    @TempDir
    Path dir;

    record Run(int code, String out, String err) {}

    private Run tutorial(String... args) throws IOException, InterruptedException {
        String classPath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", classPath, MAIN));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile());
        Map<String, String> env = pb.environment();
        env.remove("TASKSPACE_MODEL"); // the tutorial's own default: the bundled model
        env.remove("TASKSPACE_API_KEY"); // no key goes to the tests' server
        env.put("TASKSPACE_NEWSGROUPS", SharedData.require("20news-bydate.tar.gz").toString());
        env.put("TASKSPACE_CACHE", dir.resolve("cache").toString());
        env.put("TASKSPACE_OFFLINE", "1");
        env.put("HF_HOME", dir.resolve("hf").toString());
        Path out = dir.resolve("stdout.txt");
        Path err = dir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(5, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            throw new AssertionError("the tutorial did not finish in 5 minutes");
        }
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void aSmallSampleEndsInATwoPanelPictureWithPointsTitlesAndALegend() throws Exception {
        Path png = dir.resolve("pictures/tutorial.png");
        Run r = tutorial("--per-label", "8", "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("1. corpus: 80 posts in 10 categories")
                .contains("3. embed: bge-small-en-v1.5-q").contains("not instruction-tuned")
                .contains("default ").contains("sentiment ").contains("6. wrote " + png);

        BufferedImage image = ImageIO.read(png.toFile());
        assertThat(image).as("a PNG at " + png).isNotNull();
        assertThat(image.getWidth()).isEqualTo(2 * TwoPanelPlot.PANEL);
        assertThat(image.getHeight()).isBetween(TwoPanelPlot.PLOT_HEIGHT + 150, TwoPanelPlot.PLOT_HEIGHT + 400);
        assertThat(PictureCheck.problems(image, 80)).as("what a reader would miss in " + png).isEmpty();
    }

    @Test
    void aQwen3ModelInProcessGetsNoCaveat() throws Exception {
        // The tests' tiny Qwen3-Embedding (the real architecture and export, random weights) stands in
        // for onnx-community/Qwen3-Embedding-0.6B-ONNX, which --model would download.
        Path qwen3 = Path.of(TutorialIT.class.getResource("/dev/taskspace/embed/onnx/tiny-qwen3").toURI());
        Path png = dir.resolve("qwen3.png");
        Run r = tutorial("--per-label", "8", "--model", qwen3.toString(), "--out", png.toString());
        assertThat(r.code()).as(r.err()).isZero();
        assertThat(r.out()).contains("3. embed: " + qwen3 + " (onnx, 32 dimensions)").doesNotContain("not instruction-tuned")
                .contains("6. wrote " + png);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(2 * TwoPanelPlot.PANEL);
    }

    @Test
    void aQwen3ModelBehindAnApiGetsTheInstructionWithEveryText() throws Exception {
        try (FakeEmbeddingsServer server = FakeEmbeddingsServer.start()) {
            Path png = dir.resolve("api.png");
            Run r = tutorial("--per-label", "8", "--api-base", server.base().toString(), "--api-model", "Qwen/Qwen3-Embedding-0.6B",
                    "--out", png.toString());
            assertThat(r.code()).as(r.err()).isZero();
            assertThat(r.out()).contains("3. embed: Qwen/Qwen3-Embedding-0.6B (remote, 1024 dimensions)")
                    .doesNotContain("not instruction-tuned").contains("6. wrote " + png);
            List<String> inputs = server.bodies().stream().flatMap(b -> java.util.stream.StreamSupport.stream(b.path("input").spliterator(), false))
                    .map(n -> n.asText()).toList();
            assertThat(inputs).hasSize(160);
            assertThat(inputs.stream().filter(t -> t.startsWith("Instruct: Classify the sentiment of the given text as positive, "
                    + "negative, or neutral\nQuery:"))).hasSize(80);
            assertThat(PictureCheck.problems(ImageIO.read(png.toFile()), 80)).isEmpty();
        }
    }

    @Test
    void aWrongOptionIsOneLineAndExitCodeOne() throws Exception {
        Run r = tutorial("--per-label", "many");
        assertThat(r.code()).isEqualTo(1);
        assertThat(r.err().strip()).isEqualTo("tutorial: error: --per-label must be a positive number, not \"many\"");
    }
}
