package dev.taskspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A commit interrupted at every step leaves the old files or the new ones, whole: the crash is
 * simulated by stopping after each step and starting a reader (recover) or the next writer.
 */
class ArtefactCommitTest {
    @TempDir
    Path dir;

    void commitOld() throws IOException {
        ArtefactCommit c = ArtefactCommit.begin(dir);
        c.write("data.bin", "old data".getBytes(StandardCharsets.UTF_8));
        c.write("manifest.json", "old manifest".getBytes(StandardCharsets.UTF_8));
        c.write("extra.txt", "old extra".getBytes(StandardCharsets.UTF_8));
        c.commit();
    }

    Map<String, String> files() throws IOException {
        Map<String, String> all = new TreeMap<>();
        try (Stream<Path> s = Files.list(dir)) {
            for (Path p : s.toList()) all.put(p.getFileName().toString(), Files.readString(p));
        }
        return all;
    }

    static final Map<String, String> OLD = Map.of("data.bin", "old data", "manifest.json", "old manifest", "extra.txt", "old extra");
    static final Map<String, String> NEW = Map.of("data.bin", "new data", "manifest.json", "new manifest");

    @Test
    void aCommitReplacesTheFilesTogetherAndLeavesNothingElse() throws IOException {
        commitOld();
        assertThat(files()).isEqualTo(OLD);
        ArtefactCommit c = ArtefactCommit.begin(dir);
        c.write("data.bin", "new data".getBytes(StandardCharsets.UTF_8));
        c.write("manifest.json", "new manifest".getBytes(StandardCharsets.UTF_8));
        c.delete("extra.txt");
        assertThat(files()).as("staged beside the old ones; nothing switched yet").containsAllEntriesOf(OLD).hasSize(5);
        c.commit();
        assertThat(files()).isEqualTo(NEW);
    }

    @Test
    void aCrashBeforeTheJournalLeavesTheOldFilesAndTheNextWriterRemovesTheLeftovers() throws IOException {
        commitOld();
        ArtefactCommit c = ArtefactCommit.begin(dir);
        c.write("data.bin", "new data".getBytes(StandardCharsets.UTF_8)); // then the process dies
        Files.writeString(dir.resolve(".manifest.json.0123456789abcdef.tmp"), "an AtomicFiles temp of a killed run");
        ArtefactCommit.recover(dir); // a reader
        assertThat(files()).containsAllEntriesOf(OLD).hasSize(5);
        ArtefactCommit.begin(dir).abandon(); // the next writer
        assertThat(files()).isEqualTo(OLD);
    }

    @Test
    void aCrashAfterTheJournalAtEveryRenameEndsWithTheNewFilesWhole() throws IOException {
        for (int renamed = 0; renamed <= 3; renamed++) {
            for (Path p : Files.list(dir).toList()) Files.delete(p);
            commitOld();
            // What commit() does up to its commit point, then `renamed` of its renames, then a crash.
            Files.writeString(dir.resolve(".data.bin.aaaaaaaaaaaa.stage"), "new data");
            Files.writeString(dir.resolve(".manifest.json.aaaaaaaaaaaa.stage"), "new manifest");
            Files.writeString(dir.resolve(ArtefactCommit.JOURNAL), "move\t.data.bin.aaaaaaaaaaaa.stage\tdata.bin\n"
                    + "move\t.manifest.json.aaaaaaaaaaaa.stage\tmanifest.json\ndelete\textra.txt\nend\n");
            List<String[]> steps = List.of(new String[] {".data.bin.aaaaaaaaaaaa.stage", "data.bin"},
                    new String[] {".manifest.json.aaaaaaaaaaaa.stage", "manifest.json"}, new String[] {null, "extra.txt"});
            for (int i = 0; i < renamed; i++) {
                String[] s = steps.get(i);
                if (s[0] == null) Files.delete(dir.resolve(s[1]));
                else AtomicFiles.move(dir.resolve(s[0]), dir.resolve(s[1]));
            }
            ArtefactCommit.recover(dir);
            assertThat(files()).as("after %d renames", renamed).isEqualTo(NEW);
            ArtefactCommit.recover(dir);
            assertThat(files()).as("a second recovery changes nothing").isEqualTo(NEW);
        }
    }

    @Test
    void aJournalWithoutItsEndWasNeverACommit() throws IOException {
        commitOld();
        Files.writeString(dir.resolve(".data.bin.bbbbbbbbbbbb.stage"), "new data");
        Files.writeString(dir.resolve(ArtefactCommit.JOURNAL), "move\t.data.bin.bbbbbbbbbbbb.stage\tdata.bin\n");
        ArtefactCommit.begin(dir).abandon();
        assertThat(files()).isEqualTo(OLD);
    }

    @Test
    void aFullDiskIsNamedWithWhatToDo() {
        assertThat(ArtefactCommit.describe(new IOException("No space left on device"))).contains("the disk is full").contains("free some space");
    }
}
