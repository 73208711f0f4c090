package dev.taskspace.cli;

import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The top command; its subcommands run the pipeline's stages. */
@Command(
        name = "taskspace",
        mixinStandardHelpOptions = true,
        versionProvider = Cli.VersionProvider.class,
        scope = ScopeType.INHERIT,
        subcommands = {DemoCommand.class, CorpusCommand.class, ImportCommand.class, EmbedCommand.class, ProjectCommand.class, SiteCommand.class,
            ExportCommand.class,
            ServeCommand.class, picocli.CommandLine.HelpCommand.class},
        description = {
            "See and measure how a task instruction reshapes an embedding space.",
            "",
            "Pipeline: corpus -> embed -> project -> map -> page. Each stage writes its artefact "
                    + "into a project folder, so any stage can be rerun alone.",
        },
        footerHeading = "%nEnvironment:%n",
        footer = {
            "  TASKSPACE_CACHE       cache folder (default: ~/.cache/taskspace)",
            "  TASKSPACE_NEWSGROUPS  a local 20news-bydate.tar.gz or its unpacked folder",
            "  TASKSPACE_OFFLINE=1   never download",
        })
public final class TaskspaceCommand implements Runnable {
    private final Map<String, String> env;
    private final java.io.PrintStream out;
    private final java.io.PrintStream err;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "Show stack traces of errors.")
    boolean verbose;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    TaskspaceCommand(Map<String, String> env, java.io.PrintStream out, java.io.PrintStream err) {
        this.env = Map.copyOf(env);
        this.out = out;
        this.err = err;
    }

    /** Where results go (the summary a stage prints). */
    java.io.PrintStream out() {
        return out;
    }

    /** Where notes, progress and errors go. */
    java.io.PrintStream err() {
        return err;
    }

    /** The process environment (injected, so that tests can set it). */
    Map<String, String> env() {
        return env;
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
