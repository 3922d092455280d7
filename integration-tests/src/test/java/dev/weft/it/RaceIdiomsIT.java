package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.it.races.RaceIdioms;
import dev.weft.schema.WeftEvents.DataRace;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Race detection (races=on) over every synchronization idiom weft models: the correct programs
 * yield no race at all, each racy twin yields a race in its own code. On JDK 17 and, where it is
 * installed, JDK 25 (virtual threads).
 */
class RaceIdiomsIT {
    /**
     * Known misses: the executor's own bookkeeping (its ctl atomic, its queue) is modelled like the
     * application's synchronization, which orders the submitting thread after the worker and hides
     * this race. Listed here so that fixing it shows up; never a false positive.
     */
    private static final Set<String> KNOWN_MISSES = Set.of("executor");

    @Test
    void correctProgramsHaveNoRaceOnJdk17(@TempDir Path dir) throws Exception {
        assertThat(racingSites(ForkedJvm.java(), dir, "correct")).isEmpty();
    }

    @Test
    void correctProgramsHaveNoRaceOnJdk25(@TempDir Path dir) throws Exception {
        assumeTrue(ForkedJvm.hasJdk25(), "needs the Temurin 25 JDK beside the default one");
        assertThat(racingSites(ForkedJvm.java25(), dir, "correct")).isEmpty();
    }

    @Test
    void everyRacyTwinIsFoundInItsOwnCodeOnJdk17(@TempDir Path dir) throws Exception {
        assertRacyTwinsFound(ForkedJvm.java(), dir);
    }

    @Test
    void everyRacyTwinIsFoundInItsOwnCodeOnJdk25(@TempDir Path dir) throws Exception {
        assumeTrue(ForkedJvm.hasJdk25(), "needs the Temurin 25 JDK beside the default one");
        assertRacyTwinsFound(ForkedJvm.java25(), dir);
    }

    private static void assertRacyTwinsFound(ForkedJvm jvm, Path dir) throws Exception {
        Set<String> sites = racingSites(jvm, dir, "racy");
        for (String idiom : RaceIdioms.racyIdioms()) {
            if (!KNOWN_MISSES.contains(idiom)) {
                assertThat(sites).as("a race in " + idiom + "Racy").anySatisfy(site ->
                    assertThat(site).contains(idiom + "Racy"));
            }
        }
        assertThat(sites).as("no race outside the racy methods").allSatisfy(site -> assertThat(site).contains("Racy"));
    }

    /** Both sites' methods of every race in the run, e.g. {@code lambda$monitorRacy$3}. */
    private static Set<String> racingSites(ForkedJvm jvm, Path dir, String variant) throws Exception {
        Path file = dir.resolve(variant + ".jfr");
        ForkedJvm.Result result = jvm.agent("filename=" + file + ",races=on").main(RaceIdioms.class, variant).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        List<RecordedEvent> races = RecordedEvents.read(file).named(DataRace.NAME);
        return races.stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getString(DataRace.SITE_METHOD), e.getString(DataRace.OTHER_SITE_METHOD)))
            .collect(Collectors.toCollection(TreeSet::new));
    }
}
