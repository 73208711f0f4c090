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
        run(root, project, common, new ProjectDir(outDir));
        return 0;
    }

    /** Runs the stage and prints the figures; shared with {@code demo}. */
    static void run(TaskspaceCommand root, ProjectOptions options, CommonOptions common, ProjectDir project) {
        List<ProjectStage.TaskSummary> tasks = ProjectStage.run(project, options.stageOptions(), common.reporter(root));
        print(tasks, root.out());
        root.out().println("wrote " + project.mapDir());
    }

    static void print(List<ProjectStage.TaskSummary> tasks, PrintStream out) {
        boolean labelled = tasks.stream().anyMatch(t -> t.figures().containsKey("knnAccuracy"));
        int w = Math.max(12, tasks.stream().mapToInt(t -> t.name().length()).max().orElse(0));
        out.printf(Locale.ROOT, "  %-" + w + "s %8s %8s %8s %8s %8s %8s %7s%n", "task", "kNN acc", "kNN 2-D", "silh.", "silh 2-D",
                "trust.", "drift", "time");
        for (ProjectStage.TaskSummary t : tasks) {
            Map<String, Double> f = t.figures();
            out.printf(Locale.ROOT, "  %-" + w + "s %8s %8s %8s %8s %8s %8s %6.1fs%n", t.name(), fmt(f.get("knnAccuracy")),
                    fmt(f.get("knnAccuracy2d")), fmt(f.get("silhouette")), fmt(f.get("silhouette2d")), fmt(f.get("trustworthiness")),
                    fmt(f.get("meanDrift")), t.seconds());
        }
        if (labelled) {
            out.println("  kNN acc: share of documents whose 10 nearest neighbours (cosine, 5-fold) vote their own category; "
                    + "2-D: the same on the map");
            out.println("  silh.: how far categories stand apart (-1..1; cosine in full space, euclidean on the map)");
        } else {
            out.println("  (no category labels: accuracy and silhouette are left out)");
        }
        out.println("  trust.: trustworthiness of the map (k=15): 1 means its neighbourhoods are real ones");
        out.println("  drift: mean share of each document's 10 nearest neighbours (full vectors) that are new against the first task's");
        // An imported 2-D map has no trustworthiness (no vectors): its drift is of its 2-D neighbours.
        if (tasks.stream().anyMatch(t -> fmt(t.figures().get("trustworthiness")).equals("-"))) {
            out.println("         for an imported map (-: no full vectors), of its 2-D neighbours against the first imported map's");
        }
    }

    private static String fmt(Double v) {
        return v == null || v.isNaN() ? "-" : String.format(Locale.ROOT, "%.3f", v);
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
                description = "UMAP optimisation epochs (default: 500 up to 10,000 documents, 200 above, as umap-learn).")
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
