package dev.taskspace.corpus;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link Newsgroups.Source#fromEnvironment}: the variables the command line honours, for library users. */
class NewsgroupsSourceTest {

    @Test
    void withNothingSetItIsTheCanonicalDownloadIntoTheCache() {
        Newsgroups.Source s = Newsgroups.Source.fromEnvironment(Map.of("TASKSPACE_CACHE", "/c"));
        assertThat(s.local()).isNull();
        assertThat(s.cachedArchive()).isEqualTo(Path.of("/c/datasets/20news-bydate.tar.gz"));
        assertThat(s.url()).isEqualTo(Newsgroups.CANONICAL_URL);
        assertThat(s.sha256()).isEqualTo(Newsgroups.CANONICAL_SHA256);
        assertThat(s.offline()).isFalse();
    }

    @Test
    void aLocalCopyAMirrorAndOfflineComeFromTheEnvironment() {
        Newsgroups.Source s = Newsgroups.Source.fromEnvironment(Map.of("TASKSPACE_CACHE", "/c",
                "TASKSPACE_NEWSGROUPS", "/data/20news-bydate.tar.gz", "TASKSPACE_NEWSGROUPS_URL", "https://mirror.example/20ng.tgz",
                "TASKSPACE_OFFLINE", "1"));
        assertThat(s.local()).isEqualTo(Path.of("/data/20news-bydate.tar.gz"));
        assertThat(s.url()).isEqualTo(URI.create("https://mirror.example/20ng.tgz"));
        assertThat(s.offline()).isTrue();
    }

    @Test
    void blankValuesCountAsUnset() {
        Newsgroups.Source s = Newsgroups.Source.fromEnvironment(Map.of("TASKSPACE_CACHE", "/c", "TASKSPACE_NEWSGROUPS", " ",
                "TASKSPACE_NEWSGROUPS_URL", ""));
        assertThat(s.local()).isNull();
        assertThat(s.url()).isEqualTo(Newsgroups.CANONICAL_URL);
    }

    @Test
    void withLocalKeepsTheRest() {
        Newsgroups.Source s = Newsgroups.Source.fromEnvironment(Map.of("TASKSPACE_CACHE", "/c")).withLocal(Path.of("/copy"));
        assertThat(s.local()).isEqualTo(Path.of("/copy"));
        assertThat(s.cacheDir()).isEqualTo(Path.of("/c"));
    }
}
