package dev.weft.junit;

import dev.weft.cli.render.TextRenderer;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Severity;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What one check found that no earlier check had: the findings that fail the gate, and those
 * below it (or wholly inside dependencies, which the gate does not judge), which are only
 * mentioned.
 *
 * @param scope     what ran since the previous check, as the messages name it
 * @param recording the dump the check analyzed (kept only when the check failed)
 */
record CheckOutcome(String scope, Gate gate, List<Finding> failing, List<Finding> belowGate, Path recording) {
    static CheckOutcome of(String scope, Gate gate, List<Finding> findings, Path recording) {
        return new CheckOutcome(scope, gate,
                findings.stream().filter(finding -> fails(gate, finding)).toList(),
                findings.stream().filter(finding -> !fails(gate, finding)).toList(),
                recording);
    }

    private static boolean fails(Gate gate, Finding finding) {
        return gate.failsOn(finding.severity()) && !finding.inDependencies();
    }

    boolean failed() {
        return !failing.isEmpty();
    }

    /** One line: what was found, for a report entry or the log. */
    String summary() {
        if (failing.isEmpty() && belowGate.isEmpty()) {
            return "weft: no new findings while " + scope + " ran";
        }
        String verdict = failed() ? "gate '" + gate + "' failed" : "gate '" + gate + "' passed";
        return "weft: " + counts(failing, belowGate) + " while " + scope + " ran: " + verdict;
    }

    /** The findings that fail the gate, each as weft's text report shows it, and where the recording is. */
    String failureMessage() {
        String findings = failing.stream().map(TextRenderer::plainText).collect(Collectors.joining("\n\n"));
        return verdict() + ":\n\n" + findings + "\n\nThe recording is kept for the whole report: weft analyze "
                + recording;
    }

    /** One line for where the findings were listed already: the verdict, and where the recording is. */
    String shortFailureMessage() {
        return verdict() + " (listed above); the recording is kept for the whole report: weft analyze " + recording;
    }

    private String verdict() {
        String count = failing.size() == 1 ? "1 finding" : failing.size() + " findings";
        return "weft found " + count + " at or above '" + gate + "' while " + scope + " ran";
    }

    private static String counts(List<Finding> failing, List<Finding> belowGate) {
        long errors = count(failing, belowGate, Severity.ERROR);
        long warnings = count(failing, belowGate, Severity.WARNING);
        long infos = count(failing, belowGate, Severity.INFO);
        return String.format(Locale.ROOT, "%d %s, %d %s, %d %s", errors, plural(errors, "error"), warnings,
                plural(warnings, "warning"), infos, plural(infos, "info"));
    }

    private static long count(List<Finding> failing, List<Finding> belowGate, Severity severity) {
        return failing.stream().filter(finding -> finding.severity() == severity).count()
                + belowGate.stream().filter(finding -> finding.severity() == severity).count();
    }

    private static String plural(long count, String noun) {
        return count == 1 ? noun : noun + "s";
    }
}
