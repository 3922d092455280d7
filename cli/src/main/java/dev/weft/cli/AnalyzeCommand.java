package dev.weft.cli;

import dev.weft.cli.analysis.Analysis;
import dev.weft.cli.read.InputException;
import dev.weft.cli.read.Inputs;
import dev.weft.cli.read.RecordingReader;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.RecordingSummary;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.Tool;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft analyze}: recordings in, one report out, and the gate's verdict as the exit code. */
@Command(name = "analyze",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        sortOptions = false,
        description = {
            "Reads JFR recordings and reports findings and lock contention.",
            "Several recordings, or a directory of them, merge into one report."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:nothing at or above the --fail-on level",
            "1:findings at or above the --fail-on level",
            "2:usage error, or a recording that could not be read in full"})
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "a .jfr recording, or a directory whose *.jfr files are read")
    private List<Path> inputs;

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatChoice.class,
            description = "text (for people) or json (for programs); default: ${DEFAULT-VALUE}")
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the report to FILE instead of standard output")
    private Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error", converter = GateChoice.class,
            description = "exit 1 when a finding is at or above LEVEL: error, warning, info or never;"
                    + " default: ${DEFAULT-VALUE}")
    private Gate failOn;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        boolean terminal = System.console() != null;
        Report report;
        try {
            List<Path> recordings = Inputs.recordingsIn(inputs);
            Analysis analysis = new Analysis(new Tool("weft", WeftVersion.current()),
                    new RecordingReader(terminal ? err : null));
            report = analysis.run(recordings, failOn);
        } catch (InputException e) {
            err.println("weft: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        try {
            write(report, terminal);
        } catch (IOException e) {
            err.println("weft: cannot write '" + output + "': " + reason(e) + " (pass a writable path to --output)");
            return ExitCodes.USAGE_OR_INPUT;
        }
        report.recordings().stream().filter(RecordingSummary::cut).forEach(recording -> err.println(String.format(
                Locale.ROOT, "weft: '%s' was cut short after %,d events: the report covers only those (record again and"
                        + " let the JVM exit normally, or dump a running one with jcmd <pid> JFR.dump)",
                recording.path(), recording.events())));
        return ExitCodes.of(report);
    }

    private void write(Report report, boolean terminal) throws IOException {
        if (output == null) {
            boolean colours = terminal && format == Format.TEXT && System.getenv("NO_COLOR") == null;
            format.renderer(colours).render(report, spec.commandLine().getOut());
            return;
        }
        try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            format.renderer(false).render(report, file);
        }
    }

    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "its directory does not exist";
        }
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException problem && problem.getReason() != null) {
            return problem.getReason();
        }
        return String.valueOf(e.getMessage());
    }

    static final class FormatChoice extends ChoiceConverter<Format> {
        FormatChoice() {
            super(Format.class);
        }
    }

    static final class GateChoice extends ChoiceConverter<Gate> {
        GateChoice() {
            super(Gate.class);
        }
    }
}
