package dev.taskspace.internal;

import dev.taskspace.Reporter;
import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.DelegatingProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Reports to a terminal: notes on stderr, progress bars drawn in place when stderr is a
 * terminal, and as a plain line every few seconds when it is not (CI logs, pipes), so logs
 * stay readable.
 */
public final class ConsoleReporter implements Reporter {
    private static final long LOG_INTERVAL_MILLIS = 10_000;

    private final PrintStream err;
    private final boolean interactive;
    private final boolean quiet;

    /**
     * @param err         where notes and bars go (stdout stays for results)
     * @param interactive whether {@code err} is a terminal that can redraw a line
     * @param quiet       show no progress bars (notes still appear)
     */
    public ConsoleReporter(PrintStream err, boolean interactive, boolean quiet) {
        this.err = err;
        this.interactive = interactive;
        this.quiet = quiet;
    }

    /** A reporter on {@code System.err}, interactive when the JVM has a console. */
    public static ConsoleReporter system(boolean quiet) {
        return new ConsoleReporter(System.err, System.console() != null, quiet);
    }

    @Override
    public void info(String line) {
        err.println(line);
    }

    @Override
    public Progress progress(String label, long total, Unit unit) {
        if (quiet) return Progress.NONE;
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(label)
                .setInitialMax(total)
                .setStyle(ProgressBarStyle.ASCII)
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setUnit(unit.suffix, unit.size)
                .continuousUpdate()
                .setMaxRenderedLength(100);
        if (interactive) {
            b.setConsumer(new ConsoleProgressBarConsumer(err, 100));
            b.setUpdateIntervalMillis(200);
        } else {
            b.setConsumer(new DelegatingProgressBarConsumer(err::println, 100));
            b.setUpdateIntervalMillis((int) LOG_INTERVAL_MILLIS);
        }
        ProgressBar bar = b.build();
        return new Progress() {
            @Override
            public void stepBy(long n) {
                bar.stepBy(n);
            }

            @Override
            public void stepTo(long n) {
                bar.stepTo(n);
            }

            @Override
            public void message(String text) {
                bar.setExtraMessage("  " + text);
            }

            @Override
            public void close() {
                bar.close();
            }
        };
    }

    /** Formats a duration as {@code 1m 05s} or {@code 3.2 s}. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 60_000) return String.format("%.1f s", ms / 1000.0);
        return String.format("%dm %02ds", ms / 60_000, (ms / 1000) % 60);
    }
}
