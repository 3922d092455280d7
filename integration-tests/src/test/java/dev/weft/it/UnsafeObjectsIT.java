package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.it.races.UnsafeObjects;
import dev.weft.schema.WeftEvents.Accesses;
import dev.weft.schema.WeftEvents.AgentInfo;
import dev.weft.schema.WeftEvents.DataRace;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Races on objects of JDK classes that are not thread-safe (races=on): calls on one HashMap,
 * ArrayList, SimpleDateFormat or StringBuilder from threads not ordered by happens-before, at least
 * one mutating, are reported with both call sites; published read-only maps, locked lists, confined
 * builders and per-thread formats are not. The real agent in a forked JVM, then the real CLI.
 */
class UnsafeObjectsIT {
    private static final String PROGRAM = UnsafeObjects.class.getName();
    private static final SourceLines SOURCE = SourceLines.ofTestProgram(UnsafeObjects.class);

    @Test
    void correctUseOfUnsafeObjectsIsNoRaceAndComputesWhatItComputesWithoutWeft(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("correct.jfr");
        ForkedJvm.Result with = ForkedJvm.java().agent("filename=" + file + ",races=on")
            .main(UnsafeObjects.class, "correct").run();
        ForkedJvm.Result without = ForkedJvm.java().main(UnsafeObjects.class, "correct").run();

        assertThat(with.exitCode()).as(with.toString()).isZero();
        assertThat(with.stderr()).as(with.toString()).isEmpty();
        assertThat(with.stdout()).isEqualTo(without.stdout()).contains("callShapes: {a=42, b=2, c=3, d=4");
        assertThat(describe(races(file))).isEmpty();
        RecordedEvent info = agentInfo(file);
        assertThat(info.getLong(AgentInfo.INTERNAL_ERRORS)).as(info.getString(AgentInfo.FIRST_ERROR)).isZero();
        assertThat(info.getLong(AgentInfo.TRANSFORM_ERRORS)).as(info.getString(AgentInfo.FIRST_ERROR)).isZero();

        ForkedJvm.Result analysis = ForkedJvm.weft("analyze", file.toString());
        assertThat(analysis.exitCode()).as(analysis.toString()).isZero();
    }

    @Test
    void correctUseIsNoRaceOnJdk25(@TempDir Path dir) throws Exception {
        assumeTrue(ForkedJvm.hasJdk25(), "needs the Temurin 25 JDK beside the default one");
        Path file = dir.resolve("correct25.jfr");
        ForkedJvm.Result result = ForkedJvm.java25().agent("filename=" + file + ",races=on")
            .main(UnsafeObjects.class, "correct").run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        assertThat(describe(races(file))).isEmpty();
    }

    @Test
    void twoThreadsPuttingIntoOneHashMapRaceWithTheFieldThatHoldsTheMapAndBothSites(@TempDir Path dir)
        throws Exception {
        List<RecordedEvent> races = racy(dir, "mapPut");

        int put = SOURCE.site("mapPut");
        assertThat(races).isNotEmpty().allSatisfy(race -> {
            assertThat(race.getString(DataRace.FIELD)).isEqualTo(PROGRAM + "$Inventory.stock (java.util.HashMap)");
            assertThat(race.getString(DataRace.ACCESS)).isEqualTo(Accesses.WRITE);
            assertThat(race.getString(DataRace.OTHER_ACCESS)).isEqualTo(Accesses.WRITE);
            assertThat(race.getString(DataRace.CALL)).isEqualTo("java.util.Map.put");
            assertThat(race.getString(DataRace.OTHER_CALL)).isEqualTo("java.util.Map.put");
            assertThat(race.getString(DataRace.SITE_CLASS)).isEqualTo(PROGRAM + "$Inventory");
            assertThat(race.getString(DataRace.SITE_METHOD)).isEqualTo("receive");
            assertThat(race.getInt(DataRace.SITE_LINE)).isEqualTo(put);
            assertThat(race.getInt(DataRace.OTHER_SITE_LINE)).isEqualTo(put);
            assertThat(Set.of(race.getThread().getJavaName(), race.getString(DataRace.OTHER_THREAD)))
                .containsExactlyInAnyOrder("stock-1", "stock-2");
        });
    }

    @Test
    void anAddRacingWithReadsOfAnArrayListIsReportedWithTheAddAndTheRead(@TempDir Path dir) throws Exception {
        List<RecordedEvent> races = racy(dir, "listAddGet");

        assertThat(races).isNotEmpty().allSatisfy(race ->
            assertThat(race.getString(DataRace.FIELD)).isEqualTo("java.util.ArrayList instance"));
        assertThat(describe(races)).anySatisfy(race -> assertThat(race)
            .contains("write java.util.List.add at " + SOURCE.site("listAdd"))
            .containsPattern("read java.util.List.(isEmpty|get) at " + SOURCE.site("listGet")));
    }

    @Test
    void oneSimpleDateFormatFormattingOnTwoThreadsIsARace(@TempDir Path dir) throws Exception {
        List<RecordedEvent> races = racy(dir, "sharedFormat");

        assertThat(races).isNotEmpty().allSatisfy(race -> assertThat(race.getString(DataRace.FIELD))
            .isEqualTo(PROGRAM + ".SHARED_FORMAT (java.text.SimpleDateFormat)"));
        assertThat(describe(races)).anySatisfy(race -> assertThat(race)
            .contains("write java.text.SimpleDateFormat.format at " + SOURCE.site("format1"))
            .contains("write java.text.SimpleDateFormat.format at " + SOURCE.site("format2")));
    }

    @Test
    void aStringBuilderAppendedToByTwoThreadsIsARace(@TempDir Path dir) throws Exception {
        List<RecordedEvent> races = racy(dir, "sharedBuilder");

        assertThat(races).isNotEmpty().allSatisfy(race -> {
            assertThat(race.getString(DataRace.FIELD)).isEqualTo(PROGRAM + "$Audit.trail (java.lang.StringBuilder)");
            assertThat(race.getString(DataRace.CALL)).isEqualTo("java.lang.StringBuilder.append");
            assertThat(race.getInt(DataRace.SITE_LINE)).isEqualTo(SOURCE.site("append"));
        });
    }

    @Test
    void weftAnalyzeFailsTheRacyRunWithEachRaceToldAndItsFix(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("racy.jfr");
        ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + file + ",races=on")
            .main(UnsafeObjects.class, "racy").run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stderr()).as(run.toString()).isEmpty();

        ForkedJvm.Result analysis = ForkedJvm.weft("analyze", file.toString());

        assertThat(analysis.exitCode()).as(analysis.toString()).isEqualTo(1);
        String stock = PROGRAM + "$Inventory.stock (java.util.HashMap)";
        RecordedEvent putRace = races(file).stream().filter(race -> race.getString(DataRace.FIELD).equals(stock))
            .findFirst().orElseThrow();
        String second = putRace.getThread().getJavaName(); // whichever thread put second told of the race
        String first = putRace.getString(DataRace.OTHER_THREAD);
        int put = SOURCE.site("mapPut");
        assertThat(analysis.stdout().lines()).containsSubsequence(
            "ERROR data-race on " + stock + " (once)",
            "  data race on " + stock + ": write (Map.put) by thread \"" + second + "\" at UnsafeObjects$Inventory"
                + ".receive(UnsafeObjects.java:" + put + ") and write (Map.put) by thread \"" + first + "\" at"
                + " UnsafeObjects$Inventory.receive(UnsafeObjects.java:" + put + "), not ordered by any synchronization"
                + " (once)",
            "  Write (Map.put) of " + stock + " by thread \"" + second + "\":",
            "      at " + PROGRAM + "$Inventory.receive(UnsafeObjects.java:" + put + ")",
            "  Previous write (Map.put) by thread \"" + first + "\":",
            "      at " + PROGRAM + "$Inventory.receive(UnsafeObjects.java:" + put + ")",
            "  Fix: use a ConcurrentHashMap, or guard every call on " + PROGRAM + "$Inventory.stock with one lock,"
                + " reads and iteration too");
        assertThat(analysis.stdout())
            .contains("ERROR data-race on java.util.ArrayList instance")
            .contains("Fix: use java.time's DateTimeFormatter (immutable and thread-safe), or one SimpleDateFormat"
                + " per thread (a ThreadLocal)")
            .contains("Fix: give each thread its own StringBuilder, or guard every call on " + PROGRAM
                + "$Audit.trail with one lock")
            .contains("weft: 4 errors, 0 warnings");
    }

    private static List<RecordedEvent> racy(Path dir, String program) throws Exception {
        Path file = dir.resolve(program + ".jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file + ",races=on")
            .main(UnsafeObjects.class, "racy", program).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        return races(file);
    }

    private static List<RecordedEvent> races(Path file) throws Exception {
        return RecordedEvents.read(file).named(DataRace.NAME);
    }

    private static RecordedEvent agentInfo(Path file) throws Exception {
        return RecordedEvents.read(file).named(AgentInfo.NAME).get(0);
    }

    /** {@code field: write java.util.List.add at 12 / read java.util.List.get at 17}, both sides. */
    private static List<String> describe(List<RecordedEvent> races) {
        return races.stream()
            .map(race -> race.getString(DataRace.FIELD) + ": " + side(race.getString(DataRace.ACCESS),
                race.getString(DataRace.CALL), race.getInt(DataRace.SITE_LINE)) + " / "
                + side(race.getString(DataRace.OTHER_ACCESS), race.getString(DataRace.OTHER_CALL),
                race.getInt(DataRace.OTHER_SITE_LINE)))
            .collect(Collectors.toList());
    }

    private static String side(String access, String call, int line) {
        return access + " " + call + " at " + line;
    }
}
