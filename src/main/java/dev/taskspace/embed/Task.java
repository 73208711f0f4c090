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
 */
public record Task(String name, String instruction, String lookFor) {
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

    /** Whether the model receives an instruction with each text. */
    public boolean hasInstruction() {
        return instruction != null;
    }
}
