package dev.taskspace.embed.remote;

import java.util.ArrayList;
import java.util.List;

/**
 * Runs {@link FakeEmbeddingsServer}s on their own, for benchmarks:
 * {@code java -cp target/test-classes:target/classes:target/lib/* dev.taskspace.embed.remote.FakeServerMain [latencyMillis] [nativeDims] [replicas] [words]}.
 * It prints the base URLs, comma-separated (ready for {@code --api-base}), serves until killed,
 * and reports request counts and rates at each server's {@code GET /stats}. It keeps no
 * per-request records, so it can serve millions of texts. With {@code words}, vectors carry each text's
 * bag of words ({@link FakeEmbeddingsServer#words}): a topic corpus gets clusters.
 */
public final class FakeServerMain {
    private FakeServerMain() {}

    public static void main(String[] args) throws InterruptedException {
        int replicas = args.length > 2 ? Integer.parseInt(args[2]) : 1;
        List<String> bases = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            FakeEmbeddingsServer server = FakeEmbeddingsServer.start();
            server.latencyMillis = args.length > 0 ? Long.parseLong(args[0]) : 0;
            server.nativeDims = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
            server.record = false;
            server.words = args.length > 3 && args[3].equals("words");
            bases.add(server.base().toString());
        }
        System.out.println(String.join(",", bases));
        Thread.currentThread().join();
    }
}
