package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
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
            "Only this machine can reach it unless --bind names another address; then every request",
            "needs the access token, which the printed address carries (?token=...).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  taskspace serve --out taskspace-demo",
            "  taskspace serve --out taskspace-demo --port 0        any free port",
            "  taskspace serve --out taskspace-demo --bind 0.0.0.0  other machines too, with a token",
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
                    + "other machines that have the access token see the map and start live jobs.")
    String bind;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "The access token beyond loopback (16-128 letters, digits, - or _; default: a new random one, "
                    + "printed in the address). Also read from TASKSPACE_TOKEN.")
    String token;

    @Option(names = "--allow-host", paramLabel = "NAME", split = ",",
            description = "More host names that browsers may use to reach the server beyond loopback (e.g. a DNS name "
                    + "of this machine); its own names and addresses are allowed already.")
    java.util.List<String> allowHosts = new java.util.ArrayList<>();

    @Mixin
    ProjectCommand.ProjectOptions projection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ProjectDir project = new ProjectDir(outDir);
        String given = token != null ? token : root.env().get("TASKSPACE_TOKEN");
        PageServer.Settings settings = PageServer.Settings.DEFAULT.withToken(given == null || given.isBlank() ? null : given.strip())
                .withAllowedHosts(java.util.Set.copyOf(allowHosts));
        serve(root, project, bind, port, new LiveTaskRunner(project, root.env(), common.cacheDir(root.env()), projection.stageOptions()), settings);
        return 0;
    }

    /** Serves {@code project}'s map until Ctrl+C; shared with {@code demo}. */
    static void serve(TaskspaceCommand root, ProjectDir project, String bind, int port, LiveTaskRunner live, PageServer.Settings settings) {
        MapData map = MapArtefact.read(project.mapDir()); // one clear error if it is missing or damaged
        InetAddress address = address(bind);
        try (PageServer server = PageServer.start(project.mapDir(), address, port, live, new MeaningQueries(project, live), settings)) {
            if (server.token() != null) {
                root.err().println("note: listening on " + address.getHostAddress() + ", not only on this machine: every request "
                        + "needs the access token, which the address below carries; share it only with people who may read the "
                        + "map's texts and start live jobs.");
            }
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

    static InetAddress address(String bind) {
        InetAddress address;
        try {
            address = InetAddress.getByName(bind);
        } catch (UnknownHostException e) {
            throw new dev.taskspace.TaskspaceException("--bind " + bind + ": no such host name here; give one of this machine's addresses ("
                    + ownAddresses() + "), or 0.0.0.0 for all of them");
        }
        if (address.isAnyLocalAddress() || address.isLoopbackAddress()) return address;
        try {
            if (java.net.NetworkInterface.getByInetAddress(address) != null) return address;
        } catch (java.net.SocketException e) {
            return address; // cannot tell: let the server try
        }
        throw new dev.taskspace.TaskspaceException("--bind " + bind + ": " + address.getHostAddress() + " is not an address of this machine; give "
                + "one of its addresses (" + ownAddresses() + "), or 0.0.0.0 for all of them");
    }

    private static String ownAddresses() {
        java.util.List<String> all = new java.util.ArrayList<>();
        try {
            for (var nif : java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces())) {
                for (var a : java.util.Collections.list(nif.getInetAddresses())) {
                    if (a instanceof java.net.Inet4Address) all.add(a.getHostAddress());
                }
            }
        } catch (java.net.SocketException e) {
            return "127.0.0.1";
        }
        return all.isEmpty() ? "127.0.0.1" : String.join(", ", all);
    }
}
