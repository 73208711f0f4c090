package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.web.SiteWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace site}: the page and the map as a static folder. */
@Command(
        name = "site",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write the page and the project's map into a folder that any static web host serves as it is "
                    + "(GitHub Pages, a bucket, python3 -m http.server).",
            "",
            "Browsers do not run the page from file://: serve the folder over HTTP (the page says so when opened as a file).",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  taskspace site --out taskspace-demo",
            "      writes taskspace-demo/site/",
            "  taskspace site --out taskspace-demo --site docs",
            "      writes docs/, e.g. for GitHub Pages from a repository's docs folder",
            "  python3 -m http.server -d taskspace-demo/site 8000",
            "      one way to look at it: open http://127.0.0.1:8000/",
        })
final class SiteCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-out",
            description = "The project folder whose map to publish (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--site", paramLabel = "DIR", description = "Where to write the site (default: the project's site/ folder).")
    Path siteDir;

    @Override
    public Integer call() {
        write(root, new ProjectDir(outDir), siteDir);
        return 0;
    }

    /** Writes the site and says where; shared with {@code demo}. */
    static void write(TaskspaceCommand root, ProjectDir project, Path siteDir) {
        Path site = siteDir != null ? siteDir.toAbsolutePath().normalize() : project.siteDir();
        SiteWriter.Summary s = SiteWriter.write(project.mapDir(), site);
        var out = root.out();
        out.printf(Locale.ROOT, "wrote the page and the map (%,d documents, %d tasks) to %s: %d files, %.1f MB%n",
                s.map().ids().size(), s.map().tasks().size(), s.site(), s.files(), s.bytes() / 1e6);
        out.println("serve it with any static web host, e.g. python3 -m http.server -d " + s.site() + " 8000 "
                + "(browsers do not run it from file://)");
    }
}
