package dev.taskspace.cli;

import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/** Which tasks to embed: shared by {@code embed} and {@code demo}. */
final class TaskOptions {
    @Option(names = "--tasks", paramLabel = "NAMES", split = ",", order = 10,
            description = "Which tasks to run, by name, comma-separated (default: default, topic, sentiment, toxicity; "
                    + "also known: emotion, retrieval; plus any defined with --task or --tasks-file).")
    List<String> names;

    @Option(names = "--task", paramLabel = "NAME=INSTRUCTION", order = 11,
            description = "Add a task, or replace one of the same name; an empty instruction means none. Repeatable.")
    List<String> specs = new ArrayList<>();

    @Option(names = "--tasks-file", paramLabel = "FILE", order = 12,
            description = "Add or replace tasks from a JSON or YAML file: a list of {name, instruction, lookFor}.")
    Path file;

    @Option(names = "--replace", order = 13,
            description = "Discard the finished tasks of the project's embeddings when they were made with another model, "
                    + "engine settings or corpus (without it, such a run refuses and names them).")
    boolean replace;

    /** The tasks to run, in order. */
    List<Task> tasks() {
        List<Task> defined = new ArrayList<>();
        if (file != null) defined.addAll(Tasks.load(file));
        for (String s : specs) defined.add(Tasks.parse(s));
        List<Task> all = Tasks.merge(Tasks.known(), defined);
        if (names != null && !names.isEmpty()) return Tasks.select(all, names);
        // By default: the demo's four, plus (in the order given) any task defined here.
        List<Task> chosen = new ArrayList<>(Tasks.merge(Tasks.DEMO, defined.stream()
                .filter(t -> Tasks.DEMO.stream().anyMatch(d -> d.name().equals(t.name()))).toList()));
        for (Task t : defined) if (chosen.stream().noneMatch(c -> c.name().equals(t.name()))) chosen.add(t);
        return List.copyOf(chosen);
    }
}
