package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import dev.taskspace.hub.HfHub;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The model card's reference scores for Qwen3-Embedding-0.6B, reproduced with the real model
 * whenever its ONNX export is on this machine: set {@code TASKSPACE_QWEN3_DIR} to a folder
 * holding {@code onnx/model.onnx} (+ {@code model.onnx_data}) and {@code tokenizer.json}, e.g.
 * a snapshot of onnx-community/Qwen3-Embedding-0.6B-ONNX. Skipped, with a message, otherwise.
 */
class Qwen3ReferenceIT {
    @TempDir
    Path cache;

    @Test
    void theModelCardsScoresWithin1e3() {
        String dir = System.getenv("TASKSPACE_QWEN3_DIR");
        Assumptions.assumeTrue(dir != null && Files.isDirectory(Path.of(dir)),
                "skipped: set TASKSPACE_QWEN3_DIR to a Qwen3-Embedding-0.6B ONNX folder to check the reference scores");
        OnnxModel model = new ModelResolver(HfHub.fromEnvironment().withOffline(true), cache, Pooling.MEAN)
                .resolve(dir, System.getenv().getOrDefault("TASKSPACE_QWEN3_PRECISION", "fp32"), Reporter.SILENT);
        assertThat(model.endToken()).isEqualTo(OnnxModel.QWEN3_END_TOKEN);
        Task query = new Task("query", "Given a web search query, retrieve relevant passages that answer the query", "");
        Task document = new Task("document", null, "");
        try (Embedder e = OnnxEmbedder.open(model, OnnxEmbedder.Options.DEFAULT)) {
            float[][] q = e.embed(List.of("What is the capital of China?", "Explain gravity"), query, Reporter.SILENT).vectors();
            float[][] d = e.embed(List.of("The capital of China is Beijing.",
                    "Gravity is a force that attracts two bodies towards each other. It gives weight to physical objects "
                            + "and is responsible for the movement of planets around the sun."), document, Reporter.SILENT).vectors();
            double[][] expected = {{0.7646, 0.1414}, {0.1355, 0.6000}};
            for (int i = 0; i < 2; i++) {
                for (int j = 0; j < 2; j++) {
                    double dot = 0;
                    for (int k = 0; k < q[i].length; k++) dot += q[i][k] * d[j][k];
                    assertThat(dot).as("score[%d][%d]", i, j).isCloseTo(expected[i][j], within(1e-3));
                }
            }
        }
    }
}
