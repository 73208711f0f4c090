package dev.taskspace;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Tests take their folders from JUnit's {@code @TempDir}, which deletes them: a test class that
 * calls {@code Files.createTempDirectory} itself leaves a folder in /tmp on every run (they had
 * piled up to hundreds).
 */
class TestsLeaveNoTempDirsTest {
    private static final String CALL = "Files.create" + "Temp"; // in two parts, so this file does not find itself

    @Test
    void noTestClassMakesATempFolderItDoesNotDelete() throws IOException {
        Path tests = Path.of("src/test/java");
        List<String> offenders;
        try (Stream<Path> files = Files.walk(tests)) {
            offenders = files.filter(f -> f.toString().endsWith("Test.java") || f.toString().endsWith("IT.java"))
                    .filter(f -> read(f).contains(CALL + "Directory(") || read(f).contains(CALL + "File("))
                    .map(f -> tests.relativize(f).toString())
                    .toList();
        }
        assertThat(offenders).as("use @TempDir instead").isEmpty();
    }

    private static String read(Path f) {
        try {
            return Files.readString(f);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
