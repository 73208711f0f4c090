package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.embed.Embedder;
import dev.taskspace.embed.Task;
import dev.taskspace.embed.onnx.ModelResolver;
import dev.taskspace.embed.onnx.OnnxModel;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.CorpusStage;
import dev.taskspace.embed.EmbedStage;
import dev.taskspace.project.ProjectStage;
import dev.taskspace.imported.ImportStage;
import dev.taskspace.imported.ImportedMaps;
import dev.taskspace.imported.OriginalDemo;
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
            "Then it serves the page on 127.0.0.1 (or writes it as a static site with --site DIR). Every option of the stages works here too, so the demo can run on your own corpus and model.",
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

    @Option(names = "--site", paramLabel = "DIR", order = 90,
            description = "Write the page and the map as a static site into DIR and stop, instead of serving them.")
    Path siteDir;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080", order = 91,
            description = "The port to serve the page on, on 127.0.0.1 (default: ${DEFAULT-VALUE}; 0: any free port).")
    int port;

    /** What the demo uses when the default model cannot be had (no network, nothing cached). */
    static final String FALLBACK_MODEL = "bge-small-en-v1.5-q";

    @Option(names = "--original", paramLabel = "FILE", order = 92,
            description = "The original demo's data.json (also: TASKSPACE_ORIGINAL). When no instruction-tuned model can be had, "
                    + "the demo shows its real Qwen3 maps beside the bundled model's; without this, the cached copy or a "
                    + "download is tried.")
    Path original;

    @Override
    public Integer call() {
        java.io.PrintStream out = root.out();
        ProjectDir project = new ProjectDir(outDir);
        OnnxModel onnx = remote.remote() ? null : resolveModel(out);
        ImportedMaps originalMaps = fellBack || original != null ? originalMaps(out) : null;

        if (originalMaps != null) {
            out.println("[1/4] corpus: the original demo's 800 posts, with its real Qwen3-Embedding-0.6B maps");
            ImportCommand.importInto(root, common, corpus.source.newsgroups, originalMaps, project,
                    common.reporter(root), true);
            CorpusReport.print(CorpusArtefact.read(project), null, out);
        } else {
            out.println("[1/4] corpus: load, clean and sample");
            CorpusStage.Options corpusOptions = corpus.stageOptions(root.env(), common);
            CorpusReport.print(CorpusStage.run(corpusOptions, project, common.reporter(root)), corpusOptions, project, out);
            ImportStage.forget(project); // an earlier demo's imported maps belong to another corpus
        }
        out.println();

        out.println("[2/4] embed: once per task");
        List<Task> chosen = tasks.tasks();
        try (Embedder embedder = model.open(root, remote, common, () -> onnx)) {
            EmbedReport report = new EmbedReport(out, embedder, project);
            report.finish(EmbedStage.run(project, embedder, new EmbedStage.Options(chosen, tasks.replace, model.storage), common.reporter(root), report));
        }
        out.println();

        out.println("[3/4] project: aligned 2-D layouts and figures");
        ProjectReport.print(ProjectStage.run(project, projection.stageOptions(), common.reporter(root)), project, out);
        if (originalMaps != null) {
            out.println("  maps: " + String.join(", ", chosen.stream().map(Task::name).toList()) + " embedded here"
                    + (fellBack ? " by the bundled " + FALLBACK_MODEL + " (not instruction-tuned)" : "")
                    + "; the -qwen3 ones are the original demo's, made by real "
                    + OriginalDemo.MODEL + " (SiliconFlow API): imported, 2-D only");
        }
        out.println();

        if (siteDir != null) {
            out.println("[4/4] page: a static site");
            SiteCommand.write(root, project, siteDir);
        } else {
            out.println("[4/4] page: open the address below, switch tasks and watch the documents move");
            ServeCommand.serve(root, project, "127.0.0.1", port,
                    new LiveTaskRunner(project, root.env(), common.cacheDir(root.env()), projection.stageOptions()),
                    dev.taskspace.web.PageServer.Settings.DEFAULT);
        }
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
            fellBack = true;
            return model.resolve(root.env(), common, reporter, FALLBACK_MODEL);
        }
    }

    /** Set when the default model could not be had and the bundled one stands in. */
    private boolean fellBack;

    /**
     * The original demo's real Qwen3 maps, to show beside the bundled model's: from --original,
     * TASKSPACE_ORIGINAL, the cache or a download; null (said) when they cannot be had or the
     * user asked for another corpus.
     */
    private ImportedMaps originalMaps(java.io.PrintStream out) {
        if (!corpus.demoSample()) {
            if (original != null) throw new TaskspaceException("--original shows the original demo's own 800 posts: leave out the corpus options");
            return null;
        }
        try {
            ImportedMaps maps = OriginalDemo.read(OriginalDemo.locate(ImportCommand.originalSource(root.env(), common, original),
                    common.reporter(root)));
            out.println("note: the original demo's real " + OriginalDemo.MODEL + " maps are at hand: the demo runs on its 800 posts "
                    + "and shows them beside " + (fellBack ? FALLBACK_MODEL : model.model) + "'s, marked \"imported · 2-D\"");
            return maps;
        } catch (TaskspaceException e) {
            if (original != null) throw e;
            out.println("note: " + e.getMessage());
            return null;
        }
    }
}
