package dev.taskspace.embed;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksTest {
    @TempDir
    Path dir;

    @Test
    void theDemoTasksAreTheOriginalFourInOrder() {
        assertThat(Tasks.DEMO).extracting(Task::name).containsExactly("default", "topic", "sentiment", "toxicity");
        assertThat(Tasks.DEMO.get(0).hasInstruction()).isFalse();
        assertThat(Tasks.DEMO.get(2).instruction()).isEqualTo("Classify the sentiment of the given text as positive, negative, or neutral");
    }

    @Test
    void qwen3PromptHasNoSpaceAfterQueryAndTheDemoVariantHasOne() {
        Task t = new Task("topic", "Identify the topic or theme of the given text", "");
        assertThat(PromptStyle.QWEN3.format(t, "Hello")).isEqualTo("Instruct: Identify the topic or theme of the given text\nQuery:Hello");
        assertThat(PromptStyle.DEMO_SPACED.format(t, "Hello")).isEqualTo("Instruct: Identify the topic or theme of the given text\nQuery: Hello");
        assertThat(PromptStyle.QWEN3.format(Tasks.DEMO.get(0), "Hello")).as("no instruction: the raw text").isEqualTo("Hello");
    }

    @Test
    void yamlAndJsonTaskFilesAddAndReplaceByName() throws IOException {
        Path yaml = Files.writeString(dir.resolve("t.yaml"), """
                tasks:
                  - name: legal
                    instruction: Classify the legal area of the given text
                    lookFor: areas of law apart
                  - name: topic
                    instruction: Name the subject
                  - name: plain
                """);
        List<Task> loaded = Tasks.load(yaml);
        assertThat(loaded).containsExactly(new Task("legal", "Classify the legal area of the given text", "areas of law apart"),
                new Task("topic", "Name the subject", ""), new Task("plain", null, ""));
        List<Task> merged = Tasks.merge(Tasks.DEMO, loaded);
        assertThat(merged).extracting(Task::name).containsExactly("default", "topic", "sentiment", "toxicity", "legal", "plain");
        assertThat(merged.get(1).instruction()).isEqualTo("Name the subject");

        Path json = Files.writeString(dir.resolve("t.json"), "[{\"name\": \"a\", \"instruction\": null}, {\"name\": \"b\", \"instruction\": \"B\"}]");
        assertThat(Tasks.load(json)).extracting(Task::name).containsExactly("a", "b");
    }

    @Test
    void badTaskFilesSayWhatIsWrong() throws IOException {
        Path noName = Files.writeString(dir.resolve("a.yaml"), "- instruction: x\n");
        assertThatThrownBy(() -> Tasks.load(noName)).hasMessageContaining("task 1 needs a \"name\"");
        Path badName = Files.writeString(dir.resolve("b.json"), "[{\"name\": \"has space\"}]");
        assertThatThrownBy(() -> Tasks.load(badName)).hasMessageContaining("task name \"has space\" must be");
        Path twice = Files.writeString(dir.resolve("c.json"), "[{\"name\": \"a\"}, {\"name\": \"a\"}]");
        assertThatThrownBy(() -> Tasks.load(twice)).hasMessageContaining("names a task twice");
        Path broken = Files.writeString(dir.resolve("d.json"), "[{\"name\": ");
        assertThatThrownBy(() -> Tasks.load(broken)).hasMessageContaining("cannot be read");
        assertThatThrownBy(() -> Tasks.load(dir.resolve("missing.yaml"))).hasMessageContaining("does not exist");
    }

    @Test
    void flagsAndSelection() {
        assertThat(Tasks.parse("legal=Classify the legal area")).isEqualTo(new Task("legal", "Classify the legal area", ""));
        assertThat(Tasks.parse("none=").hasInstruction()).isFalse();
        assertThatThrownBy(() -> Tasks.parse("no equals sign")).hasMessageContaining("NAME=INSTRUCTION");
        assertThat(Tasks.select(Tasks.known(), List.of("sentiment", "emotion"))).extracting(Task::name).containsExactly("sentiment", "emotion");
        assertThatThrownBy(() -> Tasks.select(Tasks.DEMO, List.of("nope"))).hasMessageContaining("unknown task \"nope\"");
    }
}
