package dev.taskspace.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class UserDirsTest {
    private static final String HOME = "/home/ann";

    @Test
    void aFlagWinsOverEverything() {
        assertThat(UserDirs.cacheDir(Path.of("/flag"), Map.of("TASKSPACE_CACHE", "/env"), HOME, "Linux")).isEqualTo(Path.of("/flag"));
    }

    @Test
    void thenTheEnvironmentVariable() {
        assertThat(UserDirs.cacheDir(null, Map.of("TASKSPACE_CACHE", "/env", "XDG_CACHE_HOME", "/xdg"), HOME, "Linux"))
                .isEqualTo(Path.of("/env"));
    }

    @Test
    void thenXdgOnLinuxIgnoringARelativeValue() {
        assertThat(UserDirs.cacheDir(null, Map.of("XDG_CACHE_HOME", "/xdg"), HOME, "Linux")).isEqualTo(Path.of("/xdg/taskspace"));
        assertThat(UserDirs.cacheDir(null, Map.of("XDG_CACHE_HOME", "rel"), HOME, "Linux"))
                .isEqualTo(Path.of(HOME, ".cache", "taskspace"));
        assertThat(UserDirs.cacheDir(null, Map.of(), HOME, "Linux")).isEqualTo(Path.of(HOME, ".cache", "taskspace"));
    }

    @Test
    void platformFoldersOnMacAndWindows() {
        assertThat(UserDirs.cacheDir(null, Map.of(), HOME, "Mac OS X")).isEqualTo(Path.of(HOME, "Library", "Caches", "taskspace"));
        assertThat(UserDirs.cacheDir(null, Map.of("LOCALAPPDATA", "/appdata"), HOME, "Windows 11"))
                .isEqualTo(Path.of("/appdata", "taskspace", "cache"));
    }

    @Test
    void offlineIsOneTrueOrYes() {
        for (String on : new String[] {"1", "true", "TRUE", "yes", " 1 "}) {
            assertThat(UserDirs.offline(Map.of("TASKSPACE_OFFLINE", on))).as(on).isTrue();
        }
        for (String off : new String[] {"", "0", "false", "no"}) {
            assertThat(UserDirs.offline(Map.of("TASKSPACE_OFFLINE", off))).as(off).isFalse();
        }
        assertThat(UserDirs.offline(Map.of())).isFalse();
    }

    @Test
    void theCacheFolderFromAnEnvironmentAlone() {
        assertThat(UserDirs.cacheDirFrom(Map.of("TASKSPACE_CACHE", "/env"))).isEqualTo(Path.of("/env"));
    }
}
