package dev.taskspace.testing;

import dev.taskspace.Reporter;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** A reporter that remembers its info lines and the labels and totals of its progress bars. */
public final class RecordingReporter implements Reporter {
    public final List<String> lines = new CopyOnWriteArrayList<>();
    public final List<String> bars = new CopyOnWriteArrayList<>();
    public final List<Long> totals = new CopyOnWriteArrayList<>();

    @Override
    public void info(String line) {
        lines.add(line);
    }

    @Override
    public Progress progress(String label, long total, Unit unit) {
        bars.add(label);
        totals.add(total);
        return Progress.NONE;
    }
}
