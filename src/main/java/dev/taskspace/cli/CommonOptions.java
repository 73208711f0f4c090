package dev.taskspace.cli;

import dev.taskspace.internal.ConsoleReporter;
import dev.taskspace.internal.UserDirs;
import java.nio.file.Path;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every stage command shares: cache, network and output verbosity. */
final class CommonOptions {
    @Option(names = "--cache-dir", paramLabel = "DIR",
            description = "Where downloads are kept (default: $TASKSPACE_CACHE, else $XDG_CACHE_HOME/taskspace or ~/.cache/taskspace).")
    Path cacheDir;

    @Option(names = "--offline", description = "Never download; fail with advice instead (also: TASKSPACE_OFFLINE=1).")
    boolean offline;

    @Option(names = {"-q", "--quiet"}, description = "No progress bars.")
    boolean quiet;

    Path cacheDir(Map<String, String> env) {
        return UserDirs.cacheDir(cacheDir, env, System.getProperty("user.home"), System.getProperty("os.name"));
    }

    boolean offline(Map<String, String> env) {
        return offline || UserDirs.offline(env);
    }

    /** Notes and progress on the command's error stream, drawn in place when that is a terminal. */
    ConsoleReporter reporter(TaskspaceCommand root) {
        boolean terminal = root.err() == System.err && System.console() != null;
        return new ConsoleReporter(root.err(), terminal, quiet);
    }
}
