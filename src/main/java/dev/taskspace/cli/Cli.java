package dev.taskspace.cli;

import dev.taskspace.TaskspaceException;
import dev.taskspace.Version;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;

/**
 * Builds the command line and turns every failure into one line and an exit code, in one
 * place: 0 on success, 1 on any error. Stack traces only with {@code --verbose}.
 */
public final class Cli {
    private Cli() {}

    /** Runs {@code taskspace args…} with the given streams and environment; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, Map<String, String> env, String... args) {
        boolean verbose = Arrays.asList(args).contains("--verbose");
        CommandLine cl = commandLine(env, out, err);
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine sub = ex.getCommandLine();
            err.println("taskspace: error: " + oneLine(ex.getMessage()) + " (see 'taskspace "
                    + subcommandPath(sub) + "--help')");
            if (verbose) ex.printStackTrace(err);
            return 1;
        });
        cl.setExecutionExceptionHandler((ex, sub, parseResult) -> {
            if (ex instanceof TaskspaceException) {
                err.println("taskspace: error: " + oneLine(ex.getMessage()));
            } else {
                err.println("taskspace: internal error: " + ex + (verbose ? "" : " (run with --verbose for details)"));
            }
            if (verbose) ex.printStackTrace(err);
            return 1;
        });
        try {
            return cl.execute(args);
        } catch (OutOfMemoryError e) {
            err.println("taskspace: error: out of memory; give Java more, e.g. JAVA_OPTS=-Xmx8g ./taskspace …");
            return 1;
        }
    }

    static CommandLine commandLine(Map<String, String> env, PrintStream out, PrintStream err) {
        CommandLine cl = new CommandLine(new TaskspaceCommand(env, out, err));
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        return cl;
    }

    private static String subcommandPath(CommandLine sub) {
        StringBuilder path = new StringBuilder();
        for (CommandLine c = sub; c != null && c.getParent() != null; c = c.getParent()) {
            path.insert(0, c.getCommandName() + " ");
        }
        return path.toString();
    }

    private static String oneLine(String message) {
        if (message == null) return "unknown error";
        return message.replaceAll("\\s*\\R\\s*", " ").strip();
    }

    /** Reports the version for {@code --version}. */
    static final class VersionProvider implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "taskspace " + Version.get(),
                "Java " + System.getProperty("java.version") + " (" + System.getProperty("java.vendor") + ")"
            };
        }
    }
}
