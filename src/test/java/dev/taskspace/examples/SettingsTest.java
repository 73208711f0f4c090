package dev.taskspace.examples;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The tutorial's options. */
class SettingsTest {

    @Test
    void byDefaultTheDemoSampleSentimentAndTheBundledModel() {
        Settings s = Settings.parse(new String[0], Map.of());
        assertThat(s.perLabel()).isEqualTo(80);
        assertThat(s.task().name()).isEqualTo("sentiment");
        assertThat(s.task().instruction()).startsWith("Classify the sentiment");
        assertThat(s.model()).isEqualTo("bge-small-en-v1.5-q");
        assertThat(s.apiModel()).isNull();
        assertThat(s.out()).isEqualTo(Path.of("taskspace-tutorial", "default-vs-sentiment.png"));
    }

    @Test
    void theModelComesFromTheFlagElseTaskspaceModel() {
        Map<String, String> env = Map.of("TASKSPACE_MODEL", "onnx-community/Qwen3-Embedding-0.6B-ONNX");
        assertThat(Settings.parse(new String[0], env).model()).isEqualTo("onnx-community/Qwen3-Embedding-0.6B-ONNX");
        assertThat(Settings.parse(new String[] {"--model", "minilm"}, env).model()).isEqualTo("minilm");
        Settings int8 = Settings.parse(new String[] {"--precision", "int8"}, env);
        assertThat(int8.precision()).isEqualTo("int8");
        assertThat(Settings.parse(new String[0], env).precision()).isNull();
        Settings remote = Settings.parse(new String[] {"--api-model", "Qwen/Qwen3-Embedding-0.6B", "--api-base", "http://localhost:11434/v1"}, env);
        assertThat(remote.apiModel()).isEqualTo("Qwen/Qwen3-Embedding-0.6B");
        assertThat(remote.apiBase()).hasToString("http://localhost:11434/v1");
    }

    @Test
    void anotherKnownTaskOrACustomInstructionNamesThePicture() {
        Settings topic = Settings.parse(new String[] {"--task", "topic", "--per-label", "20"}, Map.of());
        assertThat(topic.task().instruction()).isEqualTo("Identify the topic or theme of the given text");
        assertThat(topic.perLabel()).isEqualTo(20);
        assertThat(topic.out()).isEqualTo(Path.of("taskspace-tutorial", "default-vs-topic.png"));
        Settings legal = Settings.parse(new String[] {"--task", "legal=Classify the legal area of the given text"}, Map.of());
        assertThat(legal.task().name()).isEqualTo("legal");
        assertThat(legal.task().instruction()).isEqualTo("Classify the legal area of the given text");
    }

    @Test
    void mistakesAreNamed() {
        assertThatThrownBy(() -> Settings.parse(new String[] {"--task", "default"}, Map.of())).hasMessageContaining("has no instruction");
        assertThatThrownBy(() -> Settings.parse(new String[] {"--task", "nope"}, Map.of())).hasMessageContaining("unknown task \"nope\"");
        assertThatThrownBy(() -> Settings.parse(new String[] {"--per-label", "0"}, Map.of())).hasMessageContaining("positive number");
        assertThatThrownBy(() -> Settings.parse(new String[] {"--colour", "red"}, Map.of())).hasMessageContaining("unknown option --colour");
        assertThatThrownBy(() -> Settings.parse(new String[] {"--out"}, Map.of())).hasMessageContaining("--out needs a value");
    }

    @Test
    void helpPrintsAndReturnsNothing() {
        assertThat(Settings.parse(new String[] {"--help"}, Map.of())).isNull();
    }
}
