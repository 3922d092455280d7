package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What {@code weft attach} refuses, in-process. Attaching to a real JVM is covered by the
 * integration tests ({@code AttachCommandIT}).
 */
class AttachCommandTest {
    @TempDir
    static Path dir;

    @Test
    void weftCannotAttachToItself() throws IOException {
        long self = ProcessHandle.current().pid();

        CliRun run = CliRun.weft("attach", self, "--agent", agentJar());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("weft: process " + self + " is weft itself: pass the id of the JVM to record");
    }

    @Test
    void aProcessThatDoesNotExist() throws IOException {
        CliRun run = CliRun.weft("attach", Integer.MAX_VALUE, "--agent", agentJar());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("weft: no process with id " + Integer.MAX_VALUE
                        + " (list the Java processes you may attach to with 'jps -l')");
    }

    @Test
    void aProcessThatIsNotAJvm() throws Exception {
        Process sleeper = new ProcessBuilder("sleep", "30").start();
        try {
            CliRun run = CliRun.weft("attach", sleeper.pid(), "--agent", agentJar());

            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(run.errLines()).singleElement().asString()
                    .isEqualTo("weft: process " + sleeper.pid() + " is not a JVM weft can attach to: it must be a"
                            + " Java process of the same user, started without -XX:-UsePerfData (list the Java"
                            + " processes you may attach to with 'jps -l')");
        } finally {
            sleeper.destroy();
            sleeper.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void stopTakesNoRecordingOptions() throws IOException {
        CliRun run = CliRun.weft("attach", "42", "--stop", "--duration", "30s", "--agent", agentJar());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.err()).startsWith("weft: --stop takes no --duration or --output");
    }

    @Test
    void aDurationTheAgentWouldNotUnderstandIsAUsageError() {
        CliRun run = CliRun.weft("attach", "42", "--duration", "30 seconds");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.err()).contains("expected a time span such as 30s, 500ms or 2m but was '30 seconds'");
    }

    @Test
    void anOutputInAMissingDirectoryIsRefusedBeforeAttaching() throws IOException {
        Path output = dir.resolve("missing/app.jfr");

        CliRun run = CliRun.weft("attach", ProcessHandle.current().pid(), "--output", output, "--agent", agentJar());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("weft: cannot write '" + output + "': its directory does not exist (pass a writable path"
                        + " to --output)");
    }

    private static Path agentJar() throws IOException {
        Path jar = dir.resolve("weft-agent.jar");
        return Files.exists(jar) ? jar : Files.createFile(jar);
    }
}
