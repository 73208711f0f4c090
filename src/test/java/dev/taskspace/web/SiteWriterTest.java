package dev.taskspace.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.taskspace.TaskspaceException;
import dev.taskspace.map.MapArtefact;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SiteWriterTest {
    @TempDir
    Path dir;
    Path mapDir;

    @BeforeEach
    void writeAMap() {
        mapDir = dir.resolve("project/map");
        MapArtefact.write(mapDir, TestMaps.small(true));
    }

    @Test
    void writesThePageTheMapAndAConfigWithoutLiveTasks() throws IOException {
        Path site = dir.resolve("site");
        SiteWriter.Summary s = SiteWriter.write(mapDir, site);
        for (String name : PageFiles.names()) assertThat(site.resolve(name)).as(name).hasBinaryContent(PageFiles.read(name));
        for (String name : MapFiles.names(mapDir)) assertThat(site.resolve("map/" + name)).hasSameBinaryContentAs(mapDir.resolve(name));
        assertThat(site.resolve("config.json")).hasContent("{\"live\": null}");
        assertThat(site.resolve(".nojekyll")).exists();
        assertThat(s.files()).isEqualTo(PageFiles.names().size() + MapFiles.names(mapDir).size() + 1); // map.json, 6 arrays, texts, meta
        assertThat(MapFiles.names(mapDir)).contains("texts-0.txt", "texts.i32", "meta.json");
        assertThat(s.map().ids()).hasSize(37);
        assertThat(MapArtefact.read(site.resolve("map")).tasks()).hasSize(4);
    }

    @Test
    void writingAgainReplacesThePreviousMap() throws IOException {
        Path site = dir.resolve("site");
        SiteWriter.write(mapDir, site);
        Files.writeString(site.resolve("map/stale.f32"), "old");
        MapArtefact.write(mapDir, TestMaps.small(false));
        SiteWriter.write(mapDir, site);
        assertThat(site.resolve("map/stale.f32")).doesNotExist();
        assertThat(site.resolve("map/map.json")).content().contains("bge-small-en-v1.5-q");
    }

    @Test
    void refusesAFolderWithFilesOfItsOwn() throws IOException {
        Path site = Files.createDirectories(dir.resolve("docs"));
        Files.writeString(site.resolve("thesis.tex"), "mine");
        assertThatThrownBy(() -> SiteWriter.write(mapDir, site)).isInstanceOf(TaskspaceException.class)
                .hasMessageContaining("has files that taskspace did not write");
        assertThat(site.resolve("index.html")).doesNotExist();
        assertThatThrownBy(() -> SiteWriter.write(mapDir, site.resolve("thesis.tex"))).hasMessageContaining("is a file");
    }

    @Test
    void refusesADamagedOrMissingMap() throws IOException {
        byte[] b = Files.readAllBytes(mapDir.resolve("coords.f32"));
        b[0] ^= 1;
        Files.write(mapDir.resolve("coords.f32"), b);
        assertThatThrownBy(() -> SiteWriter.write(mapDir, dir.resolve("site"))).hasMessageContaining("does not match its checksum");
        assertThatThrownBy(() -> SiteWriter.write(dir.resolve("none"), dir.resolve("site"))).hasMessageContaining("run 'taskspace project' first");
        assertThat(dir.resolve("site")).doesNotExist();
    }
}
