package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.OnnxModel;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace demo}: the whole pipeline with the original demo's defaults. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Run the whole pipeline with the original demo's defaults: 800 posts of 20 Newsgroups "
                    + "(10 categories x 80), four task instructions, one map.",
            "",
            "Stages so far: corpus, embed, project. Every option of those stages works here too, so the demo can run on your own corpus and model.",
        })
final class DemoCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Mixin
    CorpusOptions corpus;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-demo",
            description = "The project folder to write to (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin
    ModelOptions model;

    @Mixin
    RemoteOptions remote;

    @Mixin
    TaskOptions tasks;

    @Mixin
    ProjectCommand.ProjectOptions projection;

    @Mixin
    CommonOptions common;

    /** What the demo uses when the default model cannot be had (no network, nothing cached). */
    static final String FALLBACK_MODEL = "bge-small-en-v1.5-q";

    @Override
    public Integer call() {
        java.io.PrintStream out = root.out();
        ProjectDir project = new ProjectDir(outDir);
        out.println("[1/4] corpus: load, clean and sample");
        CorpusCommand.run(root, corpus, common, project);
        out.println();

        out.println("[2/4] embed: once per task");
        List<Task> chosen = tasks.tasks();
        try (Embedder embedder = EmbedCommand.open(root, model, remote, common, () -> resolveModel(out))) {
            EmbedCommand.run(root, embedder, chosen, common, project);
        }
        out.println();

        out.println("[3/4] project: aligned 2-D layouts and figures");
        ProjectCommand.run(root, projection, common, project);
        out.println();
        out.println("Next stage (not built yet):");
        out.println("[4/4] page     serve the map: switch tasks and watch the documents move");
        return 0;
    }

    /**
     * The chosen model; or, when the user chose none and the default cannot be had (offline,
     * nothing cached), a bundled model, said loudly, so that the demo still shows a map.
     */
    private OnnxModel resolveModel(java.io.PrintStream out) {
        Reporter reporter = common.reporter(root);
        if (model.chosen(root.env())) return model.resolve(root.env(), common, reporter);
        try {
            return model.resolve(root.env(), common, reporter);
        } catch (TaskspaceException e) {
            out.println("note: " + e.getMessage());
            out.println("note: the demo goes on with the bundled " + FALLBACK_MODEL + ", which is NOT instruction-tuned; "
                    + "for the real thing, make " + ModelResolver.DEFAULT_MODEL + " available and run again");
            model.model = FALLBACK_MODEL;
            return model.resolve(root.env(), common, reporter);
        }
    }
}
