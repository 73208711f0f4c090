package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.TaskspaceException;
import dev.taskspace.map.MapArtefact;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Beyond loopback every request needs the access token, and a foreign Host is refused (DNS rebinding). */
class AccessTest {
    @TempDir
    Path dir;
    PageServer server;

    @AfterEach
    void stop() {
        if (server != null) server.close();
    }

    PageServer startOnAllAddresses(String token) throws IOException {
        MapArtefact.write(dir.resolve("map"), TestMaps.small(false));
        server = PageServer.start(dir.resolve("map"), InetAddress.getByName("0.0.0.0"), 0, LiveTasks.unavailable("no"),
                PageServer.Settings.DEFAULT.withToken(token).withAllowedHosts(Set.of("taskspace.lab.example")));
        return server;
    }

    RawHttp.Response get(String target, String headers) throws IOException {
        return RawHttp.send(server.port(), "GET " + target + " HTTP/1.1\r\n" + headers, null);
    }

    @Test
    void everyRequestNeedsTheTokenFromTheAddressACookieOrABearerHeader() throws IOException {
        startOnAllAddresses(null);
        String token = server.token();
        assertThat(token).matches("[0-9a-f]{32}");
        assertThat(server.uri().toString()).isEqualTo("http://127.0.0.1:" + server.port() + "/?token=" + token);
        String host = "Host: 127.0.0.1:" + server.port();
        for (String path : new String[] {"/", "/map/map.json", "/config.json", "/api/jobs/x", "/app/main.js"}) {
            RawHttp.Response none = get(path, host);
            assertThat(none.status()).as(path).isEqualTo(401);
            assertThat(none.text()).as(path).contains("access token").doesNotContain(token);
        }
        assertThat(get("/map/map.json?token=" + "0".repeat(32), host).status()).isEqualTo(401);
        RawHttp.Response opened = get("/?token=" + token, host);
        assertThat(opened.status()).isEqualTo(200);
        String cookie = opened.header("Set-Cookie");
        assertThat(cookie).startsWith(Access.cookieName(server.port()) + "=" + token).contains("HttpOnly").contains("SameSite=Strict");
        // the page's own requests carry the cookie
        assertThat(get("/map/map.json", host + "\r\nCookie: other=1; " + Access.cookieName(server.port()) + "=" + token).status()).isEqualTo(200);
        assertThat(get("/map/map.json", host + "\r\nCookie: " + Access.cookieName(server.port() + 1) + "=" + token).status()).isEqualTo(401);
        assertThat(get("/config.json", host + "\r\nAuthorization: Bearer " + token).status()).isEqualTo(200);
        assertThat(get("/config.json", "Host: taskspace.lab.example:" + server.port() + "\r\nAuthorization: Bearer " + token).status())
                .as("a name given with --allow-host").isEqualTo(200);
    }

    @Test
    void dnsRebindingFailsEvenWithTheToken() throws IOException {
        startOnAllAddresses("a-token-given-by-the-user");
        assertThat(server.token()).isEqualTo("a-token-given-by-the-user");
        // evil.example now resolves to this machine; the browser sends its own name as Host
        RawHttp.Response r = get("/map/documents.json?token=a-token-given-by-the-user", "Host: evil.example:" + server.port());
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.header("Set-Cookie")).isNull();
        assertThat(RawHttp.postJson(server.port(), "/api/tasks", "{}").status()).as("no token").isEqualTo(401);
        RawHttp.Response api = RawHttp.send(server.port(), "POST /api/tasks HTTP/1.1\r\nHost: evil.example\r\nContent-Type: application/json\r\n"
                + "Content-Length: 2", "{}".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        assertThat(api.status()).isEqualTo(403);
        assertThat(api.header("Content-Type")).as("API refusals are JSON").startsWith("application/json");
    }

    @Test
    void aShortTokenIsRefusedWithWhatToDo() {
        assertThatThrownBy(() -> startOnAllAddresses("short")).isInstanceOf(TaskspaceException.class)
                .hasMessageContaining("16 to 128").hasMessageContaining("--token");
    }

    @Test
    void loopbackNeedsNoToken() throws IOException {
        MapArtefact.write(dir.resolve("map"), TestMaps.small(false));
        server = PageServer.start(dir.resolve("map"), InetAddress.getLoopbackAddress(), 0, LiveTasks.unavailable("no"));
        assertThat(server.token()).isNull();
        assertThat(server.uri().toString()).doesNotContain("token");
        assertThat(get("/", "Host: localhost").status()).isEqualTo(200);
    }
}
