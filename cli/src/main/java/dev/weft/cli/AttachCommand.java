package dev.weft.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code weft attach PID}: starts weft's recording in a JVM that is already running, for the
 * service that cannot be restarted with {@code -javaagent}; {@code weft attach PID --stop} ends it
 * and has it written. The agent sees threads and locks from the moment it is attached: earlier
 * lock acquisitions and threads started before are not in the recording.
 *
 * <p>The recording's path is made absolute here, because the other JVM resolves paths against its
 * own working directory.
 */
@Command(name = "attach",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        sortOptions = false,
        description = {
            "Starts weft's recording in the running JVM PID (same user, a JDK on weft's side), or with --stop ends"
                    + " it and has it written. Analyze the file with 'weft analyze'.",
            "Without --duration the recording runs until 'weft attach PID --stop' or until that JVM exits.",
            "JDK 21 and later print a warning when an agent is loaded into a running JVM; start that JVM with"
                    + " -XX:+EnableDynamicAgentLoading to allow it silently."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the recording started (or, with --stop, was written)",
            "2:usage error, no such process, attaching not allowed, or the agent could not be loaded"})
final class AttachCommand implements Callable<Integer> {
    /** The agent's option string that stops its recording and writes it. */
    private static final String STOP = "stop";

    @Parameters(index = "0", paramLabel = "PID", description = "the process id of the JVM (see 'jps -l')")
    private long pid;

    @Option(names = "--duration", paramLabel = "TIME", converter = TimespanConverter.class,
            description = "record for TIME (30s, 5m, ...), then write the recording; default: until --stop or exit")
    private String duration;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "the recording to write; default: weft-PID.jfr in the working directory")
    private Path output;

    @Option(names = "--stop", description = "end the recording weft attach started in PID and write it now")
    private boolean stop;

    @Mixin
    private AgentJarOptions agent;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        if (stop && (duration != null || output != null)) {
            throw new ParameterException(spec.commandLine(), "--stop takes no --duration or --output: the recording"
                    + " is written where and when 'weft attach' was told at its start");
        }
        PrintWriter err = spec.commandLine().getErr();
        try {
            if (stop) {
                stop();
            } else {
                start();
            }
            return ExitCodes.PASSED;
        } catch (UsageOrInputException e) {
            err.println("weft: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
    }

    private void stop() throws UsageOrInputException {
        AgentLoader.load(pid, agent.jar(), STOP);
        spec.commandLine().getOut().println("weft: stopped the recording in process " + pid
                + "; it is written to the file named when it started");
    }

    private void start() throws UsageOrInputException {
        Path recording = (output != null ? output : Path.of("weft-" + pid + ".jfr")).toAbsolutePath().normalize();
        if (recording.toString().contains(",")) {
            throw new UsageOrInputException("'" + recording + "' contains a comma, which the agent's options cannot"
                    + " hold: pass an --output path without one");
        }
        if (recording.getParent() != null && !Files.isDirectory(recording.getParent())) {
            throw new UsageOrInputException("cannot write '" + recording + "': its directory does not exist (pass a"
                    + " writable path to --output)");
        }
        String options = "filename=" + recording + (duration == null ? "" : ",duration=" + duration);
        AgentLoader.load(pid, agent.jar(), agent.optionsWith(options));
        spec.commandLine().getOut().println("weft: recording process " + pid + " into " + recording
                + (duration == null ? " until 'weft attach " + pid + " --stop' or until it exits"
                        : " for " + duration + ", then writing it"));
    }
}
