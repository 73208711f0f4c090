package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RequestPathTest {
    @ParameterizedTest
    @ValueSource(strings = {"/", "/index.html", "/app/main.js", "/map/coords.f32", "/api/jobs/0a1b2c", "/favicon.svg"})
    void plainPathsPass(String raw) throws RequestPath.BadPath {
        assertThat(RequestPath.check(raw)).isEqualTo(raw.substring(1));
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "/../etc/passwd", "/map/../map.json", "/..", "/map/..", "/./index.html", "/map/./map.json",
        "/%2e%2e/etc/passwd", "/%2E%2E/%2E%2E/etc/passwd", "/map/%2e%2e%2fmap.json", "/map%2fmap.json", "/%2fetc/passwd",
        "/%252e%252e/etc", "/..%2f..%2fetc/passwd", "/%00", "//etc/passwd", "/app//main.js", "/index.html/",
        "/.taskspace-site", "/map/.coords.f32.tmp", "/a\\..\\b", "/map/coords.f32;x", "/map/coords f32", "relative/path", "",
        "/C:/Windows/win.ini",
    })
    void traversalAndOddPathsAreRefused(String raw) {
        assertThatThrownBy(() -> RequestPath.check(raw)).isInstanceOf(RequestPath.BadPath.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"app/main.js", "index.html", "a/b/c.txt"})
    void safeRelativeNames(String name) {
        assertThat(RequestPath.isSafeRelative(name)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/abs", "../x", "a/../b", "a//b", ".hidden", "a/", "x\u0000y"})
    void unsafeRelativeNames(String name) {
        assertThat(RequestPath.isSafeRelative(name)).isFalse();
    }

    @org.junit.jupiter.api.Test
    void aNullOrOverlongPathIsRefused() {
        assertThatThrownBy(() -> RequestPath.check(null)).isInstanceOf(RequestPath.BadPath.class);
        assertThatThrownBy(() -> RequestPath.check("/" + "a".repeat(300))).isInstanceOf(RequestPath.BadPath.class);
    }
}
