package dev.taskspace.testing;

import dev.taskspace.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * One in-process run of the command line, with what it printed.
 *
 * <pre>{@code
 * CliRun r = CliRun.of(env, "embed", "--out", dir.toString());
 * assertThat(r.code()).as(r.err()).isZero();
 * }</pre>
 */
public record CliRun(int code, String out, String err) {
    public static CliRun of(Map<String, String> env, String... args) {
        ByteArrayOutputStream o = new ByteArrayOutputStream();
        ByteArrayOutputStream e = new ByteArrayOutputStream();
        int code = Cli.run(new PrintStream(o, true, StandardCharsets.UTF_8), new PrintStream(e, true, StandardCharsets.UTF_8), env, args);
        return new CliRun(code, o.toString(StandardCharsets.UTF_8), e.toString(StandardCharsets.UTF_8));
    }
}
