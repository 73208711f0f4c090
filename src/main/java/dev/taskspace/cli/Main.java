package dev.taskspace.cli;

/** The {@code taskspace} program. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Cli.run(System.out, System.err, System.getenv(), args));
    }
}
