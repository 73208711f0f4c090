package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
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
            "Stages so far: corpus. Every corpus option works here too, so the demo can run on your own corpus.",
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
    CommonOptions common;

    @Override
    public Integer call() {
        java.io.PrintStream out = root.out();
        ProjectDir project = new ProjectDir(outDir);
        out.println("[1/4] corpus: load, clean and sample");
        CorpusCommand.run(root, corpus, common, project);
        out.println();
        out.println("Next stages (not built yet):");
        out.println("[2/4] embed    embed the corpus once per task (default, topic, sentiment, toxicity) with "
                + "Qwen3-Embedding, in-process or over an API");
        out.println("[3/4] project  project each task's vectors to 2D with aligned UMAP layouts and measure "
                + "how much each instruction changed the space");
        out.println("[4/4] page     write the map and serve the page where you switch tasks and watch the "
                + "documents move");
        return 0;
    }
}
