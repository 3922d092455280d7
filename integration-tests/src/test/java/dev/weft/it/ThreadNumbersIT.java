package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.races.ManyThreads;
import dev.weft.schema.WeftEvents.AgentInfo;
import dev.weft.schema.WeftEvents.DataRace;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Thousands of short-lived threads, one after another, under race detection: weft reuses the
 * numbers of ended threads (so vector clocks stay as small as the live threads), which must not
 * make ordered work look racy nor give a race the name of a thread that has ended.
 */
class ThreadNumbersIT {
    @Test
    void threadsStartedAndJoinedInTurnDoNotRace(@TempDir Path dir) throws Exception {
        assertThat(races(dir, "correct")).isEmpty();
        RecordedEvent info = RecordedEvents.read(dir.resolve("correct.jfr")).named(AgentInfo.NAME).get(0);
        assertThat(info.getLong(AgentInfo.THREADS_SEEN)).isGreaterThan(5_000);
        assertThat(info.getLong(AgentInfo.THREAD_NUMBERS)).as("numbers of joined threads are taken over").isLessThan(100);
    }

    @Test
    void aRaceAfterManyEndedThreadsNamesTheRacingThreads(@TempDir Path dir) throws Exception {
        List<RecordedEvent> races = races(dir, "racy");
        assertThat(races).isNotEmpty().allSatisfy(race -> {
            assertThat(race.getString(DataRace.FIELD)).isEqualTo(ManyThreads.class.getName() + ".contested");
            assertThat(race.getThread().getJavaName()).isIn("racer-a", "racer-b");
            assertThat(race.getString(DataRace.OTHER_THREAD)).isIn("racer-a", "racer-b")
                .isNotEqualTo(race.getThread().getJavaName());
        });
    }

    private static List<RecordedEvent> races(Path dir, String variant) throws Exception {
        Path file = dir.resolve(variant + ".jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file + ",races=on")
            .main(ManyThreads.class, variant).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        return RecordedEvents.read(file).named(DataRace.NAME);
    }
}
