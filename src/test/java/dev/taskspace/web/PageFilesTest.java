package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Test;

/** The page's files: listed, self-contained, and written so that corpus text can never become markup or code. */
class PageFilesTest {
    static final Path SOURCE = Path.of("src/main/resources/dev/taskspace/web/page");

    static String text(String name) {
        return new String(PageFiles.read(name), StandardCharsets.UTF_8);
    }

    @Test
    void pageListNamesExactlyTheFilesOfThePageFolder() throws IOException {
        List<String> onDisk;
        try (Stream<Path> files = Files.walk(SOURCE)) {
            onDisk = files.filter(Files::isRegularFile).map(p -> SOURCE.relativize(p).toString().replace('\\', '/'))
                    .filter(n -> !n.equals("page.list")).sorted().toList();
        }
        assertThat(PageFiles.names()).containsExactlyInAnyOrderElementsOf(onDisk);
        for (String name : PageFiles.names()) assertThat(PageFiles.read(name)).as(name).isNotEmpty();
    }

    @Test
    void noScriptTurnsStringsIntoMarkupOrCode() {
        Pattern forbidden = Pattern.compile("innerHTML|outerHTML|insertAdjacentHTML|document\\.write|\\beval\\s*\\(|new\\s+Function|"
                + "setAttribute\\(\\s*['\"](style|on\\w+|href|src)|createContextualFragment|DOMParser|srcdoc");
        for (String name : PageFiles.names()) {
            if (!name.endsWith(".js")) continue;
            Matcher m = forbidden.matcher(text(name));
            boolean found = m.find();
            assertThat(found).as("%s uses %s", name, found ? m.group() : "").isFalse();
        }
    }

    @Test
    void theHtmlHasNoInlineScriptStyleOrHandlers() {
        String html = text("index.html");
        Matcher scripts = Pattern.compile("<script([^>]*)>(.*?)</script>", Pattern.DOTALL).matcher(html);
        int count = 0;
        while (scripts.find()) {
            assertThat(scripts.group(1)).contains("src=");
            assertThat(scripts.group(2)).isBlank();
            count++;
        }
        assertThat(count).isEqualTo(2);
        assertThat(html).doesNotContainPattern("\\son\\w+\\s*=").doesNotContain(" style=").doesNotContain("<style");
        assertThat(html).contains("Content-Security-Policy").contains("script-src 'self'");
    }

    @Test
    void everyModuleImportResolvesToAPageFileAndNothingIsFetchedFromElsewhere() {
        Pattern imports = Pattern.compile("from\\s+'([^']+)'");
        for (String name : PageFiles.names()) {
            if (!name.endsWith(".js")) continue;
            String js = text(name);
            Matcher m = imports.matcher(js);
            while (m.find()) {
                String target = Path.of(name).resolveSibling(m.group(1)).normalize().toString().replace('\\', '/');
                assertThat(PageFiles.contains(target)).as("%s imports %s", name, m.group(1)).isTrue();
            }
            Matcher spec = Pattern.compile("(?:from\\s+|import\\s*\\(\\s*|fetch\\(\\s*)[`'\"]([^`'\"]*)").matcher(js);
            while (spec.find()) {
                assertThat(spec.group(1)).as("%s loads %s", name, spec.group(1)).doesNotContain(":").doesNotStartWith("/");
            }
        }
    }

    @Test
    void thePageWeighsFarUnderOneMegabyteCompressed() throws IOException {
        ByteArrayOutputStream packed = new ByteArrayOutputStream();
        long raw = 0;
        for (String name : PageFiles.names()) {
            try (GZIPOutputStream gz = new GZIPOutputStream(packed)) {
                byte[] b = PageFiles.read(name);
                gz.write(b);
                raw += b.length;
            }
        }
        assertThat(raw).isLessThan(300_000);
        assertThat(packed.size()).isLessThan(1_000_000);
    }

    @Test
    void contentTypesByExtension() {
        assertThat(PageFiles.contentType("app/main.js")).isEqualTo("text/javascript; charset=utf-8");
        assertThat(PageFiles.contentType("index.html")).isEqualTo("text/html; charset=utf-8");
        assertThat(PageFiles.contentType("style.css")).isEqualTo("text/css; charset=utf-8");
        assertThat(PageFiles.contentType("map.json")).isEqualTo("application/json; charset=utf-8");
        assertThat(PageFiles.contentType("coords.f32")).isEqualTo("application/octet-stream");
        assertThat(PageFiles.contentType("favicon.svg")).isEqualTo("image/svg+xml");
        List<String> js = new ArrayList<>(PageFiles.names().stream().filter(n -> n.endsWith(".js")).toList());
        assertThat(js).contains("app/main.js", "boot.js");
    }
}
