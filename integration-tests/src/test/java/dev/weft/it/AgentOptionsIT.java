package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.ExitPaths;
import com.acme.it.ThreadsAndLocks;
import com.acme.it.races.RaceIdioms;
import dev.weft.schema.WeftEvents.AgentInfo;
import dev.weft.schema.WeftEvents.DataRace;
import dev.weft.schema.WeftEvents.LockStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The agent's options as a user types them on the command line. */
class AgentOptionsIT {

    @Test
    void withoutFilenameTheRecordingIsWeftPidInTheWorkingDirectory(@TempDir Path dir) throws Exception {
        ForkedJvm.Result result = ForkedJvm.java().agent("").in(dir).main(ExitPaths.class, "normal").run();

        assertThat(result.exitCode()).isZero();
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement()
                .satisfies(name -> assertThat(name).matches("weft-\\d+\\.jfr"));
        }
    }

    @Test
    void anUnknownOptionIsOneLineOnStderrAndTheApplicationRunsOn(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("out.jfr");
        ForkedJvm.Result without = ForkedJvm.java().main(ExitPaths.class, "exit").run();
        ForkedJvm.Result with = ForkedJvm.java().agent("filename=" + file + ",colour=blue").main(ExitPaths.class, "exit").run();

        assertThat(with.stderr().lines()).singleElement()
            .satisfies(line -> assertThat(line).startsWith("weft: unknown option 'colour'"));
        assertThat(with.stdout()).isEqualTo(without.stdout());
        assertThat(with.exitCode()).isEqualTo(without.exitCode());
        assertThat(file).exists();
    }

    @Test
    void missingDirectoriesOfTheDestinationAreCreated(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("target").resolve("weft").resolve("run-%p.jfr");
        ForkedJvm.Result with = ForkedJvm.java().agent("filename=" + file).main(ExitPaths.class, "normal").run();

        assertThat(with.exitCode()).isZero();
        assertThat(with.stderr()).isEmpty();
        try (Stream<Path> files = Files.list(dir.resolve("target").resolve("weft"))) {
            assertThat(files.map(p -> p.getFileName().toString())).singleElement()
                .satisfies(name -> assertThat(name).matches("run-\\d+\\.jfr"));
        }
    }

    @Test
    void anUnwritableDestinationIsOneLineOnStderrAndTheApplicationRunsOn(@TempDir Path dir) throws Exception {
        Path notADirectory = Files.writeString(dir.resolve("plain-file"), "x");
        Path file = notADirectory.resolve("out.jfr");
        ForkedJvm.Result with = ForkedJvm.java().agent("filename=" + file).main(ExitPaths.class, "normal").run();

        assertThat(with.exitCode()).isZero();
        assertThat(with.stdout()).contains("after normal");
        assertThat(with.stderr().lines()).singleElement()
            .satisfies(line -> assertThat(line).startsWith("weft: cannot record to"));
    }

    @Test
    void includeNarrowsWhatIsInstrumented(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("narrow.jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file + ",include=org.nothing.*")
            .main(ThreadsAndLocks.class).run();

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(RecordedEvents.read(file).named(LockStatistics.NAME)).isEmpty();
    }

    @Test
    void theJdkClassesTransformedOnceAreTakenFromTheCacheInTheNextRuns(@TempDir Path dir) throws Exception {
        Path cache = dir.resolve("cache");
        Map<Path, FileTime> filled = runQueueIdioms(dir, "first", ",cache=" + cache);
        List<String> names = filled.keySet().stream().map(entry -> entry.getFileName().toString())
            .collect(Collectors.toList());
        assertThat(names).as("the cache's entries").isNotEmpty()
            .anySatisfy(name -> assertThat(name).startsWith("java.util.concurrent.ArrayBlockingQueue-"))
            .allSatisfy(name -> assertThat(name).endsWith(".class"));

        Map<Path, FileTime> after = runQueueIdioms(dir, "second", ",cache=" + cache);

        // a class the JVM loaded before weft's transformer in one run and after it in the other comes
        // with other bytes, a second entry; but nothing kept was transformed and written again
        List<String> rewritten = filled.keySet().stream().filter(entry -> !filled.get(entry).equals(after.get(entry)))
            .map(entry -> entry.getFileName().toString()).collect(Collectors.toList());
        assertThat(rewritten).as("entries written again by the second run").isEmpty();
    }

    @Test
    void cacheOffKeepsNothing(@TempDir Path dir) throws Exception {
        runQueueIdioms(dir, "uncached", ",cache=off");
        try (Stream<Path> files = Files.list(dir)) {
            assertThat(files.map(p -> p.getFileName().toString()))
                .containsExactlyInAnyOrder("uncached-correct.jfr", "uncached-racy.jfr");
        }
    }

    /**
     * Runs the queue hand-off idioms, correct and racy, with race detection and {@code cacheOption};
     * asserts that the models reached every class and weft told the one from the other. Returns the
     * files in the cache with when each was written.
     */
    private static Map<Path, FileTime> runQueueIdioms(Path dir, String name, String cacheOption) throws Exception {
        for (String variant : List.of("correct", "racy")) {
            Path file = dir.resolve(name + "-" + variant + ".jfr");
            ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + file + ",races=on" + cacheOption)
                .main(RaceIdioms.class, variant, "arrayBlockingQueue,executorSubmit").run();
            assertThat(run.exitCode()).as(run.toString()).isZero();
            assertThat(run.stderr()).as(run.toString()).isEmpty();
            List<RecordedEvent> infos = RecordedEvents.read(file).named(AgentInfo.NAME);
            RecordedEvent info = infos.get(infos.size() - 1);
            assertThat(info.getString(AgentInfo.MODELS_NOT_APPLIED_TO)).as(run.toString()).isEmpty();
            assertThat(info.getLong(AgentInfo.TRANSFORM_ERRORS)).as(info.getString(AgentInfo.FIRST_ERROR)).isZero();
            List<RecordedEvent> races = RecordedEvents.read(file).named(DataRace.NAME);
            if (variant.equals("racy")) {
                assertThat(races).as(run.toString()).isNotEmpty();
            } else {
                assertThat(races).as(run.toString()).isEmpty();
            }
        }
        Path cache = dir.resolve("cache");
        if (!Files.isDirectory(cache)) {
            return Map.of();
        }
        Map<Path, FileTime> entries = new TreeMap<>();
        try (Stream<Path> files = Files.walk(cache)) {
            for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
                entries.put(file, Files.getLastModifiedTime(file));
            }
        }
        return entries;
    }
}
