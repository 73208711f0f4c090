package dev.taskspace.embed.onnx;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.hub.HfHub;
import dev.taskspace.hub.HubException;
import dev.taskspace.hub.RepoListing;
import dev.taskspace.hub.Snapshot;
import dev.taskspace.internal.UserDirs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Turns what the user passes to {@code --model} into model files on disk:
 * <ul>
 *   <li>a bundled model's name ({@link BundledModels}): copied out of the class path;</li>
 *   <li>a local folder holding an ONNX export ({@code onnx/model*.onnx} or {@code model*.onnx})
 *       and {@code tokenizer.json};</li>
 *   <li>a Hugging Face repository id ({@code org/name}): its files in the standard Hugging Face
 *       cache, downloaded once if missing.</li>
 * </ul>
 * The export's file is chosen by precision, the way onnx-community names them:
 * {@code model.onnx} (fp32), {@code model_fp16.onnx}, {@code model_int8.onnx} or
 * {@code model_quantized.onnx} (int8), {@code model_uint8.onnx}, {@code model_q4.onnx},
 * {@code model_q4f16.onnx}, {@code model_bnb4.onnx}. Qwen3 models (by {@code config.json}'s
 * {@code model_type}, or the name) get Qwen3's rules; others are treated as sentence
 * encoders with the given pooling.
 */
public final class ModelResolver {
    /** The default model: Qwen3-Embedding-0.6B as exported by onnx-community. */
    public static final String DEFAULT_MODEL = "onnx-community/Qwen3-Embedding-0.6B-ONNX";

    /** Precisions and the file names that hold them, in order of preference. */
    private static final Map<String, List<String>> FILES = Map.of(
            "fp32", List.of("model.onnx"),
            "fp16", List.of("model_fp16.onnx"),
            "int8", List.of("model_int8.onnx", "model_quantized.onnx"),
            "uint8", List.of("model_uint8.onnx"),
            "q4", List.of("model_q4.onnx"),
            "q4f16", List.of("model_q4f16.onnx"),
            "bnb4", List.of("model_bnb4.onnx"));

    private final HfHub hub;
    private final Path cacheDir;
    private final Pooling encoderPooling;

    /**
     * @param hub            where Hugging Face models come from
     * @param cacheDir       taskspace's cache (bundled models are copied there)
     * @param encoderPooling the pooling for non-Qwen3 models from a folder or the hub
     */
    public ModelResolver(HfHub hub, Path cacheDir, Pooling encoderPooling) {
        this.hub = hub;
        this.cacheDir = cacheDir;
        this.encoderPooling = encoderPooling;
    }

    /**
     * The resolver the command line uses: the Hugging Face cache and hub as the environment
     * describes them ({@code HF_HOME}, {@code HF_HUB_CACHE}, {@code HF_ENDPOINT}, {@code HF_TOKEN},
     * {@code HF_HUB_OFFLINE}), no downloads when {@code TASKSPACE_OFFLINE} is set, bundled models
     * copied into taskspace's cache folder ({@code TASKSPACE_CACHE}, else the platform's user
     * cache), mean pooling for sentence encoders from a folder or the hub. Reads this process's
     * environment.
     *
     * <pre>{@code
     * OnnxModel model = ModelResolver.defaults().resolve("bge-small-en-v1.5-q", null, Reporter.console());
     * }</pre>
     */
    public static ModelResolver defaults() {
        return fromEnvironment(System.getenv());
    }

    /** As {@link #defaults()}, reading {@code env} instead of the process's environment. */
    public static ModelResolver fromEnvironment(Map<String, String> env) {
        HfHub hub = HfHub.fromEnvironment(env, System.getProperty("user.home"));
        if (UserDirs.offline(env)) hub = hub.withOffline(true);
        Path cache = UserDirs.cacheDirFrom(env);
        NativeLibraries.unpackInto(cache);
        return new ModelResolver(hub, cache, Pooling.MEAN);
    }

    /** The precisions an export may offer. */
    public static List<String> precisions() {
        return List.of("fp32", "fp16", "int8", "uint8", "q4", "q4f16", "bnb4");
    }

    /** Resolves {@code spec} at {@code precision} (null: the model's default). */
    public OnnxModel resolve(String spec, String precision, Reporter reporter) {
        Optional<BundledModels.Bundled> bundled = BundledModels.find(spec);
        if (bundled.isPresent()) {
            if (precision != null && !precision.equals(bundled.get().precision())) {
                throw new TaskspaceException("the bundled model " + bundled.get().name() + " is " + bundled.get().precision()
                        + "; for the other precision use " + (bundled.get().precision().equals("fp32")
                                ? bundled.get().name() + "-q" : bundled.get().name().replaceAll("-q$", "")));
            }
            return BundledModels.load(bundled.get(), cacheDir);
        }
        String p = precision == null ? "fp32" : precision.toLowerCase(Locale.ROOT);
        if (!FILES.containsKey(p)) {
            throw new TaskspaceException("unknown precision \"" + precision + "\"; choose one of " + String.join(", ", precisions()));
        }
        Path local = Path.of(spec);
        if (Files.isDirectory(local)) return fromFolder(local, p);
        if (spec.matches("[A-Za-z0-9][\\w.-]*/[\\w.-]+")) return fromHub(spec, p, reporter);
        throw new TaskspaceException("--model " + spec + " is neither a folder, a Hugging Face model id (org/name) nor a "
                + "bundled model (" + BundledModels.names() + ")");
    }

    private OnnxModel fromFolder(Path dir, String precision) {
        Path tokenizer = dir.resolve("tokenizer.json");
        if (!Files.isRegularFile(tokenizer)) throw new TaskspaceException("the model folder " + dir + " has no tokenizer.json");
        for (String name : FILES.get(precision)) {
            for (Path candidate : List.of(dir.resolve("onnx").resolve(name), dir.resolve(name))) {
                if (Files.isRegularFile(candidate)) return model(dir.toString(), candidate, tokenizer, readConfig(dir), precision);
            }
        }
        List<String> found = new ArrayList<>();
        for (Path d : List.of(dir, dir.resolve("onnx"))) {
            if (!Files.isDirectory(d)) continue;
            try (Stream<Path> s = Files.list(d)) {
                s.filter(f -> f.toString().endsWith(".onnx")).forEach(f -> found.add(dir.relativize(f).toString()));
            } catch (IOException e) {
                throw new TaskspaceException("cannot read the model folder " + dir + ": " + e.getMessage(), e);
            }
        }
        throw new TaskspaceException("the model folder " + dir + " has no " + precision + " export (" + String.join(" or ", FILES.get(precision))
                + ")" + (found.isEmpty() ? "" : "; it has " + String.join(", ", found) + ": choose with --precision"));
    }

    private OnnxModel fromHub(String repo, String precision, Reporter reporter) {
        List<String> wanted = null;
        if (!hub.offline()) {
            try {
                wanted = filesToFetch(hub.list(repo, HfHub.DEFAULT_REVISION), precision, repo);
            } catch (HubException e) {
                if (!e.unreachable()) throw e; // no such model, no access: say so
                // unreachable: fall back to what the cache has, below
            }
        }
        if (wanted == null) {
            for (String name : FILES.get(precision)) {
                String onnx = "onnx/" + name;
                Optional<Snapshot> hit = hub.cached(repo, HfHub.DEFAULT_REVISION, List.of(onnx, "tokenizer.json"));
                if (hit.isPresent()) return model(repo, hit.get().file(onnx), hit.get().file("tokenizer.json"),
                        readConfig(hit.get().folder()), precision);
            }
            String onnx = "onnx/" + FILES.get(precision).get(0);
            wanted = precision.equals("fp32") || precision.equals("fp16")
                    ? List.of(onnx, onnx + "_data", "tokenizer.json", "config.json")
                    : List.of(onnx, "tokenizer.json", "config.json");
        }
        Snapshot s = hub.fetch(repo, HfHub.DEFAULT_REVISION, wanted, reporter);
        Path onnx = s.file(wanted.get(0));
        return model(repo, onnx, s.file("tokenizer.json"), readConfig(s.folder()), precision);
    }

    /** The export file for the precision, its external data files, the tokenizer and config. */
    static List<String> filesToFetch(RepoListing listing, String precision, String repo) {
        String onnx = null;
        for (String name : FILES.get(precision)) {
            for (String candidate : List.of("onnx/" + name, name)) {
                if (onnx == null && listing.contains(candidate)) onnx = candidate;
            }
        }
        if (onnx == null) {
            List<String> offered = listing.paths().stream().filter(p -> p.endsWith(".onnx")).toList();
            throw new TaskspaceException("model " + repo + " has no " + precision + " ONNX export"
                    + (offered.isEmpty() ? " (it has no .onnx files at all)" : "; it offers " + String.join(", ", offered)
                    + ": choose with --precision"));
        }
        if (!listing.contains("tokenizer.json")) throw new TaskspaceException("model " + repo + " has no tokenizer.json");
        List<String> files = new ArrayList<>();
        files.add(onnx);
        for (String p : listing.paths()) {
            if (p.startsWith(onnx + "_data") || p.equals(onnx + ".data")) files.add(p);
        }
        files.add("tokenizer.json");
        if (listing.contains("config.json")) files.add("config.json");
        return files;
    }

    private OnnxModel model(String id, Path onnx, Path tokenizer, JsonNode config, String precision) {
        boolean qwen3 = config != null && config.path("model_type").asText("").toLowerCase(Locale.ROOT).startsWith("qwen3")
                || id.toLowerCase(Locale.ROOT).contains("qwen3");
        if (qwen3) return OnnxModel.qwen3(id, onnx, tokenizer, precision);
        int max = config != null ? config.path("max_position_embeddings").asInt(0) : 0;
        return OnnxModel.encoder(id, onnx, tokenizer, precision, encoderPooling, "", max);
    }

    private static JsonNode readConfig(Path dir) {
        Path f = dir.resolve("config.json");
        if (!Files.isRegularFile(f)) return null;
        try {
            return new ObjectMapper().readTree(f.toFile());
        } catch (IOException e) {
            throw new TaskspaceException(f + " is not valid JSON: " + e.getMessage(), e);
        }
    }
}
