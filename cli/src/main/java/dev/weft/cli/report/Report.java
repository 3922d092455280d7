package dev.weft.cli.report;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Everything one {@code weft analyze} run found, independent of how it is shown: every renderer
 * (text, JSON, HTML, later SARIF or JUnit) reads this one model, so the formats cannot disagree.
 * Built by {@link ReportBuilder}.
 *
 * @param findings     worst first
 * @param contention   lock contention, most total wait first, then {@link LockKind#WAIT} entries
 * @param pinning      where virtual threads were pinned, most total time first
 * @param timeline     the threads around the longest lock wait, or null when no wait was recorded
 * @param checkedRules the rules whose input the recordings hold (their events were declared), sorted:
 *                     a rule not listed was not checked, so its lack of findings means nothing
 * @param notes        what the reader should know about the inputs themselves
 */
public record Report(Tool tool, List<RecordingSummary> recordings, Summary summary, List<Finding> findings,
                     List<ContentionEntry> contention, List<PinnedSite> pinning, Timeline timeline,
                     List<StartedThread> threads, List<String> checkedRules, List<String> notes) {
    public Report {
        recordings = List.copyOf(recordings);
        findings = List.copyOf(findings);
        contention = List.copyOf(contention);
        pinning = List.copyOf(pinning);
        threads = List.copyOf(threads);
        checkedRules = List.copyOf(checkedRules);
        notes = List.copyOf(notes);
    }

    /** A report without pinning, timeline or rule coverage (e.g. one rebuilt from another's parts). */
    public Report(Tool tool, List<RecordingSummary> recordings, Summary summary, List<Finding> findings,
                  List<ContentionEntry> contention, List<StartedThread> threads, List<String> notes) {
        this(tool, recordings, summary, findings, contention, List.of(), null, threads, List.of(), notes);
    }

    /** This report with other findings and summary (e.g. after a baseline accepted some), all else kept. */
    public Report withFindings(List<Finding> findings, Summary summary) {
        return new Report(tool, recordings, summary, findings, contention, pinning, timeline, threads, checkedRules,
                notes);
    }

    /** Whether any input ended before its recording did, so the report may miss events. */
    public boolean anyRecordingCut() {
        return recordings.stream().anyMatch(RecordingSummary::cut);
    }

    /**
     * This report without the findings a baseline accepted: the summary counts, and the gate judges,
     * only the rest; {@link Summary#baselined()} says how many were left out, and {@code note} (if
     * not null) tells the reader.
     */
    public Report withoutAccepted(Predicate<Finding> accepted, String note) {
        List<Finding> kept = findings.stream().filter(accepted.negate()).toList();
        List<String> allNotes = new ArrayList<>(notes);
        if (note != null) {
            allNotes.add(note);
        }
        Summary rest = Summary.of(kept, summary.gate(), summary.dependenciesGated(),
                summary.baselined() + findings.size() - kept.size());
        return new Report(tool, recordings, rest, kept, contention, pinning, timeline, threads, checkedRules, allNotes);
    }

    /**
     * This report with findings wholly in dependencies judged by the gate too ({@code --gate-dependencies}):
     * by default a team is not failed for races inside the libraries it uses.
     */
    public Report withDependenciesGated() {
        return withFindings(findings, Summary.of(findings, summary.gate(), true, summary.baselined()));
    }

    /** The findings with a location in the application's code, worst first. */
    public List<Finding> applicationFindings() {
        return findings.stream().filter(finding -> !finding.inDependencies()).toList();
    }

    /** The findings wholly in dependencies' code, worst first: the reports list them apart. */
    public List<Finding> dependencyFindings() {
        return findings.stream().filter(Finding::inDependencies).toList();
    }

    /** Whether the recordings held what {@code rule} needs, so that its findings (or their absence) mean something. */
    public boolean checked(String rule) {
        return checkedRules.contains(rule);
    }
}
