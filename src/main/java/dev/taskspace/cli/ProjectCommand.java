package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import dev.taskspace.project.ProjectStage;
import dev.taskspace.project.Umap;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace project}: the third stage. */
@Command(
        name = "project",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Project each task's vectors to 2-D (UMAP), align the layouts in one frame, measure what each "
                    + "instruction did, and write the map the page loads (map/).",
        })
final class ProjectCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-out",
            description = "The project folder: embeddings read, map written (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin
    ProjectOptions project;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ProjectDir dir = new ProjectDir(outDir);
        ProjectReport.print(ProjectStage.run(dir, project.stageOptions(), common.reporter(root)), dir, root.out());
        return 0;
    }

    /** UMAP and figure options, shared with {@code demo}. */
    static final class ProjectOptions {
        @Option(names = "--umap-neighbours", paramLabel = "N", defaultValue = "15", order = 20,
                description = "UMAP n_neighbors (default: ${DEFAULT-VALUE}).")
        int neighbours;

        @Option(names = "--min-dist", paramLabel = "D", defaultValue = "0.1", order = 21,
                description = "UMAP min_dist (default: ${DEFAULT-VALUE}).")
        float minDist;

        @Option(names = "--umap-seed", paramLabel = "N", defaultValue = "42", order = 22,
                description = "UMAP seed; the same seed gives the same map (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--umap-epochs", paramLabel = "N", defaultValue = "0", order = 23,
                description = "UMAP optimisation epochs (default: 500 up to 10,000 documents, 350 above).")
        int epochs;

        @Option(names = "--project-threads", paramLabel = "N", order = 24,
                description = "Threads for the UMAP layouts and the figures; the map is the same on any number (default: all cores).")
        int threads = Runtime.getRuntime().availableProcessors();

        @Option(names = "--project-tasks", paramLabel = "NAMES", split = ",", order = 25,
                description = "Which embedded tasks to map, in order (default: all, the one without an instruction first).")
        List<String> tasks = List.of();

        ProjectStage.Options stageOptions() {
            try {
                Umap umap = new Umap(neighbours, minDist, seed, threads, epochs);
                ProjectStage.Options d = ProjectStage.Options.DEFAULT;
                return new ProjectStage.Options(umap, d.neighbours(), d.trustK(), d.folds(), d.seed(), threads, tasks);
            } catch (IllegalArgumentException e) {
                throw new TaskspaceException(e.getMessage());
            }
        }
    }
}
