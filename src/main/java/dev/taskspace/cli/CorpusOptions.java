package dev.taskspace.cli;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusFiles;
import dev.taskspace.corpus.CorpusStage;
import dev.taskspace.corpus.Newsgroups;
import dev.taskspace.corpus.TextRules;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Option;

/**
 * How to get a corpus: 20 Newsgroups (the default) or your own file, then which documents
 * to keep, as command-line options that become {@link CorpusStage.Options}. Shared by
 * {@code corpus} and {@code demo}.
 */
final class CorpusOptions {

    @ArgGroup(validate = false, heading = "%nSource (default: 20 Newsgroups, the original demo's corpus):%n", order = 1)
    Source source = new Source();

    @ArgGroup(validate = false, heading = "%nSample:%n", order = 2)
    Sample sample = new Sample();

    static final class Source {
        @Option(names = "--newsgroups", paramLabel = "PATH", order = 1,
                description = "A local 20news-bydate.tar.gz or its unpacked folder (also: TASKSPACE_NEWSGROUPS). "
                        + "Default: the cached copy, downloaded once from the canonical address and verified.")
        Path newsgroups;

        @Option(names = "--newsgroups-url", paramLabel = "URL", order = 2,
                description = "Download 20 Newsgroups from this mirror instead (also: TASKSPACE_NEWSGROUPS_URL).")
        URI newsgroupsUrl;

        @Option(names = "--newsgroups-sha256", paramLabel = "HEX", order = 3,
                description = "The SHA-256 a mirror's archive must have (default: the canonical archive's).")
        String newsgroupsSha256;

        @Option(names = "--split", paramLabel = "train|test|all", order = 4, defaultValue = "all",
                description = "Which 20 Newsgroups split to use (default: ${DEFAULT-VALUE}, as the original demo).")
        String split;

        @Option(names = {"--input", "-i"}, paramLabel = "PATH", order = 5,
                description = "Your own corpus instead: a .jsonl, .csv or .tsv file, or a folder of .txt files (label = sub-folder).")
        Path input;

        @Option(names = "--format", paramLabel = "jsonl|csv|tsv|txt", order = 6,
                description = "The format of --input (default: from the file name).")
        CorpusFiles.Format format;

        @Option(names = "--text-field", paramLabel = "NAME", order = 7, defaultValue = "text",
                description = "JSONL field or CSV column holding the text (default: ${DEFAULT-VALUE}).")
        String textField;

        @Option(names = "--label-field", paramLabel = "NAME", order = 8, defaultValue = "label",
                description = "Field or column holding the label, if any (default: ${DEFAULT-VALUE}).")
        String labelField;

        @Option(names = "--id-field", paramLabel = "NAME", order = 9, defaultValue = "id",
                description = "Field or column holding a unique id, if any (default: ${DEFAULT-VALUE}; else the line number).")
        String idField;
    }

    static final class Sample {
        @Option(names = {"--categories", "--labels"}, paramLabel = "LIST", split = ",", order = 1,
                description = "Keep only these categories, comma-separated, or 'all' "
                        + "(default for 20 Newsgroups: the original demo's 10; for your own corpus: all).")
        List<String> categories;

        @Option(names = "--per-label", paramLabel = "N|all", order = 2,
                description = "Documents drawn per category (default: 80 for 20 Newsgroups, all for your own corpus).")
        String perLabel;

        @Option(names = "--limit", paramLabel = "N", order = 3,
                description = "Draw N documents in all, whatever their labels.")
        Integer limit;

        @Option(names = "--seed", paramLabel = "N", order = 4, defaultValue = "42",
                description = "Seed of the sample (default: ${DEFAULT-VALUE}).")
        long seed;

        @Option(names = "--ids", paramLabel = "FILE", order = 5,
                description = "Take exactly these documents: a corpus.jsonl written before, or one id per line. "
                        + "Reproduces a recorded sample; other sample options are ignored.")
        Path ids;

        @Option(names = "--min-chars", paramLabel = "N", order = 6,
                description = "Drop texts shorter than this after cleaning (default: 100 for 20 Newsgroups, 1 for your own corpus).")
        Integer minChars;

        @Option(names = "--max-chars", paramLabel = "N", order = 7, defaultValue = "5000",
                description = "Cut longer texts here (default: ${DEFAULT-VALUE}).")
        int maxChars;
    }

    /** Whether the options ask for the demo's own sample (no own corpus, no other sample): the original demo's 800 can stand in. */
    boolean demoSample() {
        return source.input == null && sample.categories == null && sample.perLabel == null && sample.limit == null
                && sample.ids == null && sample.seed == 42;
    }

    /** The corpus stage's options that these command-line options say; flag combinations that make no sense are refused here. */
    CorpusStage.Options stageOptions(Map<String, String> env, CommonOptions common) {
        boolean own = source.input != null;
        if (own && source.newsgroups != null) {
            throw new TaskspaceException("give either --input (your own corpus) or --newsgroups, not both");
        }
        TextRules rules;
        try {
            TextRules base = own ? TextRules.OWN : TextRules.DEMO;
            rules = new TextRules(sample.minChars != null ? sample.minChars : base.minChars(), sample.maxChars);
        } catch (IllegalArgumentException e) {
            throw new TaskspaceException(e.getMessage());
        }
        CorpusStage.Source from = own ? ownSource() : newsgroupsSource(env, common);
        return new CorpusStage.Options(from, new CorpusStage.Sample(rules, sample.ids, sample.ids == null ? perLabel(own) : null,
                sample.ids == null ? sample.limit : null, sample.seed));
    }

    private CorpusStage.Source ownSource() {
        if (source.newsgroupsUrl != null || source.newsgroupsSha256 != null || !source.split.equals("all")) {
            throw new TaskspaceException("--newsgroups-url, --newsgroups-sha256 and --split apply to 20 Newsgroups, not to --input");
        }
        return new CorpusStage.OwnSource(source.input, source.format,
                new CorpusFiles.Fields(source.textField, source.labelField, source.idField), categories(null));
    }

    private CorpusStage.Source newsgroupsSource(Map<String, String> env, CommonOptions common) {
        if (source.format != null) throw new TaskspaceException("--format applies to --input, not to 20 Newsgroups");
        Path local = source.newsgroups;
        if (local == null && env.get(Newsgroups.ENV_PATH) != null && !env.get(Newsgroups.ENV_PATH).isBlank()) {
            local = Path.of(env.get(Newsgroups.ENV_PATH));
        }
        URI url = source.newsgroupsUrl;
        if (url == null && env.get(Newsgroups.ENV_URL) != null && !env.get(Newsgroups.ENV_URL).isBlank()) {
            url = URI.create(env.get(Newsgroups.ENV_URL));
        }
        String sha = source.newsgroupsSha256 != null ? source.newsgroupsSha256.toLowerCase(Locale.ROOT)
                : Newsgroups.CANONICAL_SHA256;
        Newsgroups.Source src = new Newsgroups.Source(local, common.cacheDir(env),
                url != null ? url : Newsgroups.CANONICAL_URL, sha, common.offline(env));
        Set<String> splits = switch (source.split.toLowerCase(Locale.ROOT)) {
            case "all", "both", "train,test" -> Set.of("train", "test");
            case "train" -> Set.of("train");
            case "test" -> Set.of("test");
            default -> throw new TaskspaceException("--split must be train, test or all, not \"" + source.split + "\"");
        };
        return new CorpusStage.NewsgroupsSource(src, categories(Newsgroups.DEMO_CATEGORIES), splits);
    }

    /** The chosen categories, {@code fallback} when none were given, null for all. */
    private List<String> categories(List<String> fallback) {
        if (sample.categories == null || sample.categories.isEmpty()) return fallback;
        List<String> cats = new ArrayList<>();
        for (String c : sample.categories) if (!c.isBlank()) cats.add(c.strip());
        if (cats.size() == 1 && cats.get(0).equalsIgnoreCase("all")) {
            return source.input != null ? null : Newsgroups.CATEGORIES;
        }
        return cats;
    }

    private Integer perLabel(boolean own) {
        if (sample.perLabel == null) return own || sample.limit != null ? null : CorpusStage.Sample.DEMO.perLabel();
        if (sample.perLabel.equalsIgnoreCase("all")) return null;
        try {
            int n = Integer.parseInt(sample.perLabel.strip());
            if (n < 1) throw new NumberFormatException();
            return n;
        } catch (NumberFormatException e) {
            throw new TaskspaceException("--per-label must be a positive number or 'all', not \"" + sample.perLabel + "\"");
        }
    }
}
