package dev.weft.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Parameters;

/**
 * {@code weft analyze}: recordings in, one report out, and the gate's verdict as the exit code.
 * The report's options (format, output, gate, baseline, sources) live in {@link ReportOptions},
 * shared with {@code weft record}.
 */
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
            "2:usage error, a bad baseline file, or a recording that could not be read in full"})
final class AnalyzeCommand implements Callable<Integer> {
    @Parameters(paramLabel = "FILE", arity = "1..*",
            description = "a .jfr recording, or a directory whose *.jfr files are read")
    private List<Path> inputs;

    @Mixin
    private ReportOptions report;

    @Override
    public Integer call() {
        return report.report(inputs);
    }
}
