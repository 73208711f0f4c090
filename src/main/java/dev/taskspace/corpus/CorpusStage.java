package dev.taskspace.corpus;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The corpus stage: loads 20 Newsgroups or your own file, keeps the chosen labels, draws the
 * sample, and writes the project's corpus artefact ({@link CorpusArtefact}).
 *
 * <pre>{@code
 * Corpus corpus = CorpusStage.run(CorpusStage.Options.newsgroups(Newsgroups.Source.defaults()), project, Reporter.SILENT);
 * }</pre>
 *
 * {@code taskspace corpus} is this class behind command-line options.
 */
public final class CorpusStage {
    private CorpusStage() {}

    /** Where the documents come from: 20 Newsgroups, or your own file or folder. */
    public sealed interface Source permits NewsgroupsSource, OwnSource {}

    /**
     * 20 Newsgroups.
     *
     * @param archive    where the archive is or comes from
     * @param categories the categories to keep, null for all
     * @param splits     {@code train}, {@code test} or both
     */
    public record NewsgroupsSource(Newsgroups.Source archive, List<String> categories, Set<String> splits) implements Source {
        public NewsgroupsSource {
            Objects.requireNonNull(archive, "archive");
            categories = categories == null ? null : List.copyOf(categories);
            splits = Set.copyOf(splits);
            if (splits.isEmpty() || !Newsgroups.SPLITS.containsAll(splits)) {
                throw new TaskspaceException("--split must be train, test or all, not \"" + String.join(",", splits) + "\"");
            }
        }
    }

    /**
     * Your own corpus: a JSON Lines, CSV or TSV file, or a folder of {@code .txt} files.
     *
     * @param input      the file or folder
     * @param format     its format, null to tell by the name
     * @param fields     which fields hold the text, label and id
     * @param categories the labels to keep, null for all
     */
    public record OwnSource(Path input, CorpusFiles.Format format, CorpusFiles.Fields fields, List<String> categories) implements Source {
        public OwnSource {
            Objects.requireNonNull(input, "input");
            fields = fields == null ? CorpusFiles.Fields.DEFAULT : fields;
            categories = categories == null ? null : List.copyOf(categories);
        }
    }

    /**
     * Which documents to keep. At most one of {@code ids}, {@code perLabel} and {@code limit}
     * chooses the sample; none keeps every document.
     *
     * @param rules    what length a text must have (shorter: dropped; longer: cut)
     * @param ids      exactly these documents: a {@code corpus.jsonl} written before, or one id per line; or null
     * @param perLabel documents drawn per label, or null
     * @param limit    documents drawn in all, or null
     * @param seed     the sample's seed
     */
    public record Sample(TextRules rules, Path ids, Integer perLabel, Integer limit, long seed) {
        public Sample {
            Objects.requireNonNull(rules, "rules");
            if (ids == null && perLabel != null && limit != null) throw new TaskspaceException("give either --per-label or --limit, not both");
            if (ids == null && limit != null && limit < 1) throw new TaskspaceException("--limit must be at least 1");
            if (perLabel != null && perLabel < 1) throw new TaskspaceException("--per-label must be a positive number or 'all', not \"" + perLabel + "\"");
        }

        /** The original demo's sample: 80 per label, seed 42, texts of 100 to 5,000 characters. */
        public static final Sample DEMO = new Sample(TextRules.DEMO, null, 80, null, 42);
    }

    /**
     * The stage's options.
     *
     * @param source where the documents come from
     * @param sample which of them to keep
     */
    public record Options(Source source, Sample sample) {
        public Options {
            Objects.requireNonNull(source, "source");
            Objects.requireNonNull(sample, "sample");
        }

        /** The original demo's corpus from {@code archive}: its 10 categories, both splits, 80 posts each, seed 42. */
        public static Options newsgroups(Newsgroups.Source archive) {
            return new Options(new NewsgroupsSource(archive, Newsgroups.DEMO_CATEGORIES, Newsgroups.SPLITS), Sample.DEMO);
        }

        /** Every document of your own file or folder, texts of 1 to 5,000 characters. */
        public static Options own(Path input) {
            return new Options(new OwnSource(input, null, CorpusFiles.Fields.DEFAULT, null), new Sample(TextRules.OWN, null, null, null, 42));
        }

        public Options withSample(Sample s) {
            return new Options(source, s);
        }
    }

    /** Loads and samples the corpus, and writes it into {@code project}. */
    public static Corpus run(Options options, ProjectDir project, Reporter reporter) {
        Corpus c = load(options, reporter);
        CorpusArtefact.write(project, c);
        return c;
    }

    /** Loads and samples the corpus, writing nothing. */
    public static Corpus load(Options options, Reporter reporter) {
        TextRules rules = options.sample().rules();
        Corpus pool = options.source() instanceof OwnSource own ? loadOwn(own, rules)
                : loadNewsgroups((NewsgroupsSource) options.source(), rules, reporter);
        return sample(pool, options.sample());
    }

    private static Corpus loadNewsgroups(NewsgroupsSource ng, TextRules rules, Reporter reporter) {
        return Newsgroups.load(ng.archive(), ng.categories(), ng.splits(), rules, reporter);
    }

    private static Corpus loadOwn(OwnSource own, TextRules rules) {
        Corpus c = CorpusFiles.read(own.input(), own.format(), own.fields(), rules);
        List<String> cats = own.categories();
        if (cats == null) return c;
        Set<String> known = c.countsByLabel().keySet();
        for (String cat : cats) {
            if (!known.contains(cat)) {
                throw new TaskspaceException("no documents with label \"" + cat + "\" in " + own.input() + " (labels: "
                        + String.join(", ", known.stream().filter(Objects::nonNull).toList()) + ")");
            }
        }
        List<Document> kept = c.documents().stream().filter(d -> cats.contains(d.label())).toList();
        return c.select(kept, Map.of("labels", cats));
    }

    private static Corpus sample(Corpus pool, Sample sample) {
        Map<String, Object> p = new LinkedHashMap<>();
        if (sample.ids() != null) {
            p.put("sample", Map.of("ids", sample.ids().toAbsolutePath().toString()));
            List<String> ids = CorpusArtefact.readIds(sample.ids());
            return pool.select(Sampler.byIds(pool.documents(), ids, sample.ids().toString()), p);
        }
        List<Document> docs = pool.documents();
        Map<String, Object> how = new LinkedHashMap<>();
        if (sample.perLabel() != null) {
            if (!pool.hasLabels()) {
                throw new TaskspaceException("--per-label needs labelled documents, and this corpus has none: use --limit N");
            }
            docs = Sampler.perLabel(docs, sample.perLabel(), sample.seed());
            how.put("perLabel", sample.perLabel());
        } else if (sample.limit() != null) {
            docs = Sampler.random(docs, sample.limit(), sample.seed());
            how.put("limit", sample.limit());
        } else {
            how.put("all", true);
        }
        how.put("seed", sample.seed());
        how.put("pool", pool.size());
        p.put("sample", how);
        if (docs.isEmpty()) {
            if (pool.droppedTotal() == 0) {
                throw new TaskspaceException("no documents: the sample options (--categories/--labels, --per-label, --limit) select none "
                        + "of the input's documents; check them against the labels the input has");
            }
            StringBuilder why = new StringBuilder();
            pool.dropped().forEach((reason, count) -> why.append(why.length() == 0 ? "" : ", ").append(count).append(' ').append(reason));
            throw new TaskspaceException("no documents left: all " + pool.droppedTotal() + " were dropped (" + why
                    + "); check --min-chars and the input");
        }
        return pool.select(docs, p);
    }
}
