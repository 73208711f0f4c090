package dev.taskspace.embed.remote;

import dev.taskspace.TaskspaceException;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * An API key and where it came from, for the {@code Authorization: Bearer} header only. Its
 * {@code toString} and every message about it name the source, never the value.
 *
 * <p>Looked up in the environment first, then in a {@code .env} file in the working folder
 * ({@code NAME=value} lines; {@code export}, quotes and {@code #} comments allowed):
 * <ul>
 *   <li>{@code TASKSPACE_API_KEY}: sent to whatever server {@code --api-base} names;</li>
 *   <li>{@code SILICONFLOW_API_KEY} (as the original demo): sent only to SiliconFlow's hosts
 *       ({@code *.siliconflow.com}, {@code *.siliconflow.cn});</li>
 *   <li>{@code OPENAI_API_KEY}: sent only to {@code api.openai.com}.</li>
 * </ul>
 * A provider's key is thus never handed to another server by a changed base URL.
 */
public final class ApiKey {
    /** The generic variable, for any server. */
    public static final String GENERIC = "TASKSPACE_API_KEY";
    /** No key: requests go without an Authorization header (Ollama, vLLM, TEI, llama.cpp by default). */
    public static final ApiKey NONE = new ApiKey(null, null);

    private static final List<String[]> PROVIDERS = List.of(
            new String[] {"SILICONFLOW_API_KEY", "siliconflow.com", "siliconflow.cn"},
            new String[] {"OPENAI_API_KEY", "api.openai.com"});

    private final String value;
    private final String source;

    private ApiKey(String value, String source) {
        this.value = value;
        this.source = source;
    }

    /** A key given directly (tests, library use); {@code source} says where it came from. */
    public static ApiKey of(String value, String source) {
        return new ApiKey(check(value, source), source);
    }

    /**
     * The key for a server at {@code base}: from {@code env}, else from {@code dir/.env}, else
     * {@link #NONE}.
     */
    public static ApiKey resolve(Map<String, String> env, Path dir, URI base) {
        String host = base.getHost() == null ? "" : base.getHost().toLowerCase(Locale.ROOT);
        List<String> names = new java.util.ArrayList<>(List.of(GENERIC));
        for (String[] p : PROVIDERS) {
            for (int i = 1; i < p.length; i++) if (host.equals(p[i]) || host.endsWith("." + p[i])) names.add(p[0]);
        }
        Path dotEnv = dir == null ? null : dir.resolve(".env");
        Map<String, String> file = dotEnv != null && Files.isRegularFile(dotEnv) ? readDotEnv(dotEnv) : Map.of();
        for (String name : names) {
            String v = env.get(name);
            if (v != null && !v.isBlank()) return new ApiKey(check(v.strip(), name), name);
            v = file.get(name);
            if (v != null && !v.isBlank()) return new ApiKey(check(v.strip(), name + " in " + dotEnv), name + " in " + dotEnv);
        }
        return NONE;
    }

    /** Whether there is a key. */
    public boolean present() {
        return value != null;
    }

    /** Where the key came from, e.g. {@code TASKSPACE_API_KEY} or {@code SILICONFLOW_API_KEY in /work/.env}; null without one. */
    public String source() {
        return source;
    }

    /** The header value; only for the request. */
    String bearer() {
        return "Bearer " + value;
    }

    /** {@code text} with any occurrence of the key replaced, for text a server sent back. */
    public String redact(String text) {
        return value == null || text == null ? text : text.replace(value, "[API key]");
    }

    @Override
    public String toString() {
        return value == null ? "no API key" : "the API key from " + source;
    }

    private static String check(String v, String source) {
        for (int i = 0; i < v.length(); i++) {
            char c = v.charAt(i);
            if (c <= ' ' || c > '~') {
                throw new TaskspaceException("the API key in " + source + " has a character an HTTP header cannot carry "
                        + "(at position " + (i + 1) + "): copy it again");
            }
        }
        return v;
    }

    /** The variables of a {@code .env} file. */
    static Map<String, String> readDotEnv(Path file) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new TaskspaceException("cannot read " + file + ": " + e.getMessage(), e);
        }
        Map<String, String> vars = new HashMap<>();
        for (String line : lines) {
            String l = line.strip();
            if (l.startsWith("export ")) l = l.substring(7).strip();
            int eq = l.indexOf('=');
            if (l.isEmpty() || l.startsWith("#") || eq <= 0) continue;
            String name = l.substring(0, eq).strip();
            String v = l.substring(eq + 1).strip();
            if (v.length() >= 2 && (v.charAt(0) == '"' || v.charAt(0) == '\'') && v.indexOf(v.charAt(0), 1) > 0) {
                v = v.substring(1, v.indexOf(v.charAt(0), 1));
            } else {
                int hash = v.indexOf(" #");
                if (hash >= 0) v = v.substring(0, hash).strip();
            }
            vars.put(name, v);
        }
        return vars;
    }
}
