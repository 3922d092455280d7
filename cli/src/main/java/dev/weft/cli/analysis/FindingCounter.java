package dev.weft.cli.analysis;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.ReportBuilder;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Folds the occurrences of one problem into one finding: occurrences with the same fingerprint (the
 * same rule at the same methods) become the first one seen, with the number of occurrences as its
 * count. A rule that sees the same lock cycle between a thousand pairs of objects reports it once.
 */
final class FindingCounter {
    private final Map<String, Finding> firstByFingerprint = new LinkedHashMap<>();
    private final Map<String, Long> counts = new LinkedHashMap<>();

    void add(Finding occurrence) {
        firstByFingerprint.putIfAbsent(occurrence.fingerprint(), occurrence);
        counts.merge(occurrence.fingerprint(), occurrence.count(), Long::sum);
    }

    void contributeTo(ReportBuilder report) {
        firstByFingerprint.forEach((fingerprint, first) -> report.addFinding(new Finding(first.rule(),
                first.severity(), first.field(), first.message(), first.fixHint(), first.fingerprint(),
                counts.get(fingerprint), first.locations(), first.notes())));
    }
}
