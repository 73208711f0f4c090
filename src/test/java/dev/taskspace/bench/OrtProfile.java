package dev.taskspace.bench;

import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtLoggingLevel;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.embed.onnx.BenchHooks;
import dev.taskspace.embed.onnx.OnnxEmbedder;
import dev.taskspace.embed.onnx.OnnxModel;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * Where the time of Qwen3 batches goes, per ONNX operator type, from ONNX Runtime's own
 * profiler, on a session opened with the engine's settings (all graph optimisations, sequential,
 * one inter-op and {@code --threads} intra-op threads) and fed the engine's batch plan for every
 * {@code --every}-th demo document (left padding, as the engine pads). Token ids do not change the
 * time, so every real token is one fixed id.
 */
final class OrtProfile {
    private final Args args;

    OrtProfile(Args args) {
        this.args = args;
    }

    void run() throws Exception {
        if (!args.string("bundled", "").isEmpty()) {
            bundled(args.string("bundled", ""));
            return;
        }
        Path dir = args.path("model", "/tmp/qwen3-0.6b-random");
        OnnxModel model = Qwen3Bench.model(dir, "fp32");
        Qwen3Shape shape = Qwen3Shape.read(dir.resolve("config.json"));
        int threads = args.integer("threads", 2);
        OnnxEmbedder.Options options = OnnxEmbedder.Options.DEFAULT.withThreads(threads)
                .withBatching(args.integer("budget", 4096), OnnxEmbedder.Options.DEFAULT.cellBudget(), OnnxEmbedder.Options.DEFAULT.maxBatch());
        List<String> texts = BenchCorpus.texts(args.path("corpus", "/tmp/bench-corpus"), args.integer("every", 8));
        int[] lengths = BenchHooks.tokenLengths(model, options, BenchHooks.prompts(model, BenchCorpus.TOPIC, texts));
        List<int[]> plan = BenchHooks.plan(lengths, options);
        System.out.printf("profiling %d batches (%s), token budget %d, %d intra-op threads%n", plan.size(),
                BenchCorpus.describeLengths(lengths), options.tokenBudget(), threads);

        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "bench");
        Path prefix = Files.createTempDirectory("ort-profile").resolve("qwen3");
        String file;
        long wall;
        try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
            so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
            so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
            so.setInterOpNumThreads(1);
            so.setIntraOpNumThreads(threads);
            so.enableProfiling(prefix.toString());
            try (OrtSession session = env.createSession(model.onnxFile().toString(), so)) {
                long t0 = System.nanoTime();
                for (int[] batch : plan) runBatch(env, session, batch.length, lengths, batch);
                wall = System.nanoTime() - t0;
                file = session.endProfiling();
            }
        }
        report(Path.of(file), wall, shape.executedFlops(plan, lengths));
    }

    private static void runBatch(OrtEnvironment env, OrtSession session, int b, int[] lengths, int[] batch) throws OrtException {
        int width = lengths[batch[0]];
        long[] ids = new long[b * width];
        long[] mask = new long[b * width];
        long[] pos = new long[b * width];
        Arrays.fill(ids, 151643);
        Arrays.fill(pos, 1);
        for (int r = 0; r < b; r++) {
            int n = lengths[batch[r]];
            for (int k = 0; k < n; k++) {
                int at = r * width + width - n + k;
                ids[at] = 1000;
                mask[at] = 1;
                pos[at] = k;
            }
        }
        long[] shape = {b, width};
        Map<String, OnnxTensor> in = new HashMap<>();
        try {
            in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
            in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
            in.put("position_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(pos), shape));
            for (Map.Entry<String, NodeInfo> e : session.getInputInfo().entrySet()) {
                if (!e.getKey().startsWith("past_key_values.")) continue;
                long[] s = ((TensorInfo) e.getValue().getInfo()).getShape().clone();
                s[0] = b;
                s[2] = 0;
                in.put(e.getKey(), OnnxTensor.createTensor(env, FloatBuffer.allocate(0), s));
            }
            try (OrtSession.Result r = session.run(in, java.util.Set.of("last_hidden_state"))) {
                r.get(0); // results freed on close
            }
        } finally {
            in.values().forEach(OnnxTensor::close);
        }
    }

    /**
     * A bundled model's time per operator type, as its file is and as the engine loads it after
     * the layer-norm rewrite: {@code --runs} (30) timed calls on {@code --batch} (5) texts of
     * {@code --tokens} (200) random token ids each, one intra-op thread (the engine runs small
     * models on single-threaded calls), after two warm-up calls. Prints the median time per call
     * and the session's load time, then ONNX Runtime's profile of the same calls.
     */
    private void bundled(String name) throws Exception {
        OnnxModel model = dev.taskspace.embed.onnx.BundledModels.load(
                dev.taskspace.embed.onnx.BundledModels.find(name).orElseThrow(() -> new IllegalArgumentException("no bundled model " + name)),
                args.path("cache", "/tmp/taskspace-bench-cache"));
        int b = args.integer("batch", 5);
        int t = args.integer("tokens", 200);
        int runs = args.integer("runs", 30);
        OrtEnvironment env = OrtEnvironment.getEnvironment(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR, "bench");
        long[] ids = new long[b * t];
        long[] mask = new long[b * t];
        java.util.Random random = new java.util.Random(42);
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i % t == 0 ? 101 : 1000 + random.nextInt(20000); // [CLS], then word pieces
            mask[i] = 1;
        }
        System.out.printf(Locale.ROOT, "%s (%s), %d x %d tokens per call, %d calls, 1 intra-op thread%n", name, model.precision(), b, t, runs);
        for (boolean rewrite : new boolean[] {false, true}) {
            Path prefix = Files.createTempDirectory("ort-profile").resolve(name);
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                so.setExecutionMode(OrtSession.SessionOptions.ExecutionMode.SEQUENTIAL);
                so.setInterOpNumThreads(1);
                so.setIntraOpNumThreads(1);
                long load0 = System.nanoTime();
                byte[] graph = rewrite ? BenchHooks.rewrittenGraph(model).orElseThrow() : null;
                try (OrtSession session = rewrite ? env.createSession(graph, so) : env.createSession(model.onnxFile().toString(), so)) {
                    double load = (System.nanoTime() - load0) / 1e9;
                    Map<String, OnnxTensor> in = bertInputs(env, session, ids, mask, new long[] {b, t});
                    try {
                        for (int w = 0; w < 2; w++) session.run(in).close();
                        double[] ms = new double[runs];
                        for (int r = 0; r < runs; r++) {
                            long t0 = System.nanoTime();
                            session.run(in).close();
                            ms[r] = (System.nanoTime() - t0) / 1e6;
                        }
                        Arrays.sort(ms);
                        System.out.printf(Locale.ROOT, "%n%s: median %.1f ms per call (%.1f-%.1f), %.0f tokens/s; session made in %.2f s%n",
                                rewrite ? "rewritten (as the engine loads it)" : "the file as it is", ms[runs / 2], ms[0], ms[runs - 1],
                                b * t / (ms[runs / 2] / 1e3), load);
                    } finally {
                        in.values().forEach(OnnxTensor::close);
                    }
                }
            }
            // the profile: a second session, profiling on (it slows every kernel a little)
            try (OrtSession.SessionOptions so = new OrtSession.SessionOptions()) {
                so.setSessionLogLevel(OrtLoggingLevel.ORT_LOGGING_LEVEL_ERROR);
                so.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
                so.setIntraOpNumThreads(1);
                so.enableProfiling(prefix.toString());
                byte[] graph = rewrite ? BenchHooks.rewrittenGraph(model).orElseThrow() : null;
                try (OrtSession session = rewrite ? env.createSession(graph, so) : env.createSession(model.onnxFile().toString(), so)) {
                    Map<String, OnnxTensor> in = bertInputs(env, session, ids, mask, new long[] {b, t});
                    long t0 = System.nanoTime();
                    try {
                        for (int r = 0; r < runs; r++) session.run(in).close();
                    } finally {
                        in.values().forEach(OnnxTensor::close);
                    }
                    long wall = System.nanoTime() - t0;
                    report(Path.of(session.endProfiling()), wall, Double.NaN);
                }
            }
        }
    }

    /** input_ids, attention_mask and (when the graph has it) token_type_ids of zeros, all of {@code shape}. */
    private static Map<String, OnnxTensor> bertInputs(OrtEnvironment env, OrtSession session, long[] ids, long[] mask, long[] shape)
            throws OrtException {
        Map<String, OnnxTensor> in = new HashMap<>();
        in.put("input_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(ids), shape));
        in.put("attention_mask", OnnxTensor.createTensor(env, LongBuffer.wrap(mask), shape));
        if (session.getInputNames().contains("token_type_ids")) {
            in.put("token_type_ids", OnnxTensor.createTensor(env, LongBuffer.wrap(new long[ids.length]), shape));
        }
        return in;
    }

    /** Sums the profile's kernel times by operator type. */
    private static void report(Path file, long wallNanos, double executedFlops) throws Exception {
        JsonNode events = new ObjectMapper().readTree(file.toFile());
        Map<String, Double> byOp = new TreeMap<>();
        double runs = 0;
        for (JsonNode e : events) {
            String name = e.path("name").asText();
            if ("Node".equals(e.path("cat").asText()) && name.endsWith("_kernel_time")) {
                byOp.merge(e.path("args").path("op_name").asText("?"), e.path("dur").asDouble() / 1e6, Double::sum);
            } else if ("Session".equals(e.path("cat").asText()) && name.equals("model_run")) {
                runs += e.path("dur").asDouble() / 1e6;
            }
        }
        double kernels = byOp.values().stream().mapToDouble(Double::doubleValue).sum();
        double matmul = byOp.entrySet().stream().filter(x -> x.getKey().contains("MatMul") || x.getKey().equals("Gemm"))
                .mapToDouble(Map.Entry::getValue).sum();
        System.out.printf(Locale.ROOT, "%nwall %.1f s; ORT model_run %.1f s; kernels %.1f s (profile: %s)%n", wallNanos / 1e9, runs,
                kernels, file);
        System.out.println("| operator | seconds | share of kernel time |");
        System.out.println("|---|---:|---:|");
        List<Map.Entry<String, Double>> sorted = new ArrayList<>(byOp.entrySet());
        sorted.sort(Map.Entry.<String, Double>comparingByValue().reversed());
        for (Map.Entry<String, Double> x : sorted) {
            if (x.getValue() / kernels < 0.001) continue;
            System.out.printf(Locale.ROOT, "| %s | %.2f | %.1f%% |%n", x.getKey(), x.getValue(), 100 * x.getValue() / kernels);
        }
        if (Double.isNaN(executedFlops)) return;
        System.out.printf(Locale.ROOT, "%nexecuted matrix FLOPs (padding included) %.0f GFLOP: %.1f GFLOP/s inside the MatMul "
                + "kernels, %.1f GFLOP/s over all kernels, %.1f GFLOP/s over wall time%n", executedFlops / 1e9,
                executedFlops / matmul / 1e9, executedFlops / kernels / 1e9, executedFlops / (wallNanos / 1e9) / 1e9);
    }
}
