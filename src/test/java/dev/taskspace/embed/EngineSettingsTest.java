package dev.taskspace.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine settings record and the one line derived from it (the vector cache's key and embeddings.json's "embedder"). */
class EngineSettingsTest {
    @TempDir
    Path dir;

    @Test
    void theOnnxLineIsTheOneEarlierVersionsWroteSoCachesAndManifestsStillMatch() throws Exception {
        Path model = Files.writeString(dir.resolve("model.onnx"), "x");
        EngineSettings.ModelFile file = EngineSettings.ModelFile.of(model);
        String identity = model.toRealPath() + " " + Files.size(model) + " " + Files.getLastModifiedTime(model).toMillis();
        assertThat(EngineSettings.onnx(file, "MEAN", 512, "query: ", 0, PromptStyle.QWEN3).line())
                .isEqualTo("onnx " + identity + " pooling=MEAN maxTokens=512 prefix=query: ");
        assertThat(EngineSettings.onnx(file, "CLS", 256, "", 12, PromptStyle.QWEN3).line())
                .isEqualTo("onnx " + identity + " pooling=CLS maxTokens=256 prefix= skipLayerNorms=12");
    }

    @Test
    void aFileThatCannotBeReadIsNamedByItsPathAlone() {
        EngineSettings.ModelFile gone = EngineSettings.ModelFile.of(dir.resolve("gone.onnx"));
        assertThat(gone.bytes()).isEqualTo(-1);
        assertThat(EngineSettings.onnx(gone, "LAST_TOKEN", 8, "", 0, null).line())
                .isEqualTo("onnx " + dir.resolve("gone.onnx").toAbsolutePath() + " pooling=LAST_TOKEN maxTokens=8 prefix=");
    }

    @Test
    void remoteAndNoSettingsLines() {
        assertThat(EngineSettings.remote("http://127.0.0.1:9/v1", PromptStyle.QWEN3).line()).isEqualTo("remote http://127.0.0.1:9/v1");
        assertThat(EngineSettings.NONE.line()).isEmpty();
    }

    @Test
    void incompleteSettingsAreRefused() {
        EngineSettings.ModelFile f = new EngineSettings.ModelFile("/m.onnx", 1, 1);
        assertThatThrownBy(() -> EngineSettings.onnx(f, " ", 8, "", 0, null)).hasMessageContaining("pooling");
        assertThatThrownBy(() -> EngineSettings.remote("", null)).hasMessageContaining("server");
        assertThatThrownBy(() -> new EngineSettings("gpu", null, null, null, 0, "", 0, null)).hasMessageContaining("unknown backend");
        assertThatThrownBy(() -> EngineSettings.onnx(f, "MEAN", -1, "", 0, null)).hasMessageContaining("token cap");
    }
}
