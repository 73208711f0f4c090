package dev.taskspace.internal;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Where taskspace keeps downloads that outlive a run (the 20 Newsgroups archive, later
 * models and vectors). In order of precedence: a {@code --cache-dir} flag, the
 * {@code TASKSPACE_CACHE} environment variable, then the platform's user cache folder:
 * {@code $XDG_CACHE_HOME/taskspace} or {@code ~/.cache/taskspace} on Linux and other Unixes,
 * {@code ~/Library/Caches/taskspace} on macOS, {@code %LOCALAPPDATA%\taskspace\cache} on
 * Windows.
 */
public final class UserDirs {
    /** The environment variable that overrides the cache folder. */
    public static final String CACHE_ENV = "TASKSPACE_CACHE";
    /** The environment variable that switches downloads off, like {@code --offline}. */
    public static final String OFFLINE_ENV = "TASKSPACE_OFFLINE";

    private UserDirs() {}

    /** The cache folder for this process's environment. */
    public static Path cacheDir(Path flag) {
        return cacheDir(flag, System.getenv(), System.getProperty("user.home"), System.getProperty("os.name"));
    }

    /** The cache folder for the given flag (may be null), environment, home and OS name. */
    public static Path cacheDir(Path flag, Map<String, String> env, String home, String osName) {
        if (flag != null) return flag.toAbsolutePath();
        String explicit = nonBlank(env.get(CACHE_ENV));
        if (explicit != null) return Path.of(explicit).toAbsolutePath();
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.startsWith("windows")) {
            String local = nonBlank(env.get("LOCALAPPDATA"));
            Path base = local != null ? Path.of(local) : Path.of(home, "AppData", "Local");
            return base.resolve("taskspace").resolve("cache");
        }
        if (os.startsWith("mac")) return Path.of(home, "Library", "Caches", "taskspace");
        String xdg = nonBlank(env.get("XDG_CACHE_HOME"));
        // The XDG spec says a relative XDG_CACHE_HOME is invalid and must be ignored.
        if (xdg != null && Path.of(xdg).isAbsolute()) return Path.of(xdg, "taskspace");
        return Path.of(home, ".cache", "taskspace");
    }

    /** The cache folder for {@code env} (no flag), with this JVM's user home and OS. */
    public static Path cacheDirFrom(Map<String, String> env) {
        return cacheDir(null, env, System.getProperty("user.home"), System.getProperty("os.name"));
    }

    /** Whether {@code env} switches downloads off: {@code TASKSPACE_OFFLINE} set to 1, true or yes. */
    public static boolean offline(Map<String, String> env) {
        String v = env.getOrDefault(OFFLINE_ENV, "").strip();
        return v.equals("1") || v.equalsIgnoreCase("true") || v.equalsIgnoreCase("yes");
    }

    private static String nonBlank(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
