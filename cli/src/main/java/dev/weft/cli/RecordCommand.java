package dev.weft.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code weft record -- COMMAND}: runs a command with weft's agent in every JVM it starts, then
 * analyzes what they recorded, as {@code go test -race} runs tests with the race detector: one
 * step in CI, one exit code.
 *
 * <p>The agent reaches the JVMs through {@code JAVA_TOOL_OPTIONS} (see {@link JavaToolOptions}), so
 * {@code weft record -- mvn -B test} covers Maven and the test JVMs Surefire forks. Each JVM writes
 * its own recording into the recordings directory; those this run wrote are analyzed as
 * {@code weft analyze} would (same options, {@link ReportOptions}).
 *
 * <p>The exit code is {@link #exitCode(int, int) decided} so that a CI job fails when either the
 * command or the gate failed, and a failing command keeps its own code: weft record is a wrapper,
 * and a wrapper that turned every failure into 1 would hide what a build script relies on.
 */
@Command(name = "record",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        sortOptions = false,
        description = {
            "Runs COMMAND with weft's agent added to every JVM it starts (through JAVA_TOOL_OPTIONS, so build tools"
                    + " and the test JVMs they fork are covered), then analyzes the recordings those JVMs wrote,"
                    + " as 'weft analyze' does.",
            "COMMAND's output passes through; the report follows it.",
            "Example: weft record --fail-on warning -- mvn -B test"},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:COMMAND succeeded and nothing is at or above the --fail-on level",
            "1:findings at or above the --fail-on level (whatever COMMAND's exit code)",
            "2:usage error, the agent jar not found, no recording written, or one that could not be read in full",
            "other:COMMAND failed with this exit code (and the gate passed)"})
final class RecordCommand implements Callable<Integer> {
    @Parameters(paramLabel = "COMMAND", arity = "1..*",
            description = "the command to run and its arguments; put it after '--' when it has options of its own")
    private List<String> command;

    @Option(names = "--recordings", paramLabel = "DIR",
            description = "where the JVMs write their recordings (weft-<pid>.jfr), kept after the run;"
                    + " default: a temporary directory, deleted after the analysis")
    private Path recordings;

    @Mixin
    private AgentJarOptions agent;

    @Mixin
    private ReportOptions report;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException, IOException {
        report.check();
        PrintWriter err = spec.commandLine().getErr();
        try {
            Path agentJar = agent.jar();
            try (RecordingsDirectory directory = RecordingsDirectory.open(recordings)) {
                return record(agentJar, directory, err);
            }
        } catch (UsageOrInputException e) {
            err.println("weft: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
    }

    private int record(Path agentJar, RecordingsDirectory directory, PrintWriter err)
            throws UsageOrInputException, InterruptedException, IOException {
        String toolOptions = JavaToolOptions.withAgent(System.getenv(JavaToolOptions.VARIABLE), agentJar,
                agent.optionsWith("filename=" + directory.filenameOption()));
        int commandExit = ChildCommand.run(command, Map.of(JavaToolOptions.VARIABLE, toolOptions));
        if (commandExit != 0) {
            err.println("weft: '" + String.join(" ", command) + "' exited with code " + commandExit);
        }
        List<Path> written = directory.written();
        if (written.isEmpty()) {
            err.println("weft: no JVM wrote a recording" + (directory.temporary() ? "" : " to " + directory.path())
                    + ": record a command that runs Java (a JVM that ignores JAVA_TOOL_OPTIONS, or one still"
                    + " running when the command ends, such as a Gradle daemon, writes none)");
            return commandExit != 0 ? commandExit : ExitCodes.USAGE_OR_INPUT;
        }
        return exitCode(commandExit, report.report(written));
    }

    /**
     * Findings at or above the gate win, as they would in {@code weft analyze}; otherwise a failed
     * command exits with its own code; otherwise the analysis decides (0, or 2 for a recording cut
     * short).
     */
    static int exitCode(int commandExit, int analysisExit) {
        if (analysisExit == ExitCodes.GATE_FAILED) {
            return ExitCodes.GATE_FAILED;
        }
        return commandExit != 0 ? commandExit : analysisExit;
    }
}
