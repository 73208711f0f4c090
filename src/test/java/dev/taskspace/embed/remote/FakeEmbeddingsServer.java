package dev.taskspace.embed.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.taskspace.embed.Vectors;
import dev.taskspace.internal.Hashing;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real OpenAI-compatible embeddings server on {@code 127.0.0.1}, for tests: {@code POST
 * /v1/embeddings} answers with deterministic vectors derived from a hash of each input string
 * (not unit length: the client must normalise), always in a shuffled {@code index} order, and
 * with {@code usage}; as decimal floats or, when asked ({@code encoding_format: base64}),
 * little-endian float32 in base64, or a 422 for base64 as TEI's strict validation would answer. It can check a bearer key, enforce a rate limit (429 with Retry-After),
 * refuse batches above a cap (413), inject 429/500/503, answers slower than the client's
 * timeout and dropped connections, and hold requests until told to let go. It counts
 * everything.
 */
public final class FakeEmbeddingsServer implements AutoCloseable {
    /** A scripted or random fault. */
    public enum Fault { NONE, TOO_MANY, ERROR_500, UNAVAILABLE_503, SLOW, RESET }

    private final HttpServer server;
    private final ExecutorService executor;
    private final ObjectMapper json = new ObjectMapper();

    // Configuration: set before the client starts.
    public volatile int nativeDims = 1024;
    public volatile String key; // the bearer key required, or null for none
    public volatile int batchCap; // 413 above this many inputs; 0: no cap
    public volatile int batchCapStatus = 413; // 422: TEI's answer; 400: SiliconFlow's
    public volatile int ratePerSecond; // 429 (Retry-After: 1) above this many requests in any second; 0: none
    public volatile long slowMillis = 2000; // how long a SLOW answer takes
    public volatile long latencyMillis; // how long every answer takes (a real server's compute time)
    public volatile boolean ignoreDimensions; // answer with native vectors whatever `dimensions` says
    public volatile int fixedStatus; // answer requests with this status (and an error message); 0: no
    public volatile int fixedStatusAfter; // ... after answering this many normally
    public volatile String retryAfter = "0"; // the Retry-After of a scripted TOO_MANY
    public volatile boolean base64 = true; // false: a base64 request gets 422 "unknown variant"
    public volatile boolean record = true; // keep bodies and per-text counts (false for long benchmarks)
    public volatile boolean words; // add a bag of words to the hash noise: texts sharing words get nearby vectors ({@link #vector})
    private final Deque<Fault> script = new ArrayDeque<>(); // faults for the next requests, in order; guarded by itself
    private volatile double faultRate; // then this share of requests gets a random fault
    private final Random random = new Random(7); // guarded by itself
    private volatile int holdAfter = -1; // answer this many requests, then hold the rest until release()
    private final CountDownLatch gate = new CountDownLatch(1);

    // Counts.
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger answered = new AtomicInteger();
    private final Map<Fault, AtomicInteger> faults = new ConcurrentHashMap<>();
    private final AtomicInteger tooLarge = new AtomicInteger();
    private final AtomicInteger rateLimited = new AtomicInteger();
    private final Map<String, AtomicInteger> served = new ConcurrentHashMap<>();
    private final List<Long> arrivals = Collections.synchronizedList(new ArrayList<>()); // nanoTime of every request
    private final List<String> authorizations = new CopyOnWriteArrayList<>();
    private final List<JsonNode> bodies = new CopyOnWriteArrayList<>();
    private final Deque<Long> window = new ArrayDeque<>(); // guarded by itself

    private FakeEmbeddingsServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fake-embeddings");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.createContext("/v1/embeddings", this::handle);
        server.createContext("/stats", this::stats);
        server.start();
    }

    public static FakeEmbeddingsServer start() {
        try {
            return new FakeEmbeddingsServer();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The base URL to give the client: {@code http://127.0.0.1:PORT/v1}. */
    public URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1");
    }

    /** The next requests get these faults, in order. */
    public FakeEmbeddingsServer script(Fault... next) {
        synchronized (script) {
            script.addAll(Arrays.asList(next));
        }
        return this;
    }

    /** After the script, this share of requests gets one of the faults at random (seeded). */
    public FakeEmbeddingsServer randomFaults(double rate) {
        faultRate = rate;
        return this;
    }

    /** Answers {@code n} requests, then holds every later one until {@link #release()}, then drops it. */
    public FakeEmbeddingsServer holdAfter(int n) {
        holdAfter = n;
        return this;
    }

    public void release() {
        gate.countDown();
    }

    /** The raw vector this server gives an input string (before any `dimensions` cut). */
    public static float[] raw(String input, int dims) {
        byte[] h = Hashing.sha256().digest(input.getBytes(StandardCharsets.UTF_8));
        SplittableRandom r = new SplittableRandom(Arrays.hashCode(h));
        float[] v = new float[dims];
        for (int i = 0; i < dims; i++) v[i] = (float) (3 * (r.nextDouble() * 2 - 1));
        return v;
    }

    /**
     * The vector this server answers for {@code input}: {@link #raw}, plus with {@link #words} a
     * sparse random projection of its bag of white-space words (each word adds +-3 at 16
     * coordinates chosen by its hash), so a corpus with topic vocabularies
     * ({@code SyntheticCorpus}) gets clusters for the projection stage to find, at the cost of a
     * few thousand additions a text.
     */
    public float[] vector(String input) {
        int dims = nativeDims;
        float[] v = raw(input, dims);
        if (!words) return v;
        int start = 0;
        for (int i = 0; i <= input.length(); i++) {
            if (i < input.length() && !Character.isWhitespace(input.charAt(i))) continue;
            if (i > start) {
                SplittableRandom r = new SplittableRandom(input.substring(start, i).hashCode());
                for (int j = 0; j < 16; j++) v[r.nextInt(dims)] += r.nextBoolean() ? 3 : -3;
            }
            start = i + 1;
        }
        return v;
    }

    /** What a correct client makes of this server's answer for {@code input} at {@code dims} dimensions. */
    public float[] expected(String input, int dims) {
        return Vectors.unitPrefix(vector(input), dims);
    }

    public int requests() {
        return requests.get();
    }

    /** Requests answered with vectors. */
    public int answered() {
        return answered.get();
    }

    public int faults(Fault f) {
        AtomicInteger n = faults.get(f);
        return n == null ? 0 : n.get();
    }

    public int tooLarge() {
        return tooLarge.get();
    }

    public int rateLimited() {
        return rateLimited.get();
    }

    /** How often each input string was answered with a vector. */
    public Map<String, Integer> served() {
        Map<String, Integer> m = new java.util.HashMap<>();
        served.forEach((k, v) -> m.put(k, v.get()));
        return m;
    }

    /** The arrival times (System.nanoTime) of all requests, in order. */
    public List<Long> arrivals() {
        synchronized (arrivals) {
            return List.copyOf(arrivals);
        }
    }

    /** The Authorization header of each request (null where absent). */
    public List<String> authorizations() {
        return new ArrayList<>(authorizations);
    }

    /** The JSON body of each request that had one. */
    public List<JsonNode> bodies() {
        return List.copyOf(bodies);
    }

    /** Waits until {@code n} requests have arrived; false if {@code seconds} pass first. */
    public boolean awaitRequests(int n, long seconds) throws InterruptedException {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        synchronized (requests) {
            while (requests.get() < n) {
                long left = end - System.nanoTime();
                if (left <= 0) return false;
                TimeUnit.NANOSECONDS.timedWait(requests, left);
            }
        }
        return true;
    }

    @Override
    public void close() {
        gate.countDown();
        server.stop(0);
        executor.shutdownNow();
    }

    private void handle(HttpExchange ex) throws IOException {
        long now = System.nanoTime();
        arrivals.add(now);
        int n;
        synchronized (requests) {
            n = requests.incrementAndGet();
            requests.notifyAll();
        }
        JsonNode body = json.readTree(ex.getRequestBody().readAllBytes());
        if (record) {
            authorizations.add(ex.getRequestHeaders().getFirst("Authorization"));
            bodies.add(body);
        }
        if (holdAfter >= 0 && n > holdAfter) {
            try {
                gate.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            throw new IOException("held, then dropped");
        }
        if (fixedStatus != 0 && n > fixedStatusAfter) {
            error(ex, fixedStatus, "{\"error\":{\"message\":\"scripted " + fixedStatus + "\",\"type\":\"invalid_request_error\"}}");
            return;
        }
        if (key != null && !("Bearer " + key).equals(ex.getRequestHeaders().getFirst("Authorization"))) {
            error(ex, 401, "{\"error\":{\"message\":\"Invalid token\",\"code\":20015}}");
            return;
        }
        if (ratePerSecond > 0 && overRate(now)) {
            rateLimited.incrementAndGet();
            ex.getResponseHeaders().add("Retry-After", "1");
            error(ex, 429, "{\"message\":\"rate limit exceeded\"}");
            return;
        }
        JsonNode input = body.path("input");
        if (!base64 && "base64".equals(body.path("encoding_format").asText())) {
            error(ex, 422, "Failed to deserialize the JSON body into the target type: encoding_format: unknown variant `base64`, "
                    + "expected `float` at line 1 column 60");
            return;
        }
        if (batchCap > 0 && input.size() > batchCap) {
            tooLarge.incrementAndGet();
            String said = switch (batchCapStatus) {
                case 422 -> "{\"error\":\"batch size " + input.size() + " > maximum allowed batch size " + batchCap
                        + "\",\"error_type\":\"Validation\"}";
                case 400 -> "{\"code\":20042,\"message\":\"input batch size " + input.size() + " > maximum allowed batch size "
                        + batchCap + "\",\"data\":null}";
                default -> "{\"message\":\"batch size " + input.size() + " exceeds " + batchCap + "\"}";
            };
            error(ex, batchCapStatus, said);
            return;
        }
        Fault f = nextFault();
        faults.computeIfAbsent(f, k -> new AtomicInteger()).incrementAndGet();
        switch (f) {
            case TOO_MANY -> {
                ex.getResponseHeaders().add("Retry-After", retryAfter);
                error(ex, 429, "{\"message\":\"slow down\"}");
                return;
            }
            case ERROR_500 -> {
                error(ex, 500, "internal error");
                return;
            }
            case UNAVAILABLE_503 -> {
                error(ex, 503, "{\"error\":\"overloaded\"}");
                return;
            }
            case RESET -> throw new IOException("dropping the connection, as scripted");
            case SLOW -> sleep(slowMillis);
            case NONE -> { }
        }
        if (latencyMillis > 0) sleep(latencyMillis);
        answer(ex, body, input, f != Fault.SLOW);
    }

    private void answer(HttpExchange ex, JsonNode body, JsonNode input, boolean count) throws IOException {
        int dims = body.has("dimensions") && !ignoreDimensions ? body.get("dimensions").asInt() : nativeDims;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < input.size(); i++) order.add(i);
        synchronized (random) {
            Collections.shuffle(order, random);
        }
        ObjectNode root = json.createObjectNode();
        root.put("object", "list");
        ArrayNode data = root.putArray("data");
        long tokens = 0;
        for (int i : order) {
            String text = input.get(i).asText();
            tokens += text.length() / 4 + 1;
            ObjectNode item = data.addObject();
            item.put("object", "embedding");
            float[] v = Arrays.copyOf(vector(text), dims);
            if ("base64".equals(body.path("encoding_format").asText())) {
                ByteBuffer b = ByteBuffer.allocate(4 * v.length).order(ByteOrder.LITTLE_ENDIAN);
                b.asFloatBuffer().put(v);
                item.put("embedding", Base64.getEncoder().encodeToString(b.array()));
            } else {
                ArrayNode e = item.putArray("embedding");
                for (float x : v) e.add(x);
            }
            item.put("index", i);
        }
        root.put("model", body.path("model").asText());
        root.putObject("usage").put("prompt_tokens", tokens).put("total_tokens", tokens);
        byte[] bytes = json.writeValueAsBytes(root);
        ex.getResponseHeaders().add("Content-Type", "application/json");
        ex.sendResponseHeaders(200, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
        if (!count) return; // the client gave up on it: not served
        answered.incrementAndGet();
        if (record) for (JsonNode t : input) served.computeIfAbsent(t.asText(), k -> new AtomicInteger()).incrementAndGet();
    }

    /**
     * {@code GET /stats}: requests so far and their rate, (n - 1) / (last arrival - first), also
     * from the second request on (the client sends its first request alone and waits for it);
     * {@code ?reset} forgets them afterwards (for benchmarks).
     */
    private void stats(HttpExchange ex) throws IOException {
        List<Long> at = arrivals();
        int n = at.size();
        double all = n < 2 ? 0 : (at.get(n - 1) - at.get(0)) / 1e9;
        double after = n < 3 ? 0 : (at.get(n - 1) - at.get(1)) / 1e9;
        String body = String.format(java.util.Locale.ROOT,
                "{\"requests\": %d, \"answered\": %d, \"seconds\": %.3f, \"rate\": %.2f, \"rateAfterFirst\": %.2f}%n",
                n, answered.get(), all, all > 0 ? (n - 1) / all : 0.0, after > 0 ? (n - 2) / after : 0.0);
        if (ex.getRequestURI().getQuery() != null && ex.getRequestURI().getQuery().contains("reset")) {
            arrivals.clear();
            requests.set(0);
            answered.set(0);
        }
        error(ex, 200, body);
    }

    private boolean overRate(long now) {
        synchronized (window) {
            while (!window.isEmpty() && now - window.peekFirst() >= 1_000_000_000L) window.pollFirst();
            if (window.size() >= ratePerSecond) return true;
            window.addLast(now);
            return false;
        }
    }

    private Fault nextFault() {
        synchronized (script) {
            if (!script.isEmpty()) return script.pollFirst();
        }
        synchronized (random) {
            if (faultRate <= 0 || random.nextDouble() >= faultRate) return Fault.NONE;
            Fault[] kinds = {Fault.TOO_MANY, Fault.ERROR_500, Fault.UNAVAILABLE_503, Fault.SLOW, Fault.RESET};
            return kinds[random.nextInt(kinds.length)];
        }
    }

    private static void error(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.sendResponseHeaders(status, b.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(b);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
