package dev.weft.cli;

import dev.weft.cli.analysis.Analysis;
import dev.weft.cli.read.InputException;
import dev.weft.cli.read.Inputs;
import dev.weft.cli.read.RecordingReader;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.RecordingSummary;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.Tool;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** What every command that reads recordings does the same way: from FILE arguments to one report. */
final class InputAnalysis {
    private InputAnalysis() {
    }

    /**
     * Reads the recordings named by {@code inputs} (files or directories) into one report, showing
     * progress on {@code err} when it is a terminal.
     */
    static Report report(List<Path> inputs, Gate gate, PrintWriter err) throws InputException {
        boolean terminal = System.console() != null;
        List<Path> recordings = Inputs.recordingsIn(inputs);
        Analysis analysis = new Analysis(new Tool("weft", WeftVersion.current()),
                new RecordingReader(terminal ? err : null));
        return analysis.run(recordings, gate);
    }

    /** One line on {@code err} per recording that was cut short, saying what to do about it. */
    static void warnAboutCutRecordings(Report report, PrintWriter err) {
        report.recordings().stream().filter(RecordingSummary::cut).forEach(recording -> err.println(String.format(
                Locale.ROOT, "weft: '%s' was cut short after %,d events: the report covers only those (record again and"
                        + " let the JVM exit normally, or dump a running one with jcmd <pid> JFR.dump)",
                recording.path(), recording.events())));
    }
}
