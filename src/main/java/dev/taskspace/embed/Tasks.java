package dev.taskspace.embed;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The task sets: the original demo's four, a few more worth trying, and task files.
 *
 * <p>A task file is JSON or YAML: a list of tasks, or an object with a {@code tasks} list,
 * each task with {@code name}, optional {@code instruction} (absent or null: none) and
 * optional {@code lookFor}:
 *
 * <pre>
 * tasks:
 *   - name: emotion
 *     instruction: Classify the emotion expressed in the given text into one of the six emotions
 *     lookFor: anger, fear, joy, love, sadness and surprise pull apart
 *     axis:                      # optional: a zero-shot score between two descriptions
 *       negative: This text expresses sadness.
 *       positive: This text expresses joy.
 * </pre>
 */
public final class Tasks {
    private Tasks() {}

    /** The four tasks of the original demo, in its order. */
    public static final List<Task> DEMO = List.of(
            new Task("default", null, "general semantic similarity"),
            new Task("topic", "Identify the topic or theme of the given text", "tighter category clusters"),
            new Task("sentiment", "Classify the sentiment of the given text as positive, negative, or neutral",
                    "categories dissolve into a tone gradient",
                    new Task.Axis("This text expresses a negative sentiment: complaint, anger or disapproval.",
                            "This text expresses a positive sentiment: praise, happiness or approval.")),
            new Task("toxicity", "Classify the given text as either toxic or not toxic",
                    "civility: politics and religion apart from technical groups",
                    new Task.Axis("This text is civil: polite, respectful and constructive.",
                            "This text is toxic: insulting, hostile, hateful or abusive.")));

    /** Other instructions worth trying, by name. */
    public static final List<Task> MORE = List.of(
            new Task("emotion", "Classify the emotion expressed in the given text into one of the six emotions: "
                    + "anger, fear, joy, love, sadness, and surprise", "six emotions pull documents apart"),
            new Task("retrieval", "Given a web search query, retrieve relevant passages that answer the query",
                    "documents as answers to questions"));

    /** Every known task: the demo's, then the others. */
    public static List<Task> known() {
        List<Task> all = new ArrayList<>(DEMO);
        all.addAll(MORE);
        return all;
    }

    /**
     * Adds tasks to a set, replacing tasks of the same name in place and appending new ones.
     */
    public static List<Task> merge(List<Task> base, List<Task> more) {
        Map<String, Task> byName = new LinkedHashMap<>();
        for (Task t : base) byName.put(t.name(), t);
        for (Task t : more) byName.put(t.name(), t);
        return List.copyOf(byName.values());
    }

    /** The tasks of {@code from} with the given names, in the order given. */
    public static List<Task> select(List<Task> from, List<String> names) {
        Map<String, Task> byName = new LinkedHashMap<>();
        for (Task t : from) byName.put(t.name(), t);
        List<Task> out = new ArrayList<>();
        for (String n : names) {
            Task t = byName.get(n.strip());
            if (t == null) {
                throw new TaskspaceException("unknown task \"" + n.strip() + "\"; the tasks are: " + String.join(", ", byName.keySet())
                        + " (add your own with --task NAME=INSTRUCTION or --tasks-file)");
            }
            if (!out.contains(t)) out.add(t);
        }
        return List.copyOf(out);
    }

    /**
     * Parses {@code NAME=INSTRUCTION} (an empty instruction means none), as given on the
     * command line.
     */
    public static Task parse(String spec) {
        int eq = spec.indexOf('=');
        if (eq <= 0) {
            throw new TaskspaceException("a task is NAME=INSTRUCTION (e.g. emotion=Classify the emotion of the given text), not \""
                    + spec + "\"");
        }
        return task(spec.substring(0, eq).strip(), spec.substring(eq + 1), "", "--task " + spec);
    }

    /** Reads a task file (JSON, or YAML by its .yaml/.yml extension). */
    public static List<Task> load(Path file) {
        if (!Files.isRegularFile(file)) throw new TaskspaceException("task file " + file + " does not exist");
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        ObjectMapper mapper = name.endsWith(".yaml") || name.endsWith(".yml") ? new ObjectMapper(new YAMLFactory()) : new ObjectMapper();
        JsonNode root;
        try {
            root = mapper.readTree(file.toFile());
        } catch (IOException e) {
            String msg = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw new TaskspaceException("task file " + file + " cannot be read: " + oneLine(msg));
        }
        JsonNode list = root != null && root.isObject() ? root.get("tasks") : root;
        if (list == null || !list.isArray() || list.isEmpty()) {
            throw new TaskspaceException("task file " + file + " must hold a list of tasks (or an object with a \"tasks\" list)");
        }
        List<Task> tasks = new ArrayList<>();
        for (int i = 0; i < list.size(); i++) {
            JsonNode t = list.get(i);
            String where = file + ": task " + (i + 1);
            if (!t.isObject() || !t.hasNonNull("name")) throw new TaskspaceException(where + " needs a \"name\"");
            JsonNode instruction = t.get("instruction");
            if (instruction != null && !instruction.isNull() && !instruction.isTextual()) {
                throw new TaskspaceException(where + ": \"instruction\" must be text or null");
            }
            Task task = task(t.get("name").asText(), instruction == null || instruction.isNull() ? null : instruction.asText(),
                    t.path("lookFor").asText(""), where);
            JsonNode axis = t.get("axis");
            if (axis != null && !axis.isNull()) {
                if (!axis.path("negative").isTextual() || !axis.path("positive").isTextual()) {
                    throw new TaskspaceException(where + ": \"axis\" needs \"negative\" and \"positive\" texts");
                }
                task = task.withAxis(new Task.Axis(axis.get("negative").asText(), axis.get("positive").asText()));
            }
            tasks.add(task);
        }
        List<String> names = tasks.stream().map(Task::name).toList();
        if (names.stream().distinct().count() != names.size()) {
            throw new TaskspaceException("task file " + file + " names a task twice");
        }
        return List.copyOf(tasks);
    }

    private static Task task(String name, String instruction, String lookFor, String where) {
        try {
            return new Task(name, instruction, lookFor);
        } catch (IllegalArgumentException e) {
            throw new TaskspaceException(where + ": " + e.getMessage());
        }
    }

    private static String oneLine(String s) {
        return s == null ? "" : s.replaceAll("\\s*\\R\\s*", " ").strip();
    }
}
