package dev.weft.cli.report;

import java.util.List;

/**
 * The counts a CI job reads first, and the gate's verdict on them.
 *
 * <p>The counts are of every finding listed. The gate judges fewer: findings {@linkplain
 * Finding#inDependencies() wholly in dependencies} only when {@code dependenciesGated}
 * ({@code --gate-dependencies}), because a team cannot fix a library's race in its own build.
 *
 * @param baselined          findings a baseline accepted: left out of the other counts and of the gate
 * @param dependencyFindings findings wholly in dependencies, among the counted ones
 * @param dependenciesGated  whether the gate judged those too
 */
public record Summary(int findings, int errors, int warnings, int infos, Gate gate, boolean gateFailed,
                      int baselined, int dependencyFindings, boolean dependenciesGated) {
    /** Counts {@code findings} by severity and applies the gate to them. */
    public static Summary of(List<Finding> findings, Gate gate, boolean dependenciesGated, int baselined) {
        int[] bySeverity = new int[Severity.values().length];
        int inDependencies = 0;
        boolean failed = false;
        for (Finding finding : findings) {
            bySeverity[finding.severity().ordinal()]++;
            inDependencies += finding.inDependencies() ? 1 : 0;
            failed |= fails(gate, dependenciesGated, finding);
        }
        return new Summary(findings.size(), bySeverity[Severity.ERROR.ordinal()],
                bySeverity[Severity.WARNING.ordinal()], bySeverity[Severity.INFO.ordinal()], gate, failed, baselined,
                inDependencies, dependenciesGated);
    }

    /** Whether the gate looks at this finding at all: always, unless it is wholly in dependencies. */
    public boolean judges(Finding finding) {
        return judges(dependenciesGated, finding);
    }

    /** Whether this finding alone fails the gate. */
    public boolean fails(Finding finding) {
        return fails(gate, dependenciesGated, finding);
    }

    private static boolean judges(boolean dependenciesGated, Finding finding) {
        return dependenciesGated || !finding.inDependencies();
    }

    private static boolean fails(Gate gate, boolean dependenciesGated, Finding finding) {
        return judges(dependenciesGated, finding) && gate.failsOn(finding.severity());
    }
}
