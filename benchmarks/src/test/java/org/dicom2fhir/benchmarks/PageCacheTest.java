package org.dicom2fhir.benchmarks;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Only the failure path: a real drop would evict the whole machine's cache in the middle of a build. */
class PageCacheTest {
    @TempDir
    Path dir;

    @Test
    void aControlFileThatCannotBeOpenedFailsWithAMessageSayingRootIsNeeded() {
        assertThatThrownBy(() -> PageCache.drop(dir.resolve("no-such-control-file")))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("needs root")
                .hasMessageContaining("-p cache=warm");
    }
}
