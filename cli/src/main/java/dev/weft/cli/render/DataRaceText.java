package dev.weft.cli.render;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.StackSource;
import java.util.List;
import java.util.Locale;

/**
 * A data race told as ThreadSanitizer tells one, which many readers know from C, C++ and Go: the
 * access reported, "Write of com.acme.Counter.count by thread "worker-2":" with its stack and the
 * locks held, then the one it raced with, "Previous read by thread "worker-1":" with its stack and
 * locks, then where each thread was created. The agent has no stack of an earlier access: what is
 * shown there was seen at its site at another moment, or is its site alone, and a line in
 * parentheses says which ({@link #provenance}). The text report uses all of it, the HTML report
 * the headlines and provenance.
 */
final class DataRaceText {
    static final String RULE = "data-race";

    private DataRaceText() {
    }

    /** Whether the finding is a data race with its two accesses, current first. */
    static boolean tells(Finding finding) {
        return RULE.equals(finding.rule()) && finding.locations().size() == 2;
    }

    /** {@code Write of com.acme.Counter.count} for the access reported, {@code Previous read} for the other. */
    static String headline(Finding finding, int index) {
        Location location = finding.locations().get(index);
        String kind = location.access() == null ? "access" : location.access();
        if (index > 0) {
            return "Previous " + kind;
        }
        String of = finding.field() == null ? "" : " of " + finding.field();
        return kind.substring(0, 1).toUpperCase(Locale.ROOT) + kind.substring(1) + of;
    }

    /**
     * Where a location's stack and locks were seen, when not at the access itself: {@code stack and
     * locks held as seen at a later execution of this site}; null for the access's own.
     */
    static String provenance(Location location) {
        StackSource source = location.stackSource();
        if (source == null || source == StackSource.ACCESS) {
            return null;
        }
        String by = location.stackThread() == null ? "" : " by thread \"" + location.stackThread() + "\"";
        return switch (source) {
            case SAME_RACE -> "stack and locks held as seen when this thread reported the same race";
            case LATER_EXECUTION -> "stack and locks held as seen at a later execution of this site" + by;
            case OTHER_RACE -> "stack and locks held as seen at this site in another race report" + by;
            default -> "only the site is known: weft keeps no stack of an earlier access, and caught none at this"
                    + " site later";
        };
    }

    /** {@code Locks held: none}, or the locks, one a line ({@code Mutex … taken at …}). */
    private static void appendLocks(StringBuilder text, Location location, String nl) {
        if (!location.locksKnown()) {
            if (location.stackSource() != null && location.stackSource() != StackSource.NONE) {
                text.append("    Locks held: not recorded").append(nl);
            }
            return;
        }
        if (location.locksHeld().isEmpty()) {
            text.append("    Locks held: none").append(nl);
            return;
        }
        text.append("    Locks held:").append(nl);
        location.locksHeld().forEach(lock -> text.append("      Mutex ").append(lock).append(nl));
    }

    /** {@code thread "worker-2"}, or {@code an unknown thread}. */
    private static String byThread(Location location) {
        return location.thread() == null ? "an unknown thread" : "thread \"" + location.thread() + "\"";
    }

    /**
     * The two accesses with their stacks and locks, then the threads' creation sites; each line ends in
     * {@code nl}. Locks are told only when known: recordings of older agents do not have them.
     */
    static void append(StringBuilder text, Finding finding, String nl) {
        List<Location> accesses = finding.locations();
        for (int index = 0; index < accesses.size(); index++) {
            Location location = accesses.get(index);
            text.append("  ").append(headline(finding, index)).append(" by ").append(byThread(location)).append(':')
                    .append(nl);
            String provenance = provenance(location);
            if (provenance != null) {
                text.append("    (").append(provenance).append(')').append(nl);
            }
            List<String> frames = location.stack().isEmpty() ? List.of(location.at().toString()) : location.stack();
            frames.forEach(frame -> text.append("      at ").append(frame).append(nl));
            appendLocks(text, location, nl);
        }
        for (Location location : accesses) {
            if (location.threadCreatedAt() != null) {
                String thread = location.thread() == null ? "(unknown)" : "\"" + location.thread() + "\"";
                text.append("  Thread ").append(thread).append(" created at ").append(location.threadCreatedAt())
                        .append(nl);
            }
        }
    }
}
