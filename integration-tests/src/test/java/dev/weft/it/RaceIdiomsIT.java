package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.junit.jupiter.api.DynamicTest.dynamicTest;

import com.acme.it.races.RaceIdioms;
import dev.weft.schema.WeftEvents.AgentInfo;
import dev.weft.schema.WeftEvents.DataRace;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Race detection (races=on) over every synchronization idiom weft models, under the real agent,
 * and the real CLI on what was recorded: a correct program yields no race and {@code weft analyze}
 * exits 0; its racy twin yields a race in its own code and {@code weft analyze} exits 1. Each racy
 * twin runs in a JVM of its own, so that nothing another idiom did can order (hide) its race. On
 * JDK 17 every correct program has its own JVM too; on JDK 25 (where it is installed; it adds the
 * virtual-thread idioms) the correct programs share one. The JVMs run a few at a time, compiled
 * by C1 only (short programs: C2 would only burn the CPU the other JVMs need).
 */
class RaceIdiomsIT {
    /** JVMs at once: each is mostly start-up, and CI machines have two cores or so. */
    private static final int PARALLEL_JVMS = 3;
    private static final String[] QUICK_START = {"-XX:TieredStopAtLevel=1"};
    private static final ExecutorService JVMS = Executors.newFixedThreadPool(PARALLEL_JVMS, task -> {
        Thread thread = new Thread(task, "race-idiom-jvms");
        thread.setDaemon(true);
        return thread;
    });

    @AfterAll
    static void stopJvms() {
        JVMS.shutdownNow();
    }

    @TestFactory
    Stream<DynamicTest> everyIdiomOnJdk17(@TempDir Path dir) {
        return idioms(() -> ForkedJvm.java().options(QUICK_START), 17, false, dir);
    }

    @TestFactory
    Stream<DynamicTest> everyIdiomOnJdk25(@TempDir Path dir) {
        assumeTrue(ForkedJvm.hasJdk25(), "needs the Temurin 25 JDK beside the default one");
        return idioms(() -> ForkedJvm.java25().options(QUICK_START), 25, true, dir);
    }

    /**
     * Starts every program of the JDK's idioms at once (they queue for {@link #JVMS}) and returns
     * one test per run, which waits for its own run.
     */
    private static Stream<DynamicTest> idioms(Supplier<ForkedJvm> jdk, int feature, boolean correctTogether,
                                              Path dir) {
        List<String> correct = RaceIdioms.idioms(feature);
        List<List<String>> correctGroups = new ArrayList<>();
        if (correctTogether) {
            correctGroups.add(correct);
        } else {
            correct.forEach(idiom -> correctGroups.add(List.of(idiom)));
        }
        List<Future<Run>> correctRuns = new ArrayList<>();
        for (List<String> group : correctGroups) {
            correctRuns.add(JVMS.submit(() -> Run.of(jdk.get(), dir, group, "correct")));
        }
        List<String> racy = RaceIdioms.racyIdioms(feature);
        List<Future<Run>> racyRuns = new ArrayList<>();
        for (String idiom : racy) {
            racyRuns.add(JVMS.submit(() -> Run.of(jdk.get(), dir, List.of(idiom), "racy").analyzed()));
        }
        List<DynamicTest> tests = new ArrayList<>();
        for (int i = 0; i < correctGroups.size(); i++) {
            Future<Run> run = correctRuns.get(i);
            String name = correctTogether ? "all correct programs in one JVM"
                : correctGroups.get(i).get(0) + " correct";
            tests.add(dynamicTest(name + ": no race", () -> assertNoRace(run.get())));
        }
        tests.add(dynamicTest("weft analyze of the correct programs' recordings exits 0", () -> {
            List<String> args = new ArrayList<>(List.of("analyze"));
            for (Future<Run> run : correctRuns) {
                args.add(run.get().recording.toString());
            }
            ForkedJvm.Result analyzed = ForkedJvm.java().options(QUICK_START).jar(ForkedJvm.CLI_JAR,
                args.toArray(String[]::new)).run();
            assertThat(analyzed.exitCode()).as(analyzed.toString()).isZero();
        }));
        for (int i = 0; i < racy.size(); i++) {
            Future<Run> run = racyRuns.get(i);
            tests.add(dynamicTest(racy.get(i) + " racy: a race in its own code, analyze exits 1",
                () -> assertRaceInItsOwnCode(run.get())));
        }
        return tests.stream();
    }

    private static void assertNoRace(Run run) {
        assertThat(run.races).as("races in %s", run).isEmpty();
        assertEveryModelApplied(run);
    }

    private static void assertRaceInItsOwnCode(Run run) {
        assertEveryModelApplied(run);
        String method = run.idioms + "Racy";
        assertThat(run.races).as("races in %s", run).isNotEmpty()
            .allSatisfy(sites -> assertThat(sites).as("a race outside " + method).contains(method));
        assertThat(run.analyzed.exitCode()).as(run.analyzed.toString()).isEqualTo(1);
        assertThat(run.analyzed.stdout()).contains("ERROR data-race");
    }

    /** Every JDK class whose synchronization weft models and that the program loaded got its instrumentation. */
    private static void assertEveryModelApplied(Run run) {
        assertThat(run.modelsNotApplied).as("JDK classes the models did not reach in %s", run).isEmpty();
        assertThat(run.firstTransformError).as("classes weft failed to transform in %s", run).isNull();
    }

    /** One JVM's run: its recording, and both sites' methods of each race, e.g. {@code lambda$fooRacy$3 <- main}. */
    private static final class Run {
        final String idioms;
        final String variant;
        final Path recording;
        final List<String> races;
        /** The agent's own report of the modelled JDK classes it did not instrument (empty: none). */
        final String modelsNotApplied;
        /** The first class the agent failed to transform and why, or null: none failed. */
        final String firstTransformError;
        ForkedJvm.Result analyzed;

        private Run(String idioms, String variant, Path recording, List<String> races, RecordedEvent lastInfo) {
            this.idioms = idioms;
            this.variant = variant;
            this.recording = recording;
            this.races = races;
            this.modelsNotApplied = lastInfo.getString(AgentInfo.MODELS_NOT_APPLIED_TO);
            this.firstTransformError = lastInfo.getLong(AgentInfo.TRANSFORM_ERRORS) == 0 ? null
                : lastInfo.getString(AgentInfo.FIRST_ERROR);
        }

        static Run of(ForkedJvm jvm, Path dir, List<String> idioms, String variant) throws Exception {
            String names = String.join(",", idioms);
            Path file = dir.resolve((idioms.size() == 1 ? names : "all") + "-" + variant + ".jfr");
            ForkedJvm.Result result = jvm.agent("filename=" + file + ",races=on")
                .main(RaceIdioms.class, variant, names).run();
            assertThat(result.exitCode()).as(result.toString()).isZero();
            assertThat(result.stdout().trim()).as(result.toString()).isEqualTo(names);
            assertThat(result.stderr()).as(result.toString()).isEmpty();
            RecordedEvents events = RecordedEvents.read(file);
            List<RecordedEvent> infos = events.named(AgentInfo.NAME);
            assertThat(infos).as(result.toString()).isNotEmpty();
            return new Run(names, variant, file, events.named(DataRace.NAME).stream()
                .map(e -> e.getString(DataRace.SITE_METHOD) + " <- " + e.getString(DataRace.OTHER_SITE_METHOD))
                .distinct().collect(Collectors.toList()), infos.get(infos.size() - 1));
        }

        /** Also runs {@code weft analyze} on the recording. */
        Run analyzed() throws Exception {
            analyzed = ForkedJvm.java().options(QUICK_START).jar(ForkedJvm.CLI_JAR, "analyze", recording.toString())
                .run();
            return this;
        }

        @Override
        public String toString() {
            return variant + " " + idioms + " (" + recording.getFileName() + "): " + races;
        }
    }
}
