package dev.weft.cli;

import java.io.OutputStreamWriter;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;

/**
 * The {@code weft} command. Its subcommands do the work; this class sets the rules every one of
 * them follows: exit codes that gate CI (0 passed, 1 findings at or above the gate, 2 usage or
 * input error) and errors that are one line on stderr, starting {@code weft: } and saying what to
 * do, never a stack trace.
 *
 * <p>Build command lines with {@link #commandLine()}, not {@code new CommandLine(new Weft())}: the
 * error handling lives in the {@link CommandLine} configuration.
 */
@Command(name = "weft",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        description = "Finds concurrency bugs and lock contention in JFR recordings made with weft's agent"
                + " (java -javaagent:weft-agent.jar ...).",
        subcommands = {AnalyzeCommand.class, BaselineCommand.class, RecordCommand.class, AttachCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at or above the --fail-on level",
            "1:findings at or above the --fail-on level",
            "2:usage error, a bad baseline file, or a recording that could not be read in full"})
public final class Weft implements Callable<Integer> {
    @Spec
    private CommandSpec spec;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(new OutputStreamWriter(System.out, StandardCharsets.UTF_8), true);
        PrintWriter err = new PrintWriter(new OutputStreamWriter(System.err, StandardCharsets.UTF_8), true);
        int exitCode = commandLine().setOut(out).setErr(err).execute(args);
        out.flush();
        err.flush();
        System.exit(exitCode);
    }

    /** A command line for {@code weft} with its error handling; set out and err on it to capture them. */
    public static CommandLine commandLine() {
        CommandLine weft = new CommandLine(new Weft())
                .setParameterExceptionHandler(Weft::usageError)
                .setExecutionExceptionHandler(Weft::internalError);
        // 'weft record java -jar app.jar': from COMMAND on, options are the command's, not weft's
        weft.getSubcommands().get("record").setStopAtPositional(true);
        return weft;
    }

    @Override
    public Integer call() {
        throw new ParameterException(spec.commandLine(), "missing command, e.g. 'weft analyze app.jfr'");
    }

    private static int usageError(ParameterException error, String[] args) {
        CommandLine command = error.getCommandLine();
        command.getErr().println("weft: " + oneLine(error.getMessage()) + " (run '"
                + command.getCommandSpec().qualifiedName() + " --help' for usage)");
        return ExitCodes.USAGE_OR_INPUT;
    }

    /** A bug in weft: still one line, with where it happened so that a report of it is useful. */
    private static int internalError(Exception error, CommandLine command, ParseResult parsed) {
        StackTraceElement[] stack = error.getStackTrace();
        String where = stack.length == 0 ? "" : " at " + stack[0];
        command.getErr().println("weft: internal error: " + oneLine(error.toString()) + where
                + " (please report it to weft's issue tracker with the command line and, if you can, the recording)");
        return ExitCodes.USAGE_OR_INPUT;
    }

    private static String oneLine(String text) {
        return String.valueOf(text).replaceAll("\\s*\\R\\s*", " ").trim();
    }
}
