package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.testing.DeadlockScenario;
import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft record} in-process, with shell commands standing in for JVMs: a command that copies
 * a prepared recording into the recordings directory is, to weft, a JVM that wrote it. The real
 * agent in real JVMs is covered by the integration tests ({@code RecordCommandIT}).
 */
class RecordCommandTest {
    @TempDir
    static Path prepared;
    static Path clean;
    static Path deadlocked;
    static Path agentJar;

    @BeforeAll
    static void record() throws IOException {
        clean = TestRecording.withWeftEvents(prepared.resolve("clean.jfr"), () -> Scenarios.contendedMonitor(1));
        deadlocked = TestRecording.withWeftEvents(prepared.resolve("deadlock.jfr"),
                () -> DeadlockScenario.deadlockAndReport(1));
        agentJar = Files.createFile(prepared.resolve("weft-agent.jar")); // never loaded: no JVM runs
    }

    @Test
    void aCleanRecordingAndASucceedingCommandPass(@TempDir Path recordings) {
        CliRun run = record(recordings, "cp " + clean + " " + recordings.resolve("weft-1.jfr"));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.out()).contains("No findings");
    }

    @Test
    void findingsAtTheGateFailTheRunWhateverTheCommandReturned(@TempDir Path recordings) {
        CliRun run = record(recordings, "cp " + deadlocked + " " + recordings.resolve("weft-1.jfr") + "; exit 3");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(run.out()).contains("deadlock");
        assertThat(run.err()).contains("exited with code 3");
    }

    @Test
    void aFailedCommandKeepsItsExitCodeWhenTheGatePasses(@TempDir Path recordings) {
        CliRun run = record(recordings, "cp " + clean + " " + recordings.resolve("weft-1.jfr") + "; exit 3");

        assertThat(run.exitCode()).isEqualTo(3);
        assertThat(run.errLines()).contains("weft: 'sh -c cp " + clean + " " + recordings.resolve("weft-1.jfr")
                + "; exit 3' exited with code 3");
    }

    @Test
    void recordingsOfEarlierRunsInTheDirectoryAreNotAnalyzedAgain(@TempDir Path recordings) throws IOException {
        Files.copy(deadlocked, recordings.resolve("weft-7.jfr"));

        CliRun run = record(recordings, "cp " + clean + " " + recordings.resolve("weft-8.jfr"));

        assertThat(run.exitCode()).as(run.out()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.out()).contains("1 recording").doesNotContain("deadlock");
    }

    @Test
    void aCommandThatStartsNoJvmIsAnInputError(@TempDir Path recordings) {
        CliRun run = record(recordings, "true");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("weft: no JVM wrote a recording to ");
    }

    @Test
    void aFailedCommandWithoutRecordingsKeepsItsExitCode(@TempDir Path recordings) {
        CliRun run = record(recordings, "exit 5");

        assertThat(run.exitCode()).isEqualTo(5);
        assertThat(run.err()).contains("exited with code 5", "no JVM wrote a recording");
    }

    @Test
    void aCommandThatDoesNotExistIsAUsageError() {
        CliRun run = CliRun.weft("record", "--agent", agentJar, "--", "no-such-command-for-weft");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .startsWith("weft: cannot run 'no-such-command-for-weft': ");
    }

    @Test
    void aMissingAgentJarStopsBeforeTheCommandRuns(@TempDir Path dir) {
        Path touched = dir.resolve("ran");

        CliRun run = CliRun.weft("record", "--agent", dir.resolve("nowhere.jar"), "--", "touch", touched);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString()
                .isEqualTo("weft: --agent '" + dir.resolve("nowhere.jar") + "' is not a file: pass the path of"
                        + " weft-agent.jar");
        assertThat(touched).doesNotExist();
    }

    @Test
    void theCommandsOwnOptionsNeedNoDoubleDash(@TempDir Path recordings) {
        CliRun run = CliRun.weft("record", "--agent", agentJar, "--recordings", recordings,
                "sh", "-c", "exit 4", "--fail-on", "never");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(4);
    }

    @Test
    void aCommandIsRequired() {
        CliRun run = CliRun.weft("record");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.err()).contains("Missing required parameter: 'COMMAND'");
    }

    @Test
    void exitCodeFavoursTheGateThenTheCommandThenTheAnalysis() {
        assertThat(RecordCommand.exitCode(0, ExitCodes.PASSED)).isEqualTo(ExitCodes.PASSED);
        assertThat(RecordCommand.exitCode(0, ExitCodes.GATE_FAILED)).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(RecordCommand.exitCode(0, ExitCodes.USAGE_OR_INPUT)).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(RecordCommand.exitCode(130, ExitCodes.GATE_FAILED)).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(RecordCommand.exitCode(130, ExitCodes.PASSED)).isEqualTo(130);
        assertThat(RecordCommand.exitCode(1, ExitCodes.USAGE_OR_INPUT)).isEqualTo(1);
    }

    private static CliRun record(Path recordings, String shellCommand) {
        return CliRun.weft("record", "--agent", agentJar, "--recordings", recordings, "--", "sh", "-c", shellCommand);
    }
}
