package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.project.ProjectStage;
import java.io.PrintStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The projection stage's figures, as {@code project}, {@code import} and {@code demo} print them. */
final class ProjectReport {
    private ProjectReport() {}

    /** The figures and where the map was written. */
    static void print(List<ProjectStage.TaskSummary> tasks, ProjectDir project, PrintStream out) {
        print(tasks, out);
        out.println("wrote " + project.mapDir());
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
            out.println("  (no category labels, or too few labelled documents for 5-fold figures: accuracy and silhouette are left out)");
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
}
