package dev.weft.cli.report;

import java.util.List;

/**
 * Everything one {@code weft analyze} run found, independent of how it is shown: every renderer
 * (text, JSON, later SARIF or JUnit) reads this one model, so the formats cannot disagree.
 * Built by {@link ReportBuilder}.
 *
 * @param findings   worst first
 * @param contention most total wait first
 * @param notes      what the reader should know about the inputs themselves
 */
public record Report(Tool tool, List<RecordingSummary> recordings, Summary summary, List<Finding> findings,
                     List<ContentionEntry> contention, List<StartedThread> threads, List<String> notes) {
    public Report {
        recordings = List.copyOf(recordings);
        findings = List.copyOf(findings);
        contention = List.copyOf(contention);
        threads = List.copyOf(threads);
        notes = List.copyOf(notes);
    }

    /** Whether any input ended before its recording did, so the report may miss events. */
    public boolean anyRecordingCut() {
        return recordings.stream().anyMatch(RecordingSummary::cut);
    }
}
