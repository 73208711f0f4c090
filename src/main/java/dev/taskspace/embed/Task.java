package dev.taskspace.embed;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One way of looking at a corpus: a name, the instruction the model receives with every text
 * (or none, for plain semantic similarity), and a short note on what to look for in its map.
 *
 * @param name        short and file-name safe, e.g. {@code sentiment}
 * @param instruction e.g. "Classify the sentiment of the given text as positive, negative, or
 *                    neutral", or null for none
 * @param lookFor     what the instruction should do to the map, e.g. "a tone gradient"
 * @param axis        two label descriptions to score every document between (zero-shot), or null
 */
public record Task(String name, String instruction, String lookFor, Axis axis) {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,63}");

    public Task {
        Objects.requireNonNull(name, "name");
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("task name \"" + name + "\" must be 1-64 letters, digits, '.', '_' or '-', "
                    + "starting with a letter or digit");
        }
        if (instruction != null) {
            instruction = instruction.strip();
            if (instruction.isEmpty()) instruction = null;
        }
        lookFor = lookFor == null ? "" : lookFor.strip();
    }

    /** A task without a zero-shot axis. */
    public Task(String name, String instruction, String lookFor) {
        this(name, instruction, lookFor, null);
    }

    /**
     * A zero-shot axis: the model embeds both descriptions under the task's instruction, and
     * each document scores cos(document, positive) - cos(document, negative).
     *
     * @param negative the low end, e.g. "This text expresses a negative sentiment"
     * @param positive the high end
     */
    public record Axis(String negative, String positive) {
        public Axis {
            if (negative == null || negative.isBlank() || positive == null || positive.isBlank()) {
                throw new IllegalArgumentException("an axis needs a negative and a positive description");
            }
            negative = negative.strip();
            positive = positive.strip();
        }
    }

    /** The same task with another axis. */
    public Task withAxis(Axis newAxis) {
        return new Task(name, instruction, lookFor, newAxis);
    }

    /** Whether the model receives an instruction with each text. */
    public boolean hasInstruction() {
        return instruction != null;
    }
}
