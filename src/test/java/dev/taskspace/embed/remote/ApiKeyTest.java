package dev.taskspace.embed.remote;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where the API key comes from, which servers get it, and that it never shows. */
class ApiKeyTest {
    static final URI SILICONFLOW = URI.create("https://api.siliconflow.com/v1");
    static final URI LOCAL = URI.create("http://127.0.0.1:11434/v1");

    @TempDir
    Path dir;

    @Test
    void theGenericKeyGoesToAnyServer() {
        ApiKey k = ApiKey.resolve(Map.of("TASKSPACE_API_KEY", " sk-generic \n"), dir, LOCAL);
        assertThat(k.present()).isTrue();
        assertThat(k.bearer()).isEqualTo("Bearer sk-generic");
        assertThat(k.source()).isEqualTo("TASKSPACE_API_KEY");
    }

    @Test
    void aProvidersKeyGoesOnlyToThatProvidersHosts() {
        Map<String, String> env = Map.of("SILICONFLOW_API_KEY", "sk-sf", "OPENAI_API_KEY", "sk-oa");
        assertThat(ApiKey.resolve(env, dir, SILICONFLOW).bearer()).isEqualTo("Bearer sk-sf");
        assertThat(ApiKey.resolve(env, dir, URI.create("https://api.siliconflow.cn/v1")).bearer()).isEqualTo("Bearer sk-sf");
        assertThat(ApiKey.resolve(env, dir, URI.create("https://api.openai.com/v1")).bearer()).isEqualTo("Bearer sk-oa");
        assertThat(ApiKey.resolve(env, dir, LOCAL).present()).isFalse();
        assertThat(ApiKey.resolve(env, dir, URI.create("https://siliconflow.com.evil.example/v1")).present()).isFalse();
    }

    @Test
    void theEnvironmentWinsOverDotEnvWhichWinsOverNothing() throws IOException {
        Files.writeString(dir.resolve(".env"), """
                # keys
                export SILICONFLOW_API_KEY="sk-from-file" # quoted
                TASKSPACE_API_KEY = 'sk-generic-file'
                OTHER=1
                """);
        assertThat(ApiKey.resolve(Map.of(), dir, SILICONFLOW).bearer()).isEqualTo("Bearer sk-generic-file");
        assertThat(ApiKey.resolve(Map.of("TASKSPACE_API_KEY", "sk-env"), dir, SILICONFLOW).bearer()).isEqualTo("Bearer sk-env");
        assertThat(ApiKey.readDotEnv(dir.resolve(".env"))).containsEntry("SILICONFLOW_API_KEY", "sk-from-file")
                .containsEntry("OTHER", "1");
        Files.writeString(dir.resolve(".env"), "SILICONFLOW_API_KEY=sk-plain # comment\n");
        ApiKey k = ApiKey.resolve(Map.of(), dir, SILICONFLOW);
        assertThat(k.bearer()).isEqualTo("Bearer sk-plain");
        assertThat(k.source()).isEqualTo("SILICONFLOW_API_KEY in " + dir.resolve(".env"));
    }

    @Test
    void theKeyNeverShowsInTextAboutIt() {
        ApiKey k = ApiKey.of("sk-secret-123", "TASKSPACE_API_KEY");
        assertThat(k.toString()).isEqualTo("the API key from TASKSPACE_API_KEY").doesNotContain("sk-secret");
        assertThat(k.redact("invalid key sk-secret-123 given")).isEqualTo("invalid key [API key] given");
        assertThatThrownBy(() -> ApiKey.resolve(Map.of("TASKSPACE_API_KEY", "sk-sec ret"), dir, LOCAL))
                .hasMessageContaining("TASKSPACE_API_KEY has a character an HTTP header cannot carry (at position 7)")
                .hasMessageNotContaining("sk-sec");
    }
}
