package dev.taskspace.hub;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.taskspace.Reporter;
import dev.taskspace.TaskspaceException;
import dev.taskspace.testing.LoopbackServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Where the cache is, which hub is asked, and when downloads are off: read from the environment as huggingface_hub reads it. */
class HfHubEnvironmentTest {
    private static final String HOME = "/home/someone";

    @TempDir
    Path tmp;

    private static HfHub hub(String... env) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < env.length; i += 2) map.put(env[i], env[i + 1]);
        return HfHub.fromEnvironment(map, HOME);
    }

    @Test
    @DisplayName("defaults: ~/.cache/huggingface/hub, https://huggingface.co, online")
    void defaults() {
        HfHub hub = hub();

        assertThat(hub.cacheRoot()).isEqualTo(Path.of(HOME, ".cache", "huggingface", "hub"));
        assertThat(hub.endpoint()).isEqualTo("https://huggingface.co");
        assertThat(hub.offline()).isFalse();
    }

    @Test
    @DisplayName("precedence: HF_HUB_CACHE, then the legacy HUGGINGFACE_HUB_CACHE, then $HF_HOME/hub, then $XDG_CACHE_HOME/huggingface/hub")
    void cachePrecedence() {
        assertThat(hub("XDG_CACHE_HOME", "/xdg").cacheRoot()).isEqualTo(Path.of("/xdg/huggingface/hub"));
        assertThat(hub("XDG_CACHE_HOME", "/xdg", "HF_HOME", "/hf").cacheRoot()).isEqualTo(Path.of("/hf/hub"));
        assertThat(hub("HF_HOME", "/hf", "HUGGINGFACE_HUB_CACHE", "/legacy").cacheRoot()).isEqualTo(Path.of("/legacy"));
        assertThat(hub("HF_HOME", "/hf", "HUGGINGFACE_HUB_CACHE", "/legacy", "HF_HUB_CACHE", "/hub-cache").cacheRoot())
                .isEqualTo(Path.of("/hub-cache"));
    }

    @Test
    @DisplayName("~ in a path means the user's home, and blank variables count as unset")
    void tildeAndBlanks() {
        assertThat(hub("HF_HOME", "~/hf").cacheRoot()).isEqualTo(Path.of(HOME, "hf", "hub"));
        assertThat(hub("HF_HUB_CACHE", "~").cacheRoot()).isEqualTo(Path.of(HOME));
        assertThat(hub("HF_HOME", " ", "HF_HUB_CACHE", "", "HF_ENDPOINT", "").cacheRoot())
                .isEqualTo(Path.of(HOME, ".cache", "huggingface", "hub"));
        assertThat(hub("HF_ENDPOINT", " ").endpoint()).isEqualTo("https://huggingface.co");
    }

    @Test
    @DisplayName("HF_ENDPOINT is used without its trailing slash; one that is not an http(s) address is refused in one line")
    void endpoint() {
        assertThat(hub("HF_ENDPOINT", "https://hf-mirror.example/").endpoint()).isEqualTo("https://hf-mirror.example");
        assertThat(hub("HF_ENDPOINT", "http://127.0.0.1:8080/prefix").endpoint()).isEqualTo("http://127.0.0.1:8080/prefix");
        for (String bad : List.of("huggingface.co", "ftp://x.example", "https://", "http://x.example/?a=b")) {
            assertThat(catchThrowableOfType(TaskspaceException.class, () -> hub("HF_ENDPOINT", bad))).as(bad)
                    .hasMessageContaining("is not an http(s) address");
        }
    }

    @ParameterizedTest(name = "HF_HUB_OFFLINE={0}")
    @ValueSource(strings = {"1", "true", "TRUE", "yes", "on"})
    @DisplayName("HF_HUB_OFFLINE (or TRANSFORMERS_OFFLINE) set to a true value switches downloads off")
    void offlineValues(String value) {
        assertThat(hub("HF_HUB_OFFLINE", value).offline()).isTrue();
        assertThat(hub("TRANSFORMERS_OFFLINE", value).offline()).isTrue();
    }

    @ParameterizedTest(name = "HF_HUB_OFFLINE={0}")
    @ValueSource(strings = {"0", "false", "no", "off", ""})
    @DisplayName("other values of HF_HUB_OFFLINE leave downloads on, and withOffline switches both ways")
    void onlineValues(String value) {
        HfHub hub = hub("HF_HUB_OFFLINE", value);
        assertThat(hub.offline()).isFalse();
        assertThat(hub.withOffline(true).offline()).isTrue();
        assertThat(hub.withOffline(true).withOffline(false).offline()).isFalse();
    }

    @Test
    @DisplayName("a fetch honours HF_HUB_CACHE and HF_ENDPOINT: files land under HF_HUB_CACHE, not under HF_HOME")
    void fetchHonoursTheEnvironment() {
        try (LoopbackServer server = LoopbackServer.start(); LoopbackServer cdn = LoopbackServer.start()) {
            FakeHub fake = FakeHub.standard(server, cdn).serve();
            Map<String, String> env = fake.env(tmp.resolve("hf-home"), "HF_HUB_CACHE", tmp.resolve("elsewhere").toString());

            Snapshot s = HfHub.fromEnvironment(env, tmp.toString()).fetch(FakeHub.REPO, "main", List.of("tokenizer.json"),
                    Reporter.SILENT);

            assertThat(s.file("tokenizer.json")).startsWith(tmp.resolve("elsewhere"));
            assertThat(Files.exists(fake.repoFolder(tmp.resolve("elsewhere")).resolve("refs/main"))).isTrue();
            assertThat(tmp.resolve("hf-home")).doesNotExist();
            assertThat(server.requests(fake.listingPath("main"))).isEqualTo(1);
        }
    }

    @Test
    @DisplayName("toString names the cache and endpoint but never the token")
    void toStringHidesToken() {
        HfHub hub = hub("HF_TOKEN", "hf_do_not_show");

        assertThat(hub.toString()).contains(".cache").contains("https://huggingface.co").doesNotContain("hf_do_not_show");
    }
}
