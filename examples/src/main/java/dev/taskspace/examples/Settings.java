package dev.taskspace.examples;

import dev.taskspace.embed.Task;
import dev.taskspace.embed.Tasks;
import dev.taskspace.embed.remote.RemoteEmbedder;
import java.net.URI;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * The tutorial's few options, from {@code -Dexec.args="..."} (or the command line when run
 * with {@code java}). Everything else is as the command line's demo does it.
 *
 * @param perLabel posts per category (80: the demo's 800 posts)
 * @param task     the task compared with "default": a known task's name, or {@code NAME=INSTRUCTION}
 * @param model    the in-process model: a bundled model, a folder or a Hugging Face id
 * @param precision which export of that model (fp32, int8, ...), or null for the model's default
 * @param apiModel a model behind an OpenAI-compatible API, or null to embed in-process
 * @param apiBase  that API's address, before {@code /embeddings}
 * @param out      the PNG to write
 */
record Settings(int perLabel, Task task, String model, String precision, String apiModel, URI apiBase, Path out) {
    /** The model used when none is named: small, bundled, offline, and NOT instruction-tuned. */
    static final String BUNDLED_MODEL = "bge-small-en-v1.5-q";

    static final String HELP = """
            The taskspace tutorial (docs/TUTORIAL.md): default vs sentiment, side by side.

            mvn -q -Ptutorial [-Dexec.args="OPTIONS"]

              --per-label N      posts per category, 10 categories (default: 80, the demo's 800 posts)
              --task T           the task to compare with default: topic, sentiment, toxicity, emotion,
                                 retrieval, or NAME=INSTRUCTION (default: sentiment)
              --model M          in-process model: a bundled one (bge-small-en-v1.5-q, minilm, e5-small, ...),
                                 a folder with an ONNX export, or a Hugging Face id such as
                                 onnx-community/Qwen3-Embedding-0.6B-ONNX
                                 (default: $TASKSPACE_MODEL, else bge-small-en-v1.5-q)
              --precision P      which export of a Hugging Face model: fp32 (default), int8, fp16, q4, ...
              --api-model ID     embed through an OpenAI-compatible API instead, e.g. Qwen/Qwen3-Embedding-0.6B
                                 (key: SILICONFLOW_API_KEY or TASKSPACE_API_KEY, in the environment or ./.env)
              --api-base URL     that API's address (default: https://api.siliconflow.com/v1)
              --out FILE         the picture (default: taskspace-tutorial/default-vs-TASK.png)

            Environment, as for ./taskspace: TASKSPACE_NEWSGROUPS (a local 20news-bydate.tar.gz),
            TASKSPACE_CACHE, TASKSPACE_OFFLINE, TASKSPACE_MODEL, HF_HOME.
            """;

    /** The settings from {@code args}, or null after printing the help for {@code --help}. */
    static Settings parse(String[] args) {
        return parse(args, System.getenv());
    }

    static Settings parse(String[] args, Map<String, String> env) {
        int perLabel = 80;
        String taskSpec = "sentiment";
        String envModel = env.get("TASKSPACE_MODEL");
        String model = envModel == null || envModel.isBlank() ? BUNDLED_MODEL : envModel.strip();
        String precision = null;
        String apiModel = null;
        URI apiBase = RemoteEmbedder.DEFAULT_BASE;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            String flag = args[i];
            if (flag.equals("--help") || flag.equals("-h")) {
                System.out.print(HELP);
                return null;
            }
            if (i + 1 >= args.length) throw new IllegalArgumentException(flag + " needs a value (see --help)");
            String value = args[++i];
            switch (flag) {
                case "--per-label" -> perLabel = positive(flag, value);
                case "--task" -> taskSpec = value;
                case "--model" -> model = value;
                case "--precision" -> precision = value;
                case "--api-model" -> apiModel = value;
                case "--api-base" -> apiBase = URI.create(value);
                case "--out" -> out = Path.of(value);
                default -> throw new IllegalArgumentException("unknown option " + flag + " (see --help)");
            }
        }
        Task task = task(taskSpec);
        if (out == null) out = Path.of("taskspace-tutorial", "default-vs-" + task.name() + ".png");
        return new Settings(perLabel, task, model, precision, apiModel, apiBase, out);
    }

    /** A known task by name, or {@code NAME=INSTRUCTION}; it must have an instruction. */
    static Task task(String spec) {
        Task t = spec.contains("=") ? Tasks.parse(spec) : Tasks.select(Tasks.known(), List.of(spec)).get(0);
        if (!t.hasInstruction()) {
            throw new IllegalArgumentException("--task " + spec + " has no instruction: compare default with a task that has one");
        }
        return t;
    }

    private static int positive(String flag, String value) {
        try {
            int n = Integer.parseInt(value.strip());
            if (n >= 1) return n;
        } catch (NumberFormatException e) {
            // fall through to the message
        }
        throw new IllegalArgumentException(flag + " must be a positive number, not \"" + value + "\"");
    }
}
