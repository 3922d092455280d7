package dev.weft.cli;

import dev.weft.cli.report.Report;

/** What {@code weft}'s exit code tells a CI job. */
public final class ExitCodes {
    /** Nothing at or above the gate. */
    public static final int PASSED = 0;
    /** Findings at or above the gate. */
    public static final int GATE_FAILED = 1;
    /** A usage error, or input that could not be read (entirely or, for a cut recording, in part). */
    public static final int USAGE_OR_INPUT = 2;

    private ExitCodes() {
    }

    /**
     * Failed gate first: a run with findings must fail as findings even when an input was cut,
     * because a CI job that treats 2 as "tool trouble, retry" would otherwise hide them.
     */
    static int of(Report report) {
        if (report.summary().gateFailed()) {
            return GATE_FAILED;
        }
        return report.anyRecordingCut() ? USAGE_OR_INPUT : PASSED;
    }
}
