package dev.taskspace.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code --name value} arguments of the benchmark mains, with defaults. */
final class Args {
    private final Map<String, String> values = new HashMap<>();

    Args(String[] argv, int from) {
        for (int i = from; i < argv.length; i++) {
            if (!argv[i].startsWith("--") || i + 1 >= argv.length) throw new IllegalArgumentException("expected --name value at " + argv[i]);
            values.put(argv[i].substring(2), argv[++i]);
        }
    }

    Path path(String name, String dflt) {
        return Path.of(values.getOrDefault(name, dflt));
    }

    int integer(String name, int dflt) {
        return values.containsKey(name) ? Integer.parseInt(values.get(name)) : dflt;
    }

    double decimal(String name, double dflt) {
        return values.containsKey(name) ? Double.parseDouble(values.get(name)) : dflt;
    }

    String string(String name, String dflt) {
        return values.getOrDefault(name, dflt);
    }

    /** A comma-separated list of numbers. */
    List<Long> longs(String name, List<Long> dflt) {
        if (!values.containsKey(name)) return dflt;
        List<Long> out = new ArrayList<>();
        for (String s : values.get(name).split(",")) out.add(Long.parseLong(s.strip()));
        return out;
    }

    /** A field of /proc/self/status, e.g. "VmHWM" (peak resident set), or "?" off Linux. */
    static String procStatus(String field) {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith(field + ":")) return line.substring(field.length() + 1).strip();
            }
        } catch (IOException e) {
            // not Linux
        }
        return "?";
    }
}
