package dev.weft.cli.report;

import java.util.List;

/**
 * The counts a CI job reads first, and the gate's verdict on them.
 *
 * @param baselined findings a baseline accepted: left out of the other counts and of the gate
 */
public record Summary(int findings, int errors, int warnings, int infos, Gate gate, boolean gateFailed,
                      int baselined) {
    /** Counts {@code findings} by severity and applies the gate to them. */
    public static Summary of(List<Finding> findings, Gate gate, int baselined) {
        int[] bySeverity = new int[Severity.values().length];
        boolean failed = false;
        for (Finding finding : findings) {
            bySeverity[finding.severity().ordinal()]++;
            failed |= gate.failsOn(finding.severity());
        }
        return new Summary(findings.size(), bySeverity[Severity.ERROR.ordinal()],
                bySeverity[Severity.WARNING.ordinal()], bySeverity[Severity.INFO.ordinal()], gate, failed, baselined);
    }
}
