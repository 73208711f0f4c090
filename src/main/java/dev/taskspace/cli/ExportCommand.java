package dev.taskspace.cli;

import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import dev.taskspace.internal.AtomicFiles;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.map.MapExport;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;

/** {@code taskspace export}: the map's documents as JSON Lines or CSV, with the page's filters. */
@Command(
        name = "export",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        description = {
            "Write the project's documents (id, label, meta, whole text, coordinates in every task) as JSON Lines or CSV, "
                    + "filtered as on the page: categories shown, search words, chosen ids.",
        },
        footerHeading = "%nExamples:%n",
        footer = {
            "  taskspace export --out taskspace-demo --only sci.space --query \"orbit launch\" --to space.jsonl",
            "  taskspace export --out taskspace-demo --link 'http://127.0.0.1:8000/#task=topic&q=nasa&hide=sci.med' --format csv",
            "      the filters of a page address (copy it from the address bar)",
        })
final class ExportCommand implements Callable<Integer> {
    @ParentCommand
    TaskspaceCommand root;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", defaultValue = "taskspace-out",
            description = "The project folder whose map to export (default: ${DEFAULT-VALUE}).")
    Path outDir;

    @Option(names = "--to", paramLabel = "FILE", description = "Where to write (default: standard output).")
    Path target;

    @Option(names = "--format", paramLabel = "FORMAT", description = "jsonl or csv (default: from --to's extension, else jsonl).")
    String format;

    @Option(names = "--only", paramLabel = "LABEL", description = "Only documents of this category (repeatable).")
    List<String> only = List.of();

    @Option(names = "--hide", paramLabel = "LABEL", description = "Leave out this category (repeatable).")
    List<String> hide = List.of();

    @Option(names = {"--query", "-q"}, paramLabel = "WORDS",
            description = "Only documents whose id or whole text contains every word, any case (the page's search).")
    String query;

    @Option(names = "--ids", paramLabel = "FILE", description = "Only the documents whose ids this file lists, one a line.")
    Path idsFile;

    @Option(names = "--link", paramLabel = "ADDRESS", description = "The filters of a page address (its q, hide and only).")
    String link;

    @Override
    public Integer call() throws IOException {
        ProjectDir project = new ProjectDir(outDir);
        MapData map = MapArtefact.read(project.mapDir());
        Set<String> ids = idsFile == null ? Set.of() : readIds(idsFile);
        MapExport.Filter filter = new MapExport.Filter(Set.copyOf(only), Set.copyOf(hide), query, ids);
        if (link != null) filter = filter.and(MapExport.Filter.fromLink(link));
        checkLabels(map, filter);
        int[] rows = MapExport.select(map, filter);
        String fmt = format != null ? format.toLowerCase(Locale.ROOT)
                : target != null && target.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv") ? "csv" : "jsonl";
        if (!fmt.equals("jsonl") && !fmt.equals("csv")) throw new TaskspaceException("--format " + format + " is not known: use jsonl or csv");
        if (target == null) {
            write(map, rows, fmt, root.out());
        } else {
            AtomicFiles.write(target.toAbsolutePath(), out -> write(map, rows, fmt, out));
            root.err().printf(Locale.ROOT, "wrote %,d of %,d documents to %s%s%n", rows.length, map.ids().size(), target,
                    map.hasTexts() ? "" : " (this map has no whole texts, only previews: run 'taskspace project' again for them)");
        }
        return 0;
    }

    private static void write(MapData map, int[] rows, String fmt, OutputStream out) throws IOException {
        if (fmt.equals("csv")) MapExport.writeCsv(map, rows, new OutputStreamWriter(out, StandardCharsets.UTF_8));
        else MapExport.writeJsonLines(map, rows, out);
        out.flush();
    }

    private static Set<String> readIds(Path file) {
        try {
            Set<String> ids = new LinkedHashSet<>();
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) if (!line.isBlank()) ids.add(line.strip());
            return ids;
        } catch (IOException e) {
            throw new TaskspaceException("cannot read the ids in " + file + ": " + e.getMessage(), e);
        }
    }

    /** A category the map does not have is a typo, not an empty result. */
    private static void checkLabels(MapData map, MapExport.Filter f) {
        Set<String> known = new LinkedHashSet<>(map.labels());
        for (String label : f.only()) if (!known.contains(label)) throw unknown(label, known);
        for (String label : f.hide()) if (!known.contains(label)) throw unknown(label, known);
    }

    private static TaskspaceException unknown(String label, Set<String> known) {
        known.remove(null);
        return new TaskspaceException("the map has no category '" + label + "': choose one of " + String.join(", ", known));
    }
}
