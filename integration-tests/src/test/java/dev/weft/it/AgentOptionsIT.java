package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.ExitPaths;
import com.acme.it.ThreadsAndLocks;
import dev.weft.schema.WeftEvents.LockStatistics;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
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
}
