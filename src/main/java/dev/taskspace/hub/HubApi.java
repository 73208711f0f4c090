package dev.taskspace.hub;

import dev.taskspace.Version;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.channels.UnresolvedAddressException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The hub's HTTP side: its URLs, the request headers (with the token), and the listing call
 * with error messages that say what to do. The token is sent only to the endpoint's own
 * origin and never appears in a message.
 */
final class HubApi {
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration ANSWER_TIMEOUT = Duration.ofSeconds(30);
    private static final int MAX_REDIRECTS = 5;
    private static final int MAX_LISTING_BYTES = 32 << 20;

    private final String endpoint;
    private final String token;
    private final String tokenSource;

    /**
     * @param endpoint    e.g. {@code https://huggingface.co}, without a trailing slash
     * @param token       the access token, or null
     * @param tokenSource where the token came from, for messages (e.g. {@code HF_TOKEN}); never the token
     */
    HubApi(String endpoint, String token, String tokenSource) {
        this.endpoint = endpoint;
        this.token = token;
        this.tokenSource = tokenSource;
    }

    String endpoint() {
        return endpoint;
    }

    /** The model's page, e.g. {@code https://huggingface.co/onnx-community/Qwen3-Embedding-0.6B-ONNX}. */
    String repoUrl(String repoId) {
        return endpoint + "/" + repoId;
    }

    /** Where a file of a commit is served: {@code {endpoint}/{repo}/resolve/{commit}/{path}} (usually a redirect to a CDN). */
    URI resolveUri(String repoId, String commit, String path) {
        String encoded = Stream.of(path.split("/")).map(HubApi::encode).collect(Collectors.joining("/"));
        return URI.create(endpoint + "/" + repoId + "/resolve/" + commit + "/" + encoded);
    }

    URI listingUri(String repoId, String revision) {
        return URI.create(endpoint + "/api/models/" + repoId + "/revision/" + encode(revision) + "?blobs=true");
    }

    /** The headers of every request to the endpoint: a User-Agent and, with a token, {@code Authorization: Bearer …}. */
    Map<String, String> headers() {
        Map<String, String> h = new LinkedHashMap<>();
        h.put("User-Agent", "taskspace/" + Version.get());
        if (token != null) h.put("Authorization", "Bearer " + token);
        return h;
    }

    /** Lists the files of {@code repoId} at {@code revision}, with sizes and hashes. */
    RepoListing list(String repoId, String revision) {
        URI uri = listingUri(repoId, revision);
        HttpClient client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
        Map<String, String> headers = headers();
        for (int hops = 0; ; hops++) {
            HttpRequest.Builder rb = HttpRequest.newBuilder(uri).GET().timeout(ANSWER_TIMEOUT);
            headers.forEach(rb::header);
            HttpResponse<InputStream> response = send(client, rb.build(), uri, repoId);
            int status = response.statusCode();
            Optional<String> location = response.headers().firstValue("Location");
            if (status / 100 == 3 && location.isPresent() && hops < MAX_REDIRECTS) {
                close(response);
                uri = redirect(uri, location.get(), repoId, headers); // a renamed repository redirects to its new name
                continue;
            }
            if (status != 200) {
                close(response);
                throw new HubException(statusMessage(repoId, revision, status, response), false, status, null);
            }
            byte[] body = read(response, uri, repoId);
            try {
                return RepoListing.parse(repoId, body);
            } catch (IOException e) {
                throw new HubException("unexpected answer from " + endpoint + " listing model " + repoId
                        + ": not a model listing (" + Names.oneLine(String.valueOf(e.getMessage())) + ")", false, 0, e);
            }
        }
    }

    /** The next address, dropping the token when it leaves the origin; HTTPS to HTTP is refused. */
    private static URI redirect(URI from, String location, String repoId, Map<String, String> headers) {
        URI next;
        try {
            next = from.resolve(location.trim());
        } catch (IllegalArgumentException e) {
            throw new HubException("listing model " + repoId + " at " + from.getHost()
                    + " failed: it redirects to an invalid address", false, 0, e);
        }
        boolean downgrade = "https".equalsIgnoreCase(from.getScheme()) && !"https".equalsIgnoreCase(next.getScheme());
        if (downgrade || next.getHost() == null) {
            throw new HubException("listing model " + repoId + " at " + from.getHost() + " failed: it redirects to "
                    + (downgrade ? "plain HTTP" : "an invalid address"), false, 0, null);
        }
        if (!next.getScheme().equalsIgnoreCase(from.getScheme()) || !sameOrigin(from, next)) headers.remove("Authorization");
        return next;
    }

    private HttpResponse<InputStream> send(HttpClient client, HttpRequest request, URI uri, String repoId) {
        try {
            return client.send(request, HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new HubException("no answer from " + uri.getHost() + " within " + ANSWER_TIMEOUT.toSeconds()
                    + " s while listing model " + repoId, true, 0, e);
        } catch (ConnectException | UnresolvedAddressException e) {
            throw unreachable(uri, repoId, e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnresolvedAddressException || e.getCause() instanceof ConnectException) {
                throw unreachable(uri, repoId, e);
            }
            throw new HubException("listing model " + repoId + " at " + uri.getHost() + " failed: " + describe(e), true, 0, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HubException("listing model " + repoId + " was interrupted", true, 0, e);
        }
    }

    private byte[] read(HttpResponse<InputStream> response, URI uri, String repoId) {
        try (InputStream in = response.body()) {
            byte[] body = in.readNBytes(MAX_LISTING_BYTES + 1);
            if (body.length > MAX_LISTING_BYTES) {
                throw new HubException("the listing of model " + repoId + " from " + uri.getHost()
                        + " is larger than " + (MAX_LISTING_BYTES >> 20) + " MB; that is not a model listing", false, 0, null);
            }
            return body;
        } catch (IOException e) {
            throw new HubException("listing model " + repoId + " at " + uri.getHost() + " broke off: " + describe(e), true, 0, e);
        }
    }

    /** What a failed status means for the user, using the hub's {@code X-Error-Code} where it gives one. */
    private String statusMessage(String repoId, String revision, int status, HttpResponse<?> response) {
        String code = response.headers().firstValue("X-Error-Code").orElse("");
        String page = repoUrl(repoId);
        String http = "HTTP " + status;
        String msg;
        if (code.equals("GatedRepo")) {
            msg = token == null
                    ? "model " + repoId + " is gated (" + http + "): accept its terms at " + page
                            + " while signed in, then set HF_TOKEN to a read token of that account"
                    : "model " + repoId + " is gated and the token from " + tokenSource + " has no access yet (" + http
                            + "): accept its terms at " + page + " with that token's account";
        } else if (code.equals("RevisionNotFound")) {
            msg = "model " + repoId + " has no revision '" + revision + "' (" + http + "): use a branch, tag or commit of "
                    + page;
        } else if (status == 404 || code.equals("RepoNotFound")) {
            msg = token == null
                    ? "no model " + repoId + " at " + endpoint + " (" + http + "): check the id; if the model is private,"
                            + " set HF_TOKEN to a token that can read it"
                    : "no model " + repoId + " at " + endpoint + " that the token from " + tokenSource + " can read ("
                            + http + "): check the id and the token's access";
        } else if (status == 401 || status == 403) {
            msg = token == null
                    ? "model " + repoId + " needs a Hugging Face token (" + http + ": it is private or gated): set HF_TOKEN"
                            + " to a read token from https://huggingface.co/settings/tokens"
                    : "the Hugging Face token from " + tokenSource + " was refused for model " + repoId + " (" + http
                            + "): check that it is valid and can read the model";
        } else if (status == 429) {
            msg = endpoint + " is limiting requests (" + http + ") while listing model " + repoId
                    + ": wait a minute and try again";
        } else if (status >= 500) {
            msg = endpoint + " failed (" + http + ") while listing model " + repoId + ": try again later";
        } else {
            msg = "unexpected " + http + " from " + endpoint + " while listing model " + repoId;
        }
        Optional<String> said = response.headers().firstValue("X-Error-Message").map(this::scrub).filter(s -> !s.isBlank());
        return said.map(s -> msg + " (the hub says: " + s + ")").orElse(msg);
    }

    /** A server's text made fit for a message: one line, short, and without the token should the server echo it. */
    private String scrub(String text) {
        String s = token == null ? text : text.replace(token, "***");
        return Names.oneLine(s);
    }

    private HubException unreachable(URI uri, String repoId, Exception e) {
        return new HubException("cannot reach " + uri.getHost() + " to list model " + repoId + " (" + describe(e) + ")",
                true, 0, e);
    }

    private static boolean sameOrigin(URI a, URI b) {
        return a.getHost() != null && a.getHost().equalsIgnoreCase(b.getHost()) && port(a) == port(b);
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static void close(HttpResponse<InputStream> response) {
        try {
            response.body().close();
        } catch (IOException ignored) {
            // nothing to read from it anyway
        }
    }

    private static String describe(Throwable e) {
        String m = e.getMessage();
        String name = e.getClass().getSimpleName();
        return m == null || m.isBlank() ? name : name + ": " + Names.oneLine(m);
    }

    private static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
