package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.races.OptimisticReads;
import dev.weft.schema.WeftEvents.DataRace;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * StampedLock's optimistic reads under race detection: the documented idiom (read, validate,
 * retry under the read lock) is not a race; a write without the lock that a validated read saw
 * is.
 */
class OptimisticReadsIT {
    @Test
    void theDocumentedIdiomIsNotARace(@TempDir Path dir) throws Exception {
        assertThat(races(dir, "correct")).isEmpty();
    }

    @Test
    void aValidatedReadOfAnUnlockedWriteIsARace(@TempDir Path dir) throws Exception {
        assertThat(races(dir, "racy")).isNotEmpty()
            .anySatisfy(race -> {
                assertThat(race.getString(DataRace.SITE_METHOD)).isEqualTo("distanceFromOrigin");
                assertThat(race.getString(DataRace.OTHER_SITE_METHOD)).isEqualTo("moveWithoutTheLock");
            })
            .allSatisfy(race -> assertThat(List.of(race.getString(DataRace.SITE_METHOD),
                race.getString(DataRace.OTHER_SITE_METHOD))).contains("moveWithoutTheLock"));
    }

    private static List<RecordedEvent> races(Path dir, String variant) throws Exception {
        Path file = dir.resolve(variant + ".jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file + ",races=on")
            .main(OptimisticReads.class, variant).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        return RecordedEvents.read(file).named(DataRace.NAME);
    }
}
