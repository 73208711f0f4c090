package dev.taskspace.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.ProjectDir;
import dev.taskspace.TaskspaceException;
import dev.taskspace.corpus.Corpus;
import dev.taskspace.corpus.CorpusArtefact;
import dev.taskspace.corpus.Document;
import dev.taskspace.map.MapArtefact;
import dev.taskspace.map.MapData;
import dev.taskspace.web.TestMaps;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk while a stage writes its artefact: the run fails with one line that says the disk
 * is full, and the previous artefact is still there and loads. The disk is a 1 MiB tmpfs,
 * mounted where the machine allows it (root, or CAP_SYS_ADMIN); elsewhere the test is skipped
 * with a message.
 */
class FullDiskTest {
    @TempDir
    Path tmp;
    Path disk;

    @BeforeEach
    void mountASmallDisk() throws IOException, InterruptedException {
        disk = tmp.resolve("disk");
        Files.createDirectories(disk);
        Process p = new ProcessBuilder("mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", disk.toString()).redirectErrorStream(true).start();
        String said = new String(p.getInputStream().readAllBytes());
        boolean mounted = p.waitFor(30, TimeUnit.SECONDS) && p.exitValue() == 0;
        Assumptions.assumeTrue(mounted, "skipped: cannot mount a small tmpfs here (needs root): " + said.strip());
    }

    @AfterEach
    void unmount() throws IOException, InterruptedException {
        if (disk != null) new ProcessBuilder("umount", disk.toString()).inheritIO().start().waitFor(30, TimeUnit.SECONDS);
    }

    static Corpus corpus(int n, int chars, String prefix) {
        List<Document> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) docs.add(new Document("d" + i, i % 2 == 0 ? "a" : "b", (prefix + i + " ").repeat(chars / (prefix.length() + 4) + 1), "test"));
        return new Corpus(docs, Map.of(), Set.of(), Map.of("test", "full disk"));
    }

    List<String> leftovers(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(".")).toList();
        }
    }

    @Test
    void aCorpusThatDoesNotFitLeavesThePreviousOne() throws IOException {
        ProjectDir project = new ProjectDir(disk);
        CorpusArtefact.write(project, corpus(20, 200, "small"));
        Corpus before = CorpusArtefact.read(project);
        assertThatThrownBy(() -> CorpusArtefact.write(project, corpus(400, 5000, "large")))
                .isInstanceOf(TaskspaceException.class).hasMessageContaining("the disk is full").hasMessageContaining("unchanged");
        assertThat(CorpusArtefact.read(project).documents()).isEqualTo(before.documents());
        assertThat(leftovers(disk)).as("staged files removed").isEmpty();
    }

    @Test
    void aMapThatDoesNotFitLeavesThePreviousOne() throws IOException {
        Path mapDir = disk.resolve("map");
        MapArtefact.write(mapDir, TestMaps.small(false));
        MapData before = MapArtefact.read(mapDir);
        assertThatThrownBy(() -> MapArtefact.write(mapDir, TestMaps.synthetic(30_000, 2, 5, 40, 7)))
                .isInstanceOf(TaskspaceException.class).hasMessageContaining("the disk is full").hasMessageContaining("unchanged");
        assertThat(MapArtefact.read(mapDir).ids()).isEqualTo(before.ids());
        assertThat(leftovers(mapDir)).isEmpty();
    }
}
