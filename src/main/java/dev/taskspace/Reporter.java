package dev.taskspace;

/**
 * Where a stage tells the user what it is doing: one-line notes and progress bars.
 *
 * <p>Stages never print directly; the command line hands them a console reporter, tests and
 * library users hand them {@link #console()}, {@link #SILENT} or their own implementation.
 */
public interface Reporter {

    /** A reporter that shows nothing. */
    Reporter SILENT = new Reporter() {
        @Override
        public void info(String line) {}

        @Override
        public Progress progress(String label, long total, Unit unit) {
            return Progress.NONE;
        }
    };

    /**
     * A reporter for programs run from a terminal, as the command line's: notes on
     * {@code System.err}, progress bars drawn in place on a console and as a line every few
     * seconds otherwise (logs, pipes).
     */
    static Reporter console() {
        return dev.taskspace.internal.ConsoleReporter.system(false);
    }

    /** A one-line note, e.g. {@code "downloading 14.4 MB from …"}. */
    void info(String line);

    /**
     * Starts a progress bar; close it when the work is done.
     *
     * @param total the amount of work in {@code unit}s, or -1 when unknown
     */
    Progress progress(String label, long total, Unit unit);

    /** How progress amounts are shown. */
    enum Unit {
        ITEMS("", 1),
        BYTES(" MB", 1_000_000);

        public final String suffix;
        public final long size;

        Unit(String suffix, long size) {
            this.suffix = suffix;
            this.size = size;
        }
    }

    /** A running progress bar. */
    interface Progress extends AutoCloseable {
        Progress NONE = new Progress() {
            @Override
            public void stepBy(long n) {}

            @Override
            public void stepTo(long n) {}

            @Override
            public void message(String text) {}

            @Override
            public void close() {}
        };

        void stepBy(long n);

        void stepTo(long n);

        /** A short text shown beside the bar, e.g. a rate. */
        void message(String text);

        @Override
        void close();
    }
}
