package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingsDirectoryTest {
    @TempDir
    Path dir;

    @Test
    void aRecordingBelongsToTheRunWhenItIsNewOrChanged() throws Exception {
        Path untouched = Files.writeString(dir.resolve("weft-1.jfr"), "earlier run");
        Path rewritten = Files.writeString(dir.resolve("weft-2.jfr"), "earlier run");
        Files.setLastModifiedTime(rewritten, FileTime.from(Instant.parse("2020-01-01T00:00:00Z")));

        try (RecordingsDirectory recordings = RecordingsDirectory.open(dir)) {
            Files.writeString(rewritten, "same pid, this run");
            Path added = Files.writeString(dir.resolve("weft-3.jfr"), "this run");
            Files.writeString(dir.resolve("notes.txt"), "not a recording");

            assertThat(recordings.written()).containsExactly(rewritten, added).doesNotContain(untouched);
        }
    }

    @Test
    void aNamedDirectoryIsCreatedAndKept() throws Exception {
        Path named = dir.resolve("a/b");

        try (RecordingsDirectory recordings = RecordingsDirectory.open(named)) {
            Files.writeString(named.resolve("weft-1.jfr"), "x");
            assertThat(recordings.filenameOption()).isEqualTo(named.resolve("weft-%p.jfr").toString());
        }

        assertThat(named.resolve("weft-1.jfr")).exists();
    }

    @Test
    void aTemporaryDirectoryIsDeletedWithItsRecordings() throws Exception {
        Path temporary;
        try (RecordingsDirectory recordings = RecordingsDirectory.open(null)) {
            temporary = recordings.path();
            Files.writeString(temporary.resolve("weft-1.jfr"), "x");
            assertThat(recordings.written()).hasSize(1);
        }

        assertThat(temporary).doesNotExist();
    }

    @Test
    void aCommaInThePathIsRejectedBecauseTheAgentsOptionsCannotHoldIt() {
        assertThatThrownBy(() -> RecordingsDirectory.open(dir.resolve("a,b")))
                .isInstanceOf(UsageOrInputException.class)
                .hasMessageContaining("contains a comma");
    }
}
