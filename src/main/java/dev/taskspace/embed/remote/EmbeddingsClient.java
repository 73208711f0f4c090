package dev.taskspace.embed.remote;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.taskspace.Version;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import javax.net.ssl.SSLException;

/**
 * One {@code POST {base}/embeddings} call of the OpenAI-compatible API, and what its answer
 * means: vectors (ordered by the answer's {@code index}, checked for count and finite values),
 * a failure worth retrying, a batch too large, or an error that ends the run.
 *
 * <p>Request body: {@code {"model": ..., "input": [...], "encoding_format": "base64",
 * "dimensions": n}} ({@code dimensions} only when asked for). Base64 (little-endian float32,
 * as OpenAI, vLLM and TEI send it) is a quarter of the bytes of decimal text and decodes without
 * a number parser; a server that refuses it (400 or 422 naming the encoding, before any success) is asked again with
 * {@code "float"}, and so is every later request. Answers in either form are read.
 *
 * <p>Bounded: a response body is read only up to {@link #bodyCap} bytes (what the batch's
 * vectors can take as decimal text, twice over); more, e.g. an endless chunked body, drops the
 * connection and ends the run with one line (not retried: the same server would send the same
 * again). An answer must also be complete within the timeout, however slowly it trickles.
 */
final class EmbeddingsClient {
    /** The batch-limit message of TEI and SiliconFlow, e.g. "batch size 64 > maximum allowed batch size 32". */
    private static final java.util.regex.Pattern BATCH_LIMIT = java.util.regex.Pattern.compile("(?i)maximum allowed batch size");
    /** A refusal of {@code encoding_format: base64}, e.g. TEI's "unknown variant `base64`, expected `float`". */
    private static final java.util.regex.Pattern ENCODING = java.util.regex.Pattern.compile("(?i)base64|encoding");
    /** The vector length assumed for the body cap while it is not known yet. */
    static final int UNKNOWN_DIMENSIONS = 16384;
    /** What an error answer is read of, for its message. */
    static final int ERROR_BODY_CAP = 64 * 1024;

    private final HttpClient http;
    private final URI endpoint;
    private final String model;
    private final int dimensions;
    private final ApiKey key;
    private final Duration timeout;
    private final ObjectMapper json = new ObjectMapper();
    private final AnswerParser parser = new AnswerParser(this::bad, this::snippet);
    private final Set<CompletableFuture<?>> inFlight = ConcurrentHashMap.newKeySet();
    private volatile boolean base64 = true; // false once the server refused it
    private volatile boolean answered; // a request succeeded: a later 400 is not about the encoding

    /** What one call came to (fatal errors are thrown as {@link ApiException} instead). */
    sealed interface Outcome permits Ok, Retry, TooLarge {}

    /** The raw vectors, {@code vectors[k]} for input k, and the tokens the server counted (0 if it did not say). */
    record Ok(float[][] vectors, long tokens) implements Outcome {}

    /**
     * A failure worth another try: 408, 429, 500, 502, 503, 504, no answer in time, a dropped
     * connection. {@code unreachable}: no connection could be made at all.
     */
    record Retry(String reason, int status, Duration retryAfter, boolean unreachable) implements Outcome {}

    /** 413: the batch is too large for the server. */
    record TooLarge(String reason) implements Outcome {}

    EmbeddingsClient(URI base, String model, int dimensions, ApiKey key, Duration timeout, Duration connectTimeout) {
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        String b = base.toString();
        this.endpoint = URI.create((b.endsWith("/") ? b.substring(0, b.length() - 1) : b) + "/embeddings");
        this.model = model;
        this.dimensions = dimensions;
        this.key = key;
        this.timeout = timeout;
    }

    /** Where requests go, without any user info, for messages. */
    String where() {
        return endpoint.getScheme() + "://" + endpoint.getHost() + (endpoint.getPort() >= 0 ? ":" + endpoint.getPort() : "")
                + endpoint.getRawPath();
    }

    /**
     * The most bytes an answer for {@code n} vectors of {@code dims} dimensions (0: not known
     * yet) may have: 32 bytes a value (the longest decimal float with its comma and spaces),
     * twice over, plus 1 MiB for the rest; at least 4,096 dimensions' worth, for servers that
     * ignore {@code dimensions}.
     */
    static long bodyCap(int n, int dims) {
        long d = dims > 0 ? Math.max(dims, 4096) : UNKNOWN_DIMENSIONS;
        return (1 << 20) + 2L * n * d * 32;
    }

    /** Whether requests ask for base64 vectors (until the server refuses them). */
    boolean base64() {
        return base64;
    }

    /** Sends {@code inputs} as one request, expecting vectors of {@code dims} dimensions (0: not known yet). */
    Outcome send(List<String> inputs, int dims) throws InterruptedException {
        boolean asBase64 = base64;
        HttpRequest.Builder rb = HttpRequest.newBuilder(endpoint).timeout(timeout)
                .header("Content-Type", "application/json").header("Accept", "application/json")
                .header("User-Agent", "taskspace/" + Version.get())
                .POST(HttpRequest.BodyPublishers.ofByteArray(body(inputs, asBase64)));
        if (key.present()) rb.header("Authorization", key.bearer());
        long cap = bodyCap(inputs.size(), dims);
        HttpResponse<BoundedBody> response;
        CompletableFuture<HttpResponse<BoundedBody>> call = http.sendAsync(rb.build(),
                BoundedBody.handler(status -> status >= 200 && status < 300 ? cap : ERROR_BODY_CAP));
        inFlight.add(call);
        try {
            // The client's own timeout ends at the headers: a body that trickles is bounded here.
            response = call.get(timeout.toMillis() + 1000, TimeUnit.MILLISECONDS);
        } catch (CancellationException e) {
            throw new InterruptedException("cancelled");
        } catch (InterruptedException e) {
            call.cancel(true);
            throw e;
        } catch (TimeoutException e) {
            call.cancel(true);
            return new Retry("no complete answer within " + timeout.toMillis() / 1000.0 + " s", 0, null, false);
        } catch (ExecutionException e) {
            return failed(e.getCause());
        } finally {
            inFlight.remove(call);
        }
        int s = response.statusCode();
        if (asBase64 && !answered && (s == 400 || s == 422) && ENCODING.matcher(serverMessage(response.body().bytes())).find()) {
            base64 = false; // e.g. TEI's "unknown variant `base64`" or an older server's validation error: ask for decimals
            return send(inputs, dims);
        }
        if (s >= 200 && s < 300 && response.body().overflowed()) {
            throw new ApiException("the server at " + where() + " sent more than " + cap / 1_000_000 + " MB for " + inputs.size()
                    + " texts (the most " + inputs.size() + " vectors of " + (dims > 0 ? dims + "" : "up to " + UNKNOWN_DIMENSIONS)
                    + " dimensions take, with margin); not retried, the answer was cut: is --api-base an embeddings API?", s);
        }
        Outcome o = answer(response.statusCode(), response.headers(), response.body(), inputs.size());
        if (o instanceof Ok) answered = true;
        return o;
    }

    /** Abandons every request in flight: their senders see {@link InterruptedException}. */
    void cancelAll() {
        for (CompletableFuture<?> f : inFlight) f.cancel(true);
    }

    /** What a request that got no answer came to. */
    private Outcome failed(Throwable e) {
        if (e instanceof HttpConnectTimeoutException) return new Retry("could not connect in time", 0, null, true);
        if (e instanceof HttpTimeoutException) return new Retry("no answer within " + timeout.toMillis() / 1000.0 + " s", 0, null, false);
        if (e instanceof UnresolvedAddressException || e.getCause() instanceof UnresolvedAddressException) {
            return new Retry("cannot resolve the host " + endpoint.getHost(), 0, null, true);
        }
        if (e instanceof ConnectException) {
            return new Retry("cannot connect (" + (e.getMessage() == null ? "connection refused" : e.getMessage()) + ")", 0, null, true);
        }
        if (e instanceof SSLException) throw new ApiException("TLS with " + where() + " failed: " + key.redact(e.getMessage()), 0, e);
        if (e instanceof IOException) return new Retry("connection lost (" + key.redact(String.valueOf(e.getMessage())) + ")", 0, null, false);
        throw new ApiException("the request to " + where() + " failed: " + key.redact(String.valueOf(e)), 0, e);
    }

    private byte[] body(List<String> inputs, boolean asBase64) {
        ObjectNode b = json.createObjectNode();
        b.put("model", model);
        ArrayNode in = b.putArray("input");
        inputs.forEach(in::add);
        b.put("encoding_format", asBase64 ? "base64" : "float");
        if (dimensions > 0) b.put("dimensions", dimensions);
        try {
            return json.writeValueAsBytes(b);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write a JSON request", e);
        }
    }

    private Outcome answer(int s, HttpHeaders headers, BoundedBody body, int n) {
        if (s >= 200 && s < 300) return parse(body, n);
        String said = serverMessage(body.bytes());
        String reason = "HTTP " + s + (said.isEmpty() ? "" : ": " + said);
        Duration after = Backoff.parseRetryAfter(headers.firstValue("Retry-After").orElse(null), Instant.now());
        // A batch over the server's limit: 413 from most servers; TEI answers 422 and SiliconFlow
        // 400, both saying "... > maximum allowed batch size N". Split it, as for 413.
        if ((s == 400 || s == 422) && BATCH_LIMIT.matcher(said).find()) return new TooLarge(reason);
        switch (s) {
            case 408, 429, 500, 502, 503, 504:
                return new Retry(reason, s, after, false);
            case 413:
                return new TooLarge(reason);
            case 401:
                throw new ApiException(key.present()
                        ? "the server at " + where() + " rejected " + key + " (" + reason + "): check the key"
                        : "the server at " + where() + " wants an API key (" + reason + "): set " + ApiKey.GENERIC
                                + " (or SILICONFLOW_API_KEY for SiliconFlow) in the environment or in .env", s);
            case 403:
                throw new ApiException("the server at " + where() + " refused " + key + " access (" + reason
                        + "): the key may not be allowed model " + model, s);
            case 404:
                throw new ApiException("the server at " + where() + " answered " + reason + ": check --api-base (the "
                        + "address before /embeddings, e.g. http://localhost:11434/v1) and --api-model " + model, s);
            default:
                throw new ApiException("the server at " + where() + " rejected the request (" + reason + "; model " + model
                        + ", " + n + " texts)", s);
        }
    }

    private Outcome parse(BoundedBody body, int n) {
        Ok ok = parser.parse(body.buffer(), body.length(), n);
        if (ok == null) {
            throw new ApiException("the server at " + where() + " answered without embeddings (it sent: \""
                    + snippet(new String(body.bytes(), StandardCharsets.UTF_8)) + "\"): is --api-base an embeddings API?", 200);
        }
        return ok;
    }

    private ApiException bad(String what) {
        return new ApiException("the server at " + where() + " sent unusable embeddings: " + what, 200);
    }

    /** The error message in a server's answer: error.message, message, error or detail; else its first line. */
    private String serverMessage(byte[] body) {
        String text = new String(body, StandardCharsets.UTF_8);
        try {
            JsonNode n = json.readTree(body);
            if (n != null) {
                for (JsonNode m : List.of(n.path("error").path("message"), n.path("message"), n.path("error"), n.path("detail"))) {
                    if (m.isTextual() && !m.asText().isBlank()) return snippet(m.asText());
                }
            }
        } catch (IOException notJson) {
            // plain text
        }
        return snippet(text);
    }

    private String snippet(String s) {
        String one = key.redact(s).replaceAll("\\s+", " ").strip();
        return one.length() > 200 ? one.substring(0, 200) + "…" : one;
    }
}
