package dev.taskspace.embed.onnx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.taskspace.Reporter;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import dev.taskspace.hub.FakeHub;
import dev.taskspace.hub.HfHub;
import dev.taskspace.testing.LoopbackServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** {@code --model}: a hub id (against a fake hub serving the synthetic Qwen3), a folder, a bundled name. */
@Timeout(60)
class ModelResolverTest {
    private static final String REPO = "test-org/Qwen3-tiny-ONNX";

    @TempDir
    Path tmp;

    LoopbackServer server;
    LoopbackServer cdn;
    HfHub hub;
    FakeHub fake;

    @BeforeEach
    void serveTheTinyModel() throws IOException {
        server = LoopbackServer.start();
        cdn = LoopbackServer.start();
        Path dir = TinyQwen3.DIR;
        byte[] onnx = Files.readAllBytes(dir.resolve("onnx/model.onnx"));
        fake = new FakeHub(server, cdn, REPO, FakeHub.COMMIT)
                .lfs("onnx/model.onnx", onnx)
                .lfs("onnx/model_quantized.onnx", onnx)
                .small("tokenizer.json", Files.readAllBytes(dir.resolve("tokenizer.json")))
                .small("config.json", Files.readAllBytes(dir.resolve("config.json")))
                .small("README.md", "# tiny\n".getBytes())
                .serve();
        hub = HfHub.fromEnvironment(fake.env(tmp.resolve("hf")), tmp.toString());
    }

    @AfterEach
    void stop() {
        server.close();
        cdn.close();
    }

    private ModelResolver resolver(HfHub h) {
        return new ModelResolver(h, tmp.resolve("cache"), Pooling.MEAN);
    }

    @Test
    void aHubModelIsDownloadedOnceIntoTheHuggingFaceCacheAndEmbedsCorrectly() throws IOException {
        OnnxModel m = resolver(hub).resolve(REPO, null, Reporter.SILENT);
        assertThat(m.onnxFile().toString()).startsWith(tmp.resolve("hf/hub").toString()).endsWith("onnx/model.onnx");
        assertThat(m.endToken()).as("Qwen3 rules from config.json").isEqualTo(OnnxModel.QWEN3_END_TOKEN);
        List<TinyQwen3.Text> texts = TinyQwen3.texts();
        try (Embedder e = OnnxEmbedder.open(m, OnnxEmbedder.Options.DEFAULT)) {
            float[] v = e.embed(List.of(texts.get(3).text()), new Task("raw", null, ""), Reporter.SILENT).vectors()[0];
            assertThat(v).containsExactly(texts.get(3).vector(), within(1e-5f));
        }
        int requests = server.requests() + cdn.requests();
        OnnxModel offline = resolver(hub.withOffline(true)).resolve(REPO, null, Reporter.SILENT);
        assertThat(offline.onnxFile()).isEqualTo(m.onnxFile());
        assertThat(server.requests() + cdn.requests()).as("offline: no request").isEqualTo(requests);
    }

    @Test
    void precisionPicksTheExportsFile() {
        OnnxModel m = resolver(hub).resolve(REPO, "int8", Reporter.SILENT);
        assertThat(m.onnxFile().toString()).endsWith("onnx/model_quantized.onnx");
        assertThat(m.precision()).isEqualTo("int8");
    }

    @Test
    void aPrecisionTheExportLacksListsWhatItOffers() {
        assertThatThrownBy(() -> resolver(hub).resolve(REPO, "q4", Reporter.SILENT))
                .hasMessageContaining("has no q4 ONNX export").hasMessageContaining("onnx/model.onnx, onnx/model_quantized.onnx")
                .hasMessageContaining("--precision");
        assertThatThrownBy(() -> resolver(hub).resolve(REPO, "fp64", Reporter.SILENT)).hasMessageContaining("unknown precision");
    }

    @Test
    void anUnknownRepositoryIsNamed() {
        assertThatThrownBy(() -> resolver(hub).resolve("test-org/nope", null, Reporter.SILENT)).hasMessageContaining("test-org/nope");
    }

    @Test
    void aLocalFolderWorksWithoutAnyHub() {
        OnnxModel m = resolver(hub.withOffline(true)).resolve(TinyQwen3.DIR.toString(), null, Reporter.SILENT);
        assertThat(m.onnxFile()).isEqualTo(TinyQwen3.DIR.resolve("onnx/model.onnx"));
        assertThat(m.endToken()).isEqualTo(OnnxModel.QWEN3_END_TOKEN);
        assertThatThrownBy(() -> resolver(hub).resolve(TinyQwen3.DIR.toString(), "fp16", Reporter.SILENT))
                .hasMessageContaining("has no fp16 export").hasMessageContaining("it has onnx/model.onnx");
        assertThat(server.requests()).isZero();
    }

    @Test
    void theDefaultsReadTheEnvironmentAsTheCommandLineDoes() {
        Path cache = tmp.resolve("taskspace-cache");
        ModelResolver fromEnv = ModelResolver.fromEnvironment(fake.env(tmp.resolve("hf"), "TASKSPACE_CACHE", cache.toString()));
        assertThat(fromEnv.resolve("minilm-q", null, Reporter.SILENT).onnxFile()).startsWith(cache.resolve("models/bundled"));
        OnnxModel m = fromEnv.resolve(REPO, null, Reporter.SILENT);
        assertThat(m.onnxFile()).startsWith(tmp.resolve("hf/hub"));

        int requests = server.requests() + cdn.requests();
        ModelResolver offline = ModelResolver.fromEnvironment(fake.env(tmp.resolve("hf"), "TASKSPACE_CACHE", cache.toString(),
                "TASKSPACE_OFFLINE", "1"));
        assertThat(offline.resolve(REPO, null, Reporter.SILENT).onnxFile()).isEqualTo(m.onnxFile());
        assertThat(server.requests() + cdn.requests()).as("TASKSPACE_OFFLINE=1: no request").isEqualTo(requests);
        assertThatThrownBy(() -> ModelResolver.fromEnvironment(fake.env(tmp.resolve("empty-hf"), "TASKSPACE_OFFLINE", "1"))
                .resolve(REPO, null, Reporter.SILENT)).hasMessageContaining(REPO);
        assertThat(server.requests() + cdn.requests()).isEqualTo(requests);
    }

    @Test
    void bundledNamesAndTheirPrecision() {
        OnnxModel m = resolver(hub).resolve("minilm-q", null, Reporter.SILENT);
        assertThat(m.id()).isEqualTo("all-minilm-l6-v2-q");
        assertThat(m.instructionAware()).isFalse();
        assertThatThrownBy(() -> resolver(hub).resolve("minilm-q", "fp32", Reporter.SILENT)).hasMessageContaining("use all-minilm-l6-v2");
        assertThatThrownBy(() -> resolver(hub).resolve("no such thing", null, Reporter.SILENT))
                .hasMessageContaining("neither a folder, a Hugging Face model id");
    }
}
