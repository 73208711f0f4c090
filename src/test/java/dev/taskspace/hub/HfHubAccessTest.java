package dev.taskspace.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.testing.LoopbackServer;
import dev.taskspace.testing.LoopbackServer.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The token, and what the hub's refusals turn into: one line that says what to do, never the token. */
@Timeout(30)
class HfHubAccessTest {
    private static final String TOKEN = "hf_s3cretTOKENvalue";
    private static final List<String> FILES = List.of("onnx/model.onnx", "tokenizer.json");

    @TempDir
    Path tmp;

    LoopbackServer server;
    LoopbackServer cdn;
    FakeHub fake;

    @BeforeEach
    void start() {
        server = LoopbackServer.start();
        cdn = LoopbackServer.start();
        fake = FakeHub.standard(server, cdn);
    }

    @AfterEach
    void stop() {
        server.close();
        cdn.close();
    }

    HfHub hub(String... env) {
        return HfHub.fromEnvironment(fake.env(tmp.resolve("hf-home"), env), tmp.resolve("home").toString());
    }

    @Test
    @DisplayName("HF_TOKEN reaches the hub as a Bearer header, but not the CDN on another origin that a download is redirected to")
    void tokenGoesToTheHubOnly() {
        fake.serve();

        hub("HF_TOKEN", TOKEN).fetch(FakeHub.REPO, "main", FILES, Reporter.SILENT);

        assertThat(server.received(fake.listingPath("main"))).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer " + TOKEN);
        assertThat(server.received(fake.resolvePath("onnx/model.onnx"))).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer " + TOKEN);
        assertThat(server.received(fake.resolvePath("tokenizer.json"))).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer " + TOKEN);
        assertThat(cdn.received(fake.cdnPath("onnx/model.onnx"))).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isNull());
        assertThat(server.received(fake.listingPath("main")).get(0).header("User-Agent")).startsWith("taskspace/");
    }

    @Test
    @DisplayName("a redirect to another path of the same origin keeps the token")
    void sameOriginRedirectKeepsToken() {
        fake.serve();
        server.on(fake.resolvePath("onnx/model.onnx"), Response.redirect(server.uri("/cdn/model")));
        server.on("/cdn/model", Response.bytes(fake.file("onnx/model.onnx").content()));

        hub("HF_TOKEN", TOKEN).fetch(FakeHub.REPO, "main", List.of("onnx/model.onnx"), Reporter.SILENT);

        assertThat(server.received("/cdn/model")).singleElement()
                .satisfies(r -> assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN));
    }

    @Test
    @DisplayName("without HF_TOKEN the token file that `hf auth login` writes ($HF_HOME/token) is used; HF_TOKEN wins over it")
    void tokenFile() throws IOException {
        fake.serve();
        Files.createDirectories(tmp.resolve("hf-home"));
        Files.writeString(tmp.resolve("hf-home/token"), "hf_fromFile\n");

        hub().list(FakeHub.REPO, "main");
        hub("HF_TOKEN", TOKEN).list(FakeHub.REPO, "main");
        hub("HF_HUB_DISABLE_IMPLICIT_TOKEN", "1").list(FakeHub.REPO, "main");

        assertThat(server.received(fake.listingPath("main"))).extracting(r -> r.header("Authorization"))
                .containsExactly("Bearer hf_fromFile", "Bearer " + TOKEN, null);
    }

    @Test
    @DisplayName("404: no such model, named with the endpoint")
    void noSuchModel() {
        server.on(fake.listingPath("main"), Response.status(404).withHeader("X-Error-Code", "RepoNotFound"));

        TaskspaceException e = fails(hub());

        assertThat(e.getMessage()).isEqualTo("no model " + FakeHub.REPO + " at " + fake.endpoint()
                + " (HTTP 404): check the id; if the model is private, set HF_TOKEN to a token that can read it");
        assertThat(e).isInstanceOfSatisfying(HubException.class, h -> {
            assertThat(h.status()).isEqualTo(404);
            assertThat(h.unreachable()).isFalse();
        });
    }

    @Test
    @DisplayName("404 for a revision: the revision is named")
    void noSuchRevision() {
        server.on(fake.listingPath("v9"), Response.status(404).withHeader("X-Error-Code", "RevisionNotFound"));

        TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                () -> hub().fetch(FakeHub.REPO, "v9", FILES, Reporter.SILENT));

        assertThat(e).hasMessageStartingWith("model " + FakeHub.REPO + " has no revision 'v9' (HTTP 404)");
    }

    @Test
    @DisplayName("401 without a token: set HF_TOKEN")
    void unauthorizedWithoutToken() {
        server.on(fake.listingPath("main"), Response.status(401));

        TaskspaceException e = fails(hub());

        assertThat(e.getMessage()).isEqualTo("model " + FakeHub.REPO + " needs a Hugging Face token (HTTP 401: it is private"
                + " or gated): set HF_TOKEN to a read token from https://huggingface.co/settings/tokens");
        assertThat(catchThrowableOfType(HubException.class, () -> hub().list(FakeHub.REPO, "main")).status()).isEqualTo(401);
    }

    @Test
    @DisplayName("a gated model: accept its terms, then set HF_TOKEN")
    void gated() {
        server.on(fake.listingPath("main"), Response.status(403).withHeader("X-Error-Code", "GatedRepo"));

        TaskspaceException e = fails(hub());

        assertThat(e.getMessage()).contains("is gated (HTTP 403)").contains(fake.endpoint() + "/" + FakeHub.REPO)
                .contains("set HF_TOKEN");
    }

    @ParameterizedTest(name = "HTTP {0}")
    @ValueSource(ints = {401, 403, 404, 429, 500})
    @DisplayName("a refused token is reported by where it came from, never by its value, even when the server echoes it")
    void tokenNeverInMessages(int status) {
        server.on(fake.listingPath("main"), Response.status(status)
                .withHeader("X-Error-Message", "Invalid credentials in Authorization header: Bearer " + TOKEN));

        TaskspaceException e = fails(hub("HF_TOKEN", TOKEN));

        assertThat(e.getMessage()).doesNotContain(TOKEN).doesNotContain("s3cret").doesNotContain("\n")
                .contains("HTTP " + status).contains("Bearer ***");
        if (status == 401) assertThat(e.getMessage()).contains("the Hugging Face token from HF_TOKEN was refused");
        for (Throwable t = e; t != null; t = t.getCause()) assertThat(String.valueOf(t.getMessage())).doesNotContain(TOKEN);
        assertThat(hub("HF_TOKEN", TOKEN).toString()).doesNotContain(TOKEN);
    }

    @Test
    @DisplayName("a file download refused with 403 fails in one line without the token")
    void downloadRefused() {
        fake.serve();
        server.on(fake.resolvePath("onnx/model.onnx"), Response.status(403));

        TaskspaceException e = fails(hub("HF_TOKEN", TOKEN));

        assertThat(e.getMessage()).contains("HTTP 403").doesNotContain(TOKEN).doesNotContain("\n");
    }

    @Test
    @DisplayName("a repository renamed on the hub (a redirect of the listing) is followed")
    void renamedRepository() {
        fake.serve();
        server.on("/api/models/old-org/tiny-embedder/revision/main",
                Response.status(307).withHeader("Location", fake.listingPath("main") + "?blobs=true"));

        RepoListing listing = hub("HF_TOKEN", TOKEN).list("old-org/tiny-embedder", "main");

        assertThat(listing.commit()).isEqualTo(FakeHub.COMMIT);
        assertThat(server.received(fake.listingPath("main")).get(0).header("Authorization")).isEqualTo("Bearer " + TOKEN);
    }

    @Test
    @DisplayName("an answer that is not a listing is reported as such")
    void notAListing() {
        server.on(fake.listingPath("main"), Response.bytes("<html>captive portal</html>".getBytes()));

        TaskspaceException e = fails(hub());

        assertThat(e.getMessage()).startsWith("unexpected answer from " + fake.endpoint() + " listing model " + FakeHub.REPO
                + ": not a model listing");
    }

    private TaskspaceException fails(HfHub hub) {
        TaskspaceException e = catchThrowableOfType(TaskspaceException.class,
                () -> hub.fetch(FakeHub.REPO, "main", FILES, Reporter.SILENT));
        assertThat(e).as("fetch should fail; hub saw %s", server).isNotNull();
        assertThat(e.getMessage()).doesNotContain("\n");
        return e;
    }
}
