package dev.weft.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Collects what the analyzers contribute, in any order, and fixes the order of everything when it
 * builds the {@link Report}, so that output is the same from run to run.
 */
public final class ReportBuilder {
    private static final Comparator<Finding> WORST_FIRST = Comparator
            .comparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparing(finding -> String.valueOf(finding.field()))
            .thenComparing(Finding::fingerprint);

    private static final Comparator<ContentionEntry> MOST_WAIT_FIRST = Comparator
            .comparingLong((ContentionEntry entry) -> entry.waitNanos().total()).reversed()
            .thenComparing(Comparator.comparingLong(ContentionEntry::contended).reversed())
            .thenComparing(entry -> entry.site().toString())
            .thenComparing(ContentionEntry::lockClass)
            .thenComparing(ContentionEntry::lockKind);

    private final Tool tool;
    private final List<RecordingSummary> recordings = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<ContentionEntry> contention = new ArrayList<>();
    private final List<StartedThread> threads = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    public ReportBuilder(Tool tool) {
        this.tool = tool;
    }

    public ReportBuilder addRecording(RecordingSummary recording) {
        recordings.add(recording);
        return this;
    }

    public ReportBuilder addFinding(Finding finding) {
        findings.add(finding);
        return this;
    }

    public ReportBuilder addContention(ContentionEntry entry) {
        contention.add(entry);
        return this;
    }

    public ReportBuilder addThread(StartedThread thread) {
        threads.add(thread);
        return this;
    }

    public ReportBuilder addNote(String note) {
        notes.add(note);
        return this;
    }

    public Report build(Gate gate) {
        List<Finding> sortedFindings = findings.stream().sorted(WORST_FIRST).toList();
        List<ContentionEntry> sortedContention = contention.stream().sorted(MOST_WAIT_FIRST).toList();
        return new Report(tool, recordings, summarize(sortedFindings, gate), sortedFindings, sortedContention,
                threads, notes);
    }

    private static Summary summarize(List<Finding> findings, Gate gate) {
        int[] bySeverity = new int[Severity.values().length];
        boolean failed = false;
        for (Finding finding : findings) {
            bySeverity[finding.severity().ordinal()]++;
            failed |= gate.failsOn(finding.severity());
        }
        return new Summary(findings.size(), bySeverity[Severity.ERROR.ordinal()],
                bySeverity[Severity.WARNING.ordinal()], bySeverity[Severity.INFO.ordinal()], gate, failed);
    }
}
