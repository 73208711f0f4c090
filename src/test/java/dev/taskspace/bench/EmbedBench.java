package dev.taskspace.bench;

/**
 * Embedding benchmarks (a main, not a test); BENCHMARKS.md records their figures and commands.
 *
 * <pre>
 * ./taskspace corpus --newsgroups ../shared/data/20news-bydate.tar.gz --out /tmp/bench-corpus -q
 * mvn -q test-compile exec:java -Dexec.classpathScope=test -Dexec.mainClass=dev.taskspace.bench.EmbedBench \
 *     -Dexec.args="qwen3 --every 4 --runs 3 --budgets 1024,2048,4096,8192"
 * </pre>
 *
 * Modes:
 * <ul>
 *   <li>{@code qwen3}: fp32 throughput and fraction of FP32 peak on a random-weight model of
 *       Qwen3-Embedding's shape ({@code --model DIR}, default /tmp/qwen3-0.6b-random), per token
 *       budget ({@code --budgets}), {@code --runs} passes each over every {@code --every}-th demo
 *       document, {@code --threads} (2), {@code --peak} GFLOP/s (510); {@code --precision int8}
 *       with a model made by scripts/qwen3_int8.py runs the engine's int8 path. Timing
 *       ({@code --method}): {@code batches} (default for fp32) calls the engine once per batch of
 *       its own plan and sums the times, re-running a batch that another process disturbed;
 *       {@code pass} times one call over all texts (always so for int8)</li>
 *   <li>{@code once}: the batch plan and padding fraction of each of {@code --budgets} over the
 *       demo documents (all of them unless {@code --every}), then one pass at {@code --budget}
 *       (default: the engine's) printing the engine-reported padding and the peak resident set;
 *       {@code --plan-only true} skips the pass. Run it as its own JVM under
 *       {@code /usr/bin/time -v} for the peak memory</li>
 *   <li>{@code profile}: where the time of a few Qwen3 batches goes, per ONNX operator type, from
 *       ONNX Runtime's profiler ({@code --batches}, default 4); {@code --bundled NAME} profiles a
 *       bundled model instead, as its file is and as the engine loads it after the layer-norm
 *       rewrite ({@code --batch} 5 texts x {@code --tokens} 200, {@code --runs} 30, one thread)</li>
 *   <li>{@code bundled}: each bundled model through taskspace's engine and LangChain4j's class,
 *       interleaved ({@code --rounds} 5, {@code --models} a,b,…, {@code --configs} taskspace
 *       configurations as calls x token budget, e.g. {@code 0x1024,1x4096} (0: the engine's
 *       choice; default {@code 0x0}: the engine's defaults), {@code --l4j-threads} N for an
 *       explicit LangChain4j pool instead of its default, {@code --max-tokens} N taskspace's
 *       token cap, e.g. 128 to give all-MiniLM-L6-v2 the same work as LangChain4j's cut)</li>
 *   <li>{@code rewrite}: how far the graph rewrite (fused layer norms) moves each bundled
 *       model's vectors, and for int8 models how both versions compare with the fp32 model</li>
 * </ul>
 * Common: {@code --corpus DIR} (default /tmp/bench-corpus). Each timed pass first waits (at
 * most {@code --max-wait} s, default 1800) for a 15-second window in which other processes
 * kept under half of {@code --max-others} cores busy (default 0.15; read from /proc/stat); a
 * pass during which they kept more than {@code --max-others} busy is repeated, at most
 * {@code --retries} times (default 4), and reported either way. On a machine that is never
 * quiet, {@code --max-wait 0 --max-others 8} skips both and relies on the interleaving.
 */
public final class EmbedBench {
    private EmbedBench() {}

    public static void main(String[] argv) throws Exception {
        if (argv.length == 0) {
            System.err.println("usage: EmbedBench qwen3|once|profile|bundled|rewrite [--name value ...] (see the class comment)");
            System.exit(2);
        }
        Args args = new Args(argv, 1);
        System.out.printf("EmbedBench %s on %s, %d CPUs, Java %s, %s%n", argv[0], System.getProperty("os.arch"),
                Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"), java.time.LocalDate.now());
        switch (argv[0]) {
            case "qwen3" -> new Qwen3Bench(args).run();
            case "once" -> new Qwen3Bench(args).once();
            case "profile" -> new OrtProfile(args).run();
            case "bundled" -> new LangChain4jComparison(args).run();
            case "rewrite" -> new RewriteCheck(args).run();
            default -> throw new IllegalArgumentException("unknown mode " + argv[0]);
        }
        System.exit(0); // LangChain4j's pools and ONNX Runtime's threads need not delay the exit
    }
}
