package dev.taskspace.corpus;

import dev.taskspace.Reporter;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Finds the 20 Newsgroups post behind each text of an imported corpus (e.g. the original
 * demo's 800), by the cleaned text: the post's id replaces the imported row number, so the
 * documents are the same ones a taskspace corpus of 20 Newsgroups has. Texts that occur more
 * than once take the posts in id order.
 */
public final class NewsgroupsMatch {
    private NewsgroupsMatch() {}

    /**
     * @param documents the documents with their post ids where found (others unchanged)
     * @param matched   how many were found
     */
    public record Result(List<Document> documents, int matched) {}

    /**
     * Matches {@code docs} whose labels are 20 Newsgroups categories against the archive of
     * {@code source}, cleaned with {@code rules}; returns null when no label is a category.
     */
    public static Result match(List<Document> docs, Newsgroups.Source source, TextRules rules, Reporter reporter) {
        TreeSet<String> categories = new TreeSet<>();
        for (Document d : docs) if (d.label() != null && Newsgroups.CATEGORIES.contains(d.label())) categories.add(d.label());
        if (categories.isEmpty()) return null;
        Corpus pool = Newsgroups.load(source, List.copyOf(categories), Newsgroups.SPLITS, rules, reporter);
        Map<String, Deque<Document>> byText = new HashMap<>();
        for (Document p : pool.documents()) byText.computeIfAbsent(p.label() + "\n" + p.text(), k -> new ArrayDeque<>()).add(p);
        List<Document> out = new ArrayList<>(docs.size());
        int matched = 0;
        for (Document d : docs) {
            Deque<Document> posts = byText.get(d.label() + "\n" + d.text());
            Document post = posts == null ? null : posts.poll();
            if (post == null) {
                out.add(d);
            } else {
                Map<String, Object> meta = new java.util.LinkedHashMap<>(d.meta());
                meta.put("importedId", d.id());
                out.add(new Document(post.id(), d.label(), d.text(), post.source(), meta));
                matched++;
            }
        }
        return new Result(out, matched);
    }
}
