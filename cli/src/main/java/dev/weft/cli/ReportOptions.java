package dev.weft.cli;

import dev.weft.cli.baseline.BaselineFile;
import dev.weft.cli.baseline.InvalidBaselineException;
import dev.weft.cli.read.InputException;
import dev.weft.cli.render.SourceIndex;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The options of every command that ends in a report ({@code analyze}, {@code record}), and what
 * they do: recordings in, the baseline applied, the report written, the gate's verdict out.
 *
 * <p>A picocli mixin, so that each option is declared once and {@code weft record} takes exactly
 * what {@code weft analyze} takes, with the same help text.
 */
final class ReportOptions {
    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "text", converter = FormatChoice.class,
            description = {"text (for people), json (for programs), sarif (GitHub code scanning and other SARIF"
                    + " viewers), junit (JUnit XML, for CI test reports) or html (one page to open in a browser);"
                    + " default: ${DEFAULT-VALUE}"})
    private Format format;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE",
            description = "write the report to FILE instead of standard output")
    private Path output;

    @Option(names = "--fail-on", paramLabel = "LEVEL", defaultValue = "error", converter = GateChoice.class,
            description = "exit 1 when a finding is at or above LEVEL: error, warning, info or never;"
                    + " default: ${DEFAULT-VALUE}")
    private Gate failOn;

    @Option(names = "--gate-dependencies",
            description = {"let findings wholly in libraries' code (org.h2., org.springframework., io.netty., …)"
                    + " fail the gate too; by default they are reported apart and do not"})
    private boolean gateDependencies;

    @Option(names = "--baseline", paramLabel = "FILE",
            description = {"accept the findings listed in FILE (written by 'weft baseline'): they are left out of"
                    + " the report and the gate, and the report says how many"})
    private Path baseline;

    @Option(names = "--source-root", paramLabel = "DIR",
            description = {"a directory of Java sources, to link findings to files in SARIF output (repeatable);"
                    + " default: src/*/java in the working directory and in modules up to two levels below it"})
    private List<Path> sourceRoots = new ArrayList<>();

    @Spec(Spec.Target.MIXEE)
    private CommandSpec command;

    /** Rejects option values that cannot work, before any (possibly long) work starts. */
    void check() {
        sourceRoots.stream().filter(root -> !Files.isDirectory(root)).findFirst().ifPresent(root -> {
            throw new ParameterException(command.commandLine(), "--source-root '" + root + "' is not a directory");
        });
    }

    /**
     * Reads the recordings named by {@code inputs} (files or directories) into one report, writes it
     * and returns the exit code: {@link ExitCodes#PASSED}, {@link ExitCodes#GATE_FAILED} or
     * {@link ExitCodes#USAGE_OR_INPUT} (with a message on stderr).
     */
    int report(List<Path> inputs) {
        check();
        PrintWriter err = command.commandLine().getErr();
        Report report;
        try {
            report = InputAnalysis.report(inputs, failOn, err);
            if (gateDependencies) {
                report = report.withDependenciesGated();
            }
            if (baseline != null) {
                report = BaselineFile.read(baseline).apply(report, baseline.toString());
            }
        } catch (InputException | InvalidBaselineException e) {
            err.println("weft: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        try {
            write(report);
        } catch (IOException e) {
            err.println("weft: " + WriteFailure.message(output, e));
            return ExitCodes.USAGE_OR_INPUT;
        }
        InputAnalysis.warnAboutCutRecordings(report, err);
        return ExitCodes.of(report);
    }

    private void write(Report report) throws IOException {
        SourceIndex sources = SourceIndex.under(Path.of(""), sourceRoots);
        if (output == null) {
            boolean terminal = System.console() != null;
            boolean colours = terminal && format == Format.TEXT && System.getenv("NO_COLOR") == null;
            format.renderer(colours, sources).render(report, command.commandLine().getOut());
            return;
        }
        try (Writer file = Files.newBufferedWriter(output, StandardCharsets.UTF_8)) {
            format.renderer(false, sources).render(report, file);
        }
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
