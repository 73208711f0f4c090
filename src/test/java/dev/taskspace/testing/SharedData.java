package dev.taskspace.testing;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * The read-only data every developer machine and CI run has at {@code ../shared/data} (or
 * {@code $TASKSPACE_SHARED_DATA}). Tests that need it skip with a message when it is
 * missing, except under CI ({@code CI=true}), where missing data is a failure: there the
 * tests must run.
 */
public final class SharedData {
    private SharedData() {}

    /** The shared data folder, whether it exists or not. */
    public static Path dir() {
        String env = System.getenv("TASKSPACE_SHARED_DATA");
        if (env != null && !env.isBlank()) return Path.of(env);
        return Path.of(System.getProperty("user.dir")).resolve("../shared/data").normalize();
    }

    /** A file under the shared data folder; skips (or fails under CI) when it is missing. */
    public static Path require(String relative) {
        Path p = dir().resolve(relative);
        if (!Files.exists(p)) {
            String msg = "skipped: needs " + p + " (the shared data; set TASKSPACE_SHARED_DATA to its folder)";
            if ("true".equalsIgnoreCase(System.getenv("CI"))) Assertions.fail("CI must have the shared data: " + msg);
            System.err.println(msg);
            Assumptions.abort(msg);
        }
        return p;
    }
}
