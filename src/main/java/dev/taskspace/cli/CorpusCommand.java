package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusStage;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace corpus}: the first stage. */
@Command(
        name = "corpus",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Load, clean and sample a corpus, and write it to the project folder (corpus.jsonl + corpus.json).",
            "",
            "By default: the original demo's sample of 20 Newsgroups, 80 posts from each of 10 categories, train and "
                    + "test together, seed 42, headers/footers/quotes removed as scikit-learn does, texts of "
                    + "100-5,000 characters.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  taskspace corpus",
            "      the demo sample of 20 Newsgroups",
            "  taskspace corpus --categories all --per-label all",
            "      all of 20 Newsgroups (18,846 posts before cleaning)",
            "  taskspace corpus -i reviews.jsonl --text-field body --label-field stars",
            "      your own JSON Lines file, with its own field names",
            "  taskspace corpus -i tickets.csv --limit 5000 --out tickets",
            "      5,000 rows of a CSV file into the project folder 'tickets'",
            "  taskspace corpus -i notes/",
            "      a folder of .txt files, labels from sub-folders",
            "  taskspace corpus --ids old/corpus.jsonl",
            "      reproduce a recorded sample",
        })
final class CorpusCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Mixin
    CorpusOptions corpus;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-out",
            description = "The project folder to write to (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Mixin
    CommonOptions common;

    @Override
    public Integer call() {
        ProjectDir project = new ProjectDir(outDir);
        CorpusStage.Options options = corpus.stageOptions(root.env(), common);
        CorpusReport.print(CorpusStage.run(options, project, common.reporter(root)), options, project, root.out());
        return 0;
    }
}
