package dev.weft.cli;

import dev.weft.cli.baseline.Baseline;
import dev.weft.cli.baseline.BaselineFile;
import dev.weft.cli.baseline.InvalidBaselineException;
import dev.weft.cli.read.InputException;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Report;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code weft baseline}: accepts the findings of recordings, so that {@code analyze --baseline} reports only new ones. */
@Command(name = "baseline",
        mixinStandardHelpOptions = true,
        versionProvider = WeftVersion.class,
        sortOptions = false,
        description = {
            "Writes the findings of JFR recordings to a baseline file: 'weft analyze --baseline FILE' then reports,"
                    + " and fails on, only findings that are not in it.",
            "An existing file is updated: its entries keep their justification, and entries whose finding was not"
                    + " seen this time stay unless --prune is given (a race may simply not have happened in this run).",
            "Findings match by fingerprint (rule, field, classes and methods; not lines or threads), so accepted"
                    + " findings stay accepted while the code around them changes."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:the baseline was written",
            "2:usage error, a recording that could not be read in full, or an existing baseline that is not valid"})
final class BaselineCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "a .jfr recording, or a directory whose *.jfr files are read")
    private List<Path> inputs;

    @Option(names = {"-o", "--output"}, paramLabel = "FILE", defaultValue = "weft-baseline.json",
            description = "the baseline to write, or to update when it exists; default: ${DEFAULT-VALUE}")
    private Path output;

    @Option(names = "--prune",
            description = "drop entries whose finding is not in these recordings (after a fix)")
    private boolean prune;

    @Spec
    private CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Baseline.Update update;
        Report report;
        try {
            Baseline existing = Files.exists(output) ? BaselineFile.read(output) : Baseline.empty();
            report = InputAnalysis.report(inputs, Gate.NEVER, err);
            update = existing.update(report.findings(), prune);
        } catch (InputException | InvalidBaselineException e) {
            err.println("weft: " + e.getMessage());
            return ExitCodes.USAGE_OR_INPUT;
        }
        try {
            BaselineFile.write(update.baseline(), report.tool(), Instant.now().truncatedTo(ChronoUnit.SECONDS), output);
        } catch (IOException e) {
            err.println("weft: " + WriteFailure.message(output, e));
            return ExitCodes.USAGE_OR_INPUT;
        }
        int accepted = update.baseline().entries().size();
        spec.commandLine().getOut().printf("weft: baseline %s accepts %d finding%s (%d new, %d kept, %d dropped)%n",
                output, accepted, accepted == 1 ? "" : "s", update.added(), update.kept(), update.dropped());
        InputAnalysis.warnAboutCutRecordings(report, err);
        return report.anyRecordingCut() ? ExitCodes.USAGE_OR_INPUT : ExitCodes.PASSED;
    }
}
