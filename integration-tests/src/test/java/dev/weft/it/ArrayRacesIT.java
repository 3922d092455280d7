package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.races.ArrayRaces;
import dev.weft.schema.WeftEvents.DataRace;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Race detection on array elements (races=on) with the real agent: arrays shared correctly —
 * disjoint parts per thread, published through a volatile, a queue or a thread start, guarded by a
 * lock, or never shared — give no race; each racy case gives a race in its own code, named after
 * the array's field ({@code ArrayRaces$Shared.counts[]}) or, reached only through a parameter, its
 * type; and {@code weft analyze} gates on them.
 */
class ArrayRacesIT {
    private static final String SHARED = ArrayRaces.class.getName() + "$Shared.";
    private static final Pattern RACY_CASE = Pattern.compile("([a-zA-Z]+)Racy");

    @TempDir
    static Path dir;
    static Path correct;
    static Path racy;

    @BeforeAll
    static void record() throws Exception {
        correct = run("correct");
        racy = run("racy");
    }

    private static Path run(String variant) throws Exception {
        Path file = dir.resolve(variant + ".jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file + ",races=on")
            .main(ArrayRaces.class, variant).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        return file;
    }

    @Test
    void correctlySharedArraysHaveNoRace() throws Exception {
        assertThat(RecordedEvents.read(correct).named(DataRace.NAME)).extracting(ArrayRacesIT::describe).isEmpty();
    }

    @Test
    void everyRacyCaseIsFoundInItsOwnCode() throws Exception {
        List<RecordedEvent> races = RecordedEvents.read(racy).named(DataRace.NAME);
        Set<String> sites = races.stream()
            .flatMap(e -> java.util.stream.Stream.of(e.getString(DataRace.SITE_METHOD), e.getString(DataRace.OTHER_SITE_METHOD)))
            .collect(Collectors.toCollection(TreeSet::new));
        for (String racyCase : ArrayRaces.racyCases()) {
            assertThat(sites).as("a race in " + racyCase + "Racy").anySatisfy(site -> assertThat(site).contains(racyCase + "Racy"));
        }
        assertThat(sites).as("no race outside the racy methods").allSatisfy(site -> assertThat(site).contains("Racy"));
    }

    @Test
    void racesNameTheArrayByItsFieldOrItsType() throws Exception {
        Map<String, Set<String>> fieldsByCase = RecordedEvents.read(racy).named(DataRace.NAME).stream()
            .collect(Collectors.groupingBy(ArrayRacesIT::racyCase,
                Collectors.mapping(e -> e.getString(DataRace.FIELD), Collectors.toCollection(TreeSet::new))));

        assertThat(fieldsByCase).containsEntry("counter", Set.of(SHARED + "counts[]"))
            .containsEntry("writerReader", Set.of(SHARED + "totals[]"))
            .containsEntry("objectSlots", Set.of(SHARED + "slots[]"))
            .containsEntry("gridCell", Set.of(SHARED + "grid[][]"))
            .containsEntry("sweeps", Set.of("double[] (element)"))
            .containsEntry("lateWriter", Set.of("double[] (element)"))
            .containsEntry("readMostlyTable", Set.of(SHARED + "rates[]"))
            .containsEntry("parameter", Set.of("short[] (element)"));
    }

    @Test
    void aSingleUnorderedWriteAndReadOfOneElementIsFoundTheFirstTime() throws Exception {
        List<RecordedEvent> races = RecordedEvents.read(racy).named(DataRace.NAME).stream()
            .filter(e -> racyCase(e).equals("writerReader")).toList();

        assertThat(races).extracting(ArrayRacesIT::describe).containsExactly(
            "read in writerReaderRacy after write in lambda$writerReaderRacy");
    }

    @Test
    void aWriteIntoAReadMostlyTableRacesWithItsReadersBothWays() throws Exception {
        List<RecordedEvent> races = RecordedEvents.read(racy).named(DataRace.NAME).stream()
            .filter(e -> racyCase(e).equals("readMostlyTable")).toList();

        assertThat(races).extracting(ArrayRacesIT::describe).contains(
            "write in lambda$readMostlyTableRacy after read in lambda$readMostlyTableRacy",
            "read in lambda$readMostlyTableRacy after write in lambda$readMostlyTableRacy");
    }

    @Test
    void analyzeFailsTheGateOnRacyArraysAndPassesCorrectOnes() throws Exception {
        ForkedJvm.Result failing = ForkedJvm.weft("analyze", racy.toString());
        assertThat(failing.exitCode()).as(failing.toString()).isEqualTo(1);
        assertThat(failing.stdout())
            .contains("data race on " + SHARED + "counts[]: ")
            .contains("Write of " + SHARED + "grid[][] by thread")
            .contains("use an atomic array (AtomicIntegerArray, AtomicLongArray, AtomicReferenceArray)");

        ForkedJvm.Result passing = ForkedJvm.weft("analyze", correct.toString());
        assertThat(passing.exitCode()).as(passing.toString()).isZero();
        assertThat(passing.stdout()).contains("No findings.");
    }

    /** The racy case whose method reported the race: {@code lambda$counterRacy$14} → {@code counter}. */
    private static String racyCase(RecordedEvent race) {
        Matcher matcher = RACY_CASE.matcher(race.getString(DataRace.SITE_METHOD));
        return matcher.find() ? matcher.group(1) : "";
    }

    /** {@code read in writerReaderRacy after write in lambda$writerReaderRacy}, lambda numbers dropped. */
    private static String describe(RecordedEvent race) {
        return race.getString(DataRace.ACCESS) + " in " + withoutNumber(race.getString(DataRace.SITE_METHOD))
            + " after " + race.getString(DataRace.OTHER_ACCESS) + " in "
            + withoutNumber(race.getString(DataRace.OTHER_SITE_METHOD));
    }

    private static String withoutNumber(String method) {
        return method.replaceFirst("\\$\\d+$", "");
    }
}
