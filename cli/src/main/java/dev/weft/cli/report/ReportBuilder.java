package dev.weft.cli.report;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Collects what the analyzers contribute, in any order, and fixes the order of everything when it
 * builds the {@link Report}, so that output is the same from run to run. Each finding's locations are
 * attributed to the application or a dependency by the recorded code sources ({@link CodeOrigins}).
 * Findings in the application's code come before those wholly in dependencies (which the reports list apart), then
 * worst first; findings of one rule and severity come in order of size (a lock cycle of two before
 * one of three), then the most frequent first, then by field and fingerprint.
 */
public final class ReportBuilder {
    private static final Comparator<Finding> WORST_FIRST = Comparator
            .comparing(Finding::inDependencies)
            .thenComparing(Finding::severity)
            .thenComparing(Finding::rule)
            .thenComparingInt(finding -> finding.locations().size())
            .thenComparing(Comparator.comparingLong(Finding::count).reversed())
            .thenComparing(finding -> String.valueOf(finding.field()))
            .thenComparing(Finding::fingerprint);

    /**
     * Lock contention before time in {@code Object.wait()}, which would otherwise drown it; the
     * program's locks before the JVM's class loading.
     */
    private static final Comparator<ContentionEntry> MOST_WAIT_FIRST = Comparator
            .comparing((ContentionEntry entry) -> !entry.lockKind().isLockContention())
            .thenComparing(entry -> entry.lockKind() == LockKind.CLASS_LOADING)
            .thenComparing(Comparator.comparingLong((ContentionEntry entry) -> entry.waitNanos().total()).reversed())
            .thenComparing(Comparator.comparingLong(ContentionEntry::contended).reversed())
            .thenComparing(entry -> entry.site().toString())
            .thenComparing(ContentionEntry::lockClass)
            .thenComparing(ContentionEntry::lockKind);

    private static final Comparator<PinnedSite> MOST_PINNED_FIRST = Comparator
            .comparingLong(PinnedSite::totalNanos).reversed()
            .thenComparing(site -> site.site().toString());

    private final Tool tool;
    private final List<RecordingSummary> recordings = new ArrayList<>();
    private final List<Finding> findings = new ArrayList<>();
    private final List<ContentionEntry> contention = new ArrayList<>();
    private final List<PinnedSite> pinning = new ArrayList<>();
    private final List<StartedThread> threads = new ArrayList<>();
    private final Set<String> checkedRules = new TreeSet<>();
    private final List<String> notes = new ArrayList<>();
    private Timeline timeline;
    private CodeOrigins codeOrigins = CodeOrigins.NONE;

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

    public ReportBuilder addPinning(PinnedSite site) {
        pinning.add(site);
        return this;
    }

    public ReportBuilder timeline(Timeline timeline) {
        this.timeline = timeline;
        return this;
    }

    /** Records that the recordings held what {@code rule} needs. */
    public ReportBuilder addCheckedRule(String rule) {
        checkedRules.add(rule);
        return this;
    }

    public ReportBuilder addThread(StartedThread thread) {
        threads.add(thread);
        return this;
    }

    /** Whose code each class is, by the recordings' code sources: findings are attributed by it when built. */
    public ReportBuilder codeOrigins(CodeOrigins origins) {
        this.codeOrigins = origins;
        return this;
    }

    public ReportBuilder addNote(String note) {
        notes.add(note);
        return this;
    }

    public Report build(Gate gate) {
        List<Finding> sortedFindings = findings.stream()
                .map(finding -> codeOrigins.isEmpty() ? finding : finding.attributedBy(codeOrigins))
                .sorted(WORST_FIRST).toList();
        List<ContentionEntry> sortedContention = contention.stream().sorted(MOST_WAIT_FIRST).toList();
        return new Report(tool, recordings, Summary.of(sortedFindings, gate, false, 0), sortedFindings,
                sortedContention, pinning.stream().sorted(MOST_PINNED_FIRST).toList(), timeline, threads,
                List.copyOf(checkedRules), notes);
    }
}
