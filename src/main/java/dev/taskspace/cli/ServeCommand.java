package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.web.LiveTasks;
import dev.taskspace.web.PageServer;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace serve}: the page and the map over HTTP on this machine, with live tasks. */
@Command(
        name = "serve",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Serve the page and the project's map at http://127.0.0.1:PORT/ until Ctrl+C.",
            "",
            "Only this machine can reach it unless --bind names another address.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  taskspace serve --out taskspace-demo",
            "  taskspace serve --out taskspace-demo --port 0        any free port",
        })
final class ServeCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-out",
            description = "The project folder whose map to serve (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", description = "The port (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    @Option(names = "--bind", paramLabel = "ADDRESS", defaultValue = "127.0.0.1",
            description = "The address to listen on (default: ${DEFAULT-VALUE}, this machine only). Another address lets "
                    + "other machines see the map and start live jobs.")
    String bind;

    @Mixin
    ProjectCommand.ProjectOptions projection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ProjectDir project = new ProjectDir(outDir);
        serve(root, project, bind, port, new LiveTaskRunner(project, root.env(), common.cacheDir(root.env()), projection.stageOptions()));
        return 0;
    }

    /** Serves {@code project}'s map until Ctrl+C; shared with {@code demo}. */
    static void serve(TaskspaceCommand root, ProjectDir project, String bind, int port, LiveTasks live) {
        MapData map = MapArtefact.read(project.mapDir()); // one clear error if it is missing or damaged
        InetAddress address = address(bind);
        if (!address.isLoopbackAddress()) {
            root.err().println("WARNING: listening on " + address.getHostAddress() + ", not only on this machine: anyone who can "
                    + "reach this address can read the map's texts and start live jobs. There is no login.");
        }
        try (PageServer server = PageServer.start(project.mapDir(), address, port, live)) {
            root.out().printf("serving the map of %s (%,d documents, %d tasks) at %s%n", project, map.ids().size(), map.tasks().size(),
                    server.uri());
            root.out().println("press Ctrl+C to stop");
            root.out().flush();
            CountDownLatch stopped = new CountDownLatch(1);
            Thread hook = new Thread(stopped::countDown, "taskspace-serve-stop");
            Runtime.getRuntime().addShutdownHook(hook);
            try {
                stopped.await(); // until Ctrl+C
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt(); // stopped by the program that runs it (tests)
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException shuttingDown) {
                    // the JVM is exiting: the hook has run
                }
            }
        }
    }

    private static InetAddress address(String bind) {
        try {
            return InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new dev.taskspace.TaskspaceException("--bind " + bind + " is not an address of this machine");
        }
    }
}
