package dev.taskspace.imported;

import dev.taskspace.ProjectDir;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.corpus.Newsgroups;
import dev.taskspace.corpus.NewsgroupsMatch;
import dev.taskspace.corpus.TextRules;
import java.nio.file.Files;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The import stage: imported layouts become a project's corpus ({@code corpus.jsonl}, texts and
 * labels, each text matched back to its 20 Newsgroups post when the archive is at hand) and its
 * {@code imported/} layouts. The map is then made by the projection stage, which adds the
 * imported layouts to any tasks embedded here.
 */
public final class ImportStage {
    private ImportStage() {}

    /**
     * @param maps    what was imported, ids matched where possible
     * @param matched how many texts were matched to 20 Newsgroups posts (-1: no archive at hand, or no 20 Newsgroups labels)
     */
    public record Result(ImportedMaps maps, int matched) {}

    /**
     * Writes the corpus and the layouts into {@code project}.
     *
     * @param newsgroups where the 20 Newsgroups archive is, or null; it is only used when at hand
     *                   (a local copy, or already in the cache): this stage never downloads it
     * @param replaceCorpus whether another corpus already in {@code project} may be replaced (the demo's folder);
     *                   otherwise that is refused, so that nothing is lost
     */
    public static Result run(ProjectDir project, ImportedMaps maps, Newsgroups.Source newsgroups, boolean replaceCorpus,
            Reporter reporter) {
        int matched = -1;
        if (newsgroups != null && atHand(newsgroups)) {
            NewsgroupsMatch.Result r = NewsgroupsMatch.match(maps.documents(), newsgroups, TextRules.DEMO, reporter);
            if (r != null) {
                matched = r.matched();
                maps = maps.withDocuments(r.documents(), Map.of("newsgroupsMatched", matched + " of " + maps.size()
                        + " texts matched to their 20news-bydate post (cleaned as the original demo cleaned them)"));
            }
        }
        List<String> ids = maps.documents().stream().map(Document::id).toList();
        if (!replaceCorpus && Files.isRegularFile(project.corpusDocuments())) {
            List<String> old = CorpusArtefact.read(project).documents().stream().map(Document::id).toList();
            if (!old.equals(ids)) {
                throw new TaskspaceException(project + " already holds another corpus (" + old.size()
                        + " documents): import into a new folder with --out DIR");
            }
        }
        Map<String, Object> provenance = new LinkedHashMap<>();
        provenance.put("source", "imported");
        provenance.put("file", maps.provenance().get("file"));
        provenance.put("from", maps.provenance().get("source"));
        if (matched >= 0) provenance.put("newsgroupsMatched", matched);
        CorpusArtefact.write(project, new Corpus(maps.documents(), Map.of(), Set.of(), provenance));
        ImportedArtefact.write(project, maps);
        return new Result(maps, matched);
    }

    /** Removes a project's imported layouts (when its corpus is replaced by another). */
    public static void forget(ProjectDir project) {
        try {
            Files.deleteIfExists(project.importedDir().resolve("layouts.json")); // the manifest first: the rest is then unused
            Files.deleteIfExists(project.importedDir().resolve("coords.f32"));
            Files.deleteIfExists(project.importedDir());
        } catch (java.io.IOException e) {
            throw new TaskspaceException("cannot remove the stale imported maps in " + project.importedDir() + ": " + e.getMessage(), e);
        }
    }

    private static boolean atHand(Newsgroups.Source s) {
        return s.local() != null ? Files.exists(s.local()) : Files.isRegularFile(s.cachedArchive());
    }
}
