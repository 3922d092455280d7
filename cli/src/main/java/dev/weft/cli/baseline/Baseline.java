package dev.weft.cli.baseline;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Report;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The findings a team has accepted, so that CI fails only on new ones: adopt weft on a code base
 * with known problems today, fix them over time, and never let a new one in.
 *
 * <p>Entries match findings by {@link Finding#fingerprint() fingerprint} alone, which leaves out
 * line numbers and thread names, so an accepted finding stays accepted while the code around it
 * is edited, and becomes new again when it moves to another method or field.
 *
 * <p>Rewriting a baseline ({@link #update}) keeps what people wrote: an entry whose finding is
 * seen again keeps its justification. Entries whose finding was not seen are kept too, unless
 * pruning is asked for, because concurrency findings depend on the interleavings a run happened
 * to hit: one quiet run is no proof of a fix, and dropping the entry would fail the next run
 * that hits it again.
 */
public final class Baseline {
    private static final Comparator<BaselineEntry> READING_ORDER = Comparator
            .comparing(BaselineEntry::rule, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(BaselineEntry::field, Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparing(BaselineEntry::fingerprint);

    private final Map<String, BaselineEntry> byFingerprint = new LinkedHashMap<>();

    /** @param entries the first of several entries with one fingerprint wins */
    public Baseline(List<BaselineEntry> entries) {
        entries.stream().sorted(READING_ORDER).forEach(entry -> byFingerprint.putIfAbsent(entry.fingerprint(), entry));
    }

    public static Baseline empty() {
        return new Baseline(List.of());
    }

    /** The entries, by rule, field and fingerprint: the order of the file, so that diffs stay small. */
    public List<BaselineEntry> entries() {
        return List.copyOf(byFingerprint.values());
    }

    public boolean accepts(Finding finding) {
        return byFingerprint.containsKey(finding.fingerprint());
    }

    /**
     * {@code report} without the findings this baseline accepts, the gate judging only the rest,
     * and a note that says how many were left out and how many entries matched nothing.
     *
     * @param source how to name the baseline in the note, e.g. its file name
     */
    public Report apply(Report report, String source) {
        Set<String> seen = report.findings().stream().map(Finding::fingerprint).collect(Collectors.toSet());
        long accepted = report.findings().stream().filter(this::accepts).count();
        long unmatched = byFingerprint.keySet().stream().filter(fingerprint -> !seen.contains(fingerprint)).count();
        return report.withoutAccepted(this::accepts, note(source, accepted, unmatched));
    }

    /**
     * This baseline accepting {@code findings} as well: new entries for findings it lacks; entries
     * whose finding was not among them dropped only when {@code prune}.
     */
    public Update update(List<Finding> findings, boolean prune) {
        Map<String, BaselineEntry> result = new LinkedHashMap<>();
        int added = 0;
        for (Finding finding : findings) {
            BaselineEntry existing = byFingerprint.get(finding.fingerprint());
            if (existing == null && !result.containsKey(finding.fingerprint())) {
                added++;
            }
            result.putIfAbsent(finding.fingerprint(), existing != null ? existing : BaselineEntry.of(finding));
        }
        int kept = result.size() - added;
        int dropped = 0;
        for (BaselineEntry entry : byFingerprint.values()) {
            if (!result.containsKey(entry.fingerprint())) {
                if (prune) {
                    dropped++;
                } else {
                    result.put(entry.fingerprint(), entry);
                    kept++;
                }
            }
        }
        return new Update(new Baseline(List.copyOf(result.values())), added, kept, dropped);
    }

    private static String note(String source, long accepted, long unmatched) {
        if (accepted == 0 && unmatched == 0) {
            return null;
        }
        StringBuilder note = new StringBuilder("Baseline ").append(source).append(": ");
        note.append(accepted == 1 ? "1 accepted finding is" : accepted + " accepted findings are")
                .append(" left out of this report and of the gate");
        if (unmatched > 0) {
            note.append("; ").append(unmatched == 1 ? "1 entry matches" : unmatched + " entries match")
                    .append(" no finding of these recordings (fixed, or not exercised this time;"
                            + " 'weft baseline --prune' drops such entries)");
        }
        return note.append('.').toString();
    }

    /**
     * What {@link #update} did.
     *
     * @param added   entries for findings the baseline lacked
     * @param kept    entries it already had, kept with their justification
     * @param dropped entries whose finding was not seen, dropped because pruning was asked for
     */
    public record Update(Baseline baseline, int added, int kept, int dropped) {
    }
}
