package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Newsgroups;
import dev.taskspace.imported.ImportStage;
import dev.taskspace.imported.ImportedMaps;
import dev.taskspace.imported.LayoutFile;
import dev.taskspace.imported.OriginalDemo;
import dev.taskspace.project.ProjectStage;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace import}: 2-D maps made elsewhere into a project. */
@Command(
        name = "import",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Import 2-D maps made elsewhere: the original Python demo's data.json (real Qwen3-Embedding-0.6B maps of its "
                    + "800 posts), or any JSON, JSON Lines or CSV file with a text, an optional label and one "
                    + "TASK_x/TASK_y pair per task. It writes the project's corpus, the imported layouts and a map of them.",
            "",
            "Only 2-D coordinates come in: the map shows kNN accuracy and silhouette on the map and the overlap of 2-D "
                    + "neighbourhoods; the full-space figures are marked not available. Embed the same corpus with any "
                    + "model ('taskspace embed' and 'taskspace project' on the same folder) to see both side by side.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  taskspace import --original",
            "      the original demo's maps, downloaded once (1.2 MB) and verified",
            "  taskspace import data.json --model 'Qwen3-Embedding-4B via Ollama'",
            "      your own data.json from the Python demo",
            "  taskspace import --original --out cmp && taskspace embed --out cmp --model bge-small-q && taskspace project --out cmp",
            "      the original's real Qwen3 maps beside a bundled model's, on one page",
        })
final class ImportCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Parameters(index = "0", arity = "0..1", paramLabel = "FILE",
            description = "A .json, .jsonl, .csv or .tsv file of texts and TASK_x/TASK_y coordinates.")
    Path file;

    @Option(names = "--original", order = 1,
            description = "Import the original demo's data.json: the local copy in TASKSPACE_ORIGINAL, else the cached one, "
                    + "else downloaded once from " + "https://jackliddle.github.io/newsgroups-qwen-embed/data.json and verified.")
    boolean original;

    @Option(names = "--model", paramLabel = "NAME", order = 2,
            description = "The model that made FILE's maps, as the page should name it (default: unknown model).")
    String model;

    @Option(names = "--instruction", paramLabel = "TASK=TEXT", order = 3,
            description = "The instruction a task of FILE was embedded with (repeatable).")
    Map<String, String> instructions = new LinkedHashMap<>();

    @Option(names = "--text-field", paramLabel = "NAME", defaultValue = "text", order = 4,
            description = "The field with the text (default: ${DEFAULT-VALUE}).")
    String textField;

    @Option(names = "--label-field", paramLabel = "NAME", order = 5,
            description = "The field with the label (default: label, else category).")
    String labelField;

    @Option(names = "--newsgroups", paramLabel = "PATH", order = 6,
            description = "A 20news-bydate archive or folder to match the texts back to their posts (also: TASKSPACE_NEWSGROUPS; "
                    + "default: the cached archive, if any; never downloaded for this).")
    Path newsgroups;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-out", order = 7,
            description = "The project folder to write to (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin
    ProjectCommand.ProjectOptions projection;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ProjectDir project = new ProjectDir(outDir);
        Reporter reporter = common.reporter(root);
        ImportedMaps maps = read(reporter);
        ImportStage.Result r = importInto(root, common, newsgroups, maps, project, reporter, false);
        root.out().printf("imported %,d documents and %d maps (%s) by %s%n", r.maps().size(), r.maps().tasks().size(),
                String.join(", ", r.maps().tasks()), r.maps().model());
        ProjectReport.print(ProjectStage.run(project, projection.stageOptions(), reporter), root.out());
        root.out().println("  imported maps: 2-D coordinates only, so kNN accuracy, silhouette and trustworthiness of the "
                + "full space are not available (-)");
        root.out().println("wrote " + project.mapDir() + "; see it with: taskspace serve --out " + outDir);
        return 0;
    }

    private ImportedMaps read(Reporter reporter) {
        boolean canonical = file != null && file.toString().equals(OriginalDemo.CANONICAL_URL.toString().replace("//", "/"));
        if (original || canonical) {
            if (file != null && !canonical) throw new TaskspaceException("give either FILE or --original, not both");
            return OriginalDemo.read(OriginalDemo.locate(originalSource(root.env(), common, null), reporter));
        }
        if (file == null) throw new TaskspaceException("nothing to import: give a FILE, or --original for the original demo's maps");
        if (OriginalDemo.isOriginal(file)) return OriginalDemo.read(file); // a copy of the original: its facts are known
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", file.toAbsolutePath().normalize().toString());
        provenance.put("model", Map.of("id", model == null || model.isBlank() ? "unknown model" : model.strip()));
        if (!instructions.isEmpty()) provenance.put("instructions", instructions);
        provenance.put("vectors", "none imported: only 2-D coordinates, so the full-space figures are not available");
        return LayoutFile.read(file, new LayoutFile.Fields(textField, labelField, "id"), provenance);
    }

    /** Where the original demo's data comes from: {@code local}, else TASKSPACE_ORIGINAL, else the cache or a download. */
    static OriginalDemo.Source originalSource(Map<String, String> env, CommonOptions common, Path local) {
        OriginalDemo.Source s = OriginalDemo.Source.fromEnvironment(env).withCacheDir(common.cacheDir(env))
                .withOffline(common.offline(env));
        return local != null ? s.withLocal(local) : s;
    }

    /** Imports {@code maps} into {@code project}, matching the texts to 20 Newsgroups posts when the archive is at hand. */
    static ImportStage.Result importInto(TaskspaceCommand root, CommonOptions common, Path newsgroups, ImportedMaps maps,
            ProjectDir project, Reporter reporter, boolean replaceCorpus) {
        Map<String, String> env = root.env();
        Path local = newsgroups;
        if (local == null && env.get(Newsgroups.ENV_PATH) != null && !env.get(Newsgroups.ENV_PATH).isBlank()) {
            local = Path.of(env.get(Newsgroups.ENV_PATH).strip());
        }
        Newsgroups.Source src = new Newsgroups.Source(local, common.cacheDir(env), Newsgroups.CANONICAL_URL, Newsgroups.CANONICAL_SHA256, true);
        ImportStage.Result r = ImportStage.run(project, maps, src, replaceCorpus, reporter);
        if (r.matched() >= 0) {
            root.out().printf("matched %,d of %,d texts to their 20 Newsgroups post%n", r.matched(), r.maps().size());
        }
        return r;
    }
}
