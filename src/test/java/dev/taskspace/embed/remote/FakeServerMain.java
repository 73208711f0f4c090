package dev.taskspace.embed.remote;

/**
 * Runs {@link FakeEmbeddingsServer} on its own, for benchmarks:
 * {@code java -cp target/test-classes:target/classes:target/lib/* dev.taskspace.embed.remote.FakeServerMain [latencyMillis] [nativeDims]}.
 * It prints its base URL, serves until killed, and reports request counts and rates at {@code GET /stats}.
 */
public final class FakeServerMain {
    private FakeServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        FakeEmbeddingsServer server = FakeEmbeddingsServer.start();
        server.latencyMillis = args.length > 0 ? Long.parseLong(args[0]) : 0;
        server.nativeDims = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        System.out.println(server.base());
        Thread.currentThread().join();
    }
}
