package dev.weft.cli.render;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Location;
import java.util.List;
import java.util.Locale;

/**
 * A data race told as ThreadSanitizer tells one, which many readers know from C, C++ and Go: the
 * access reported, "Write of com.acme.Counter.count by thread "worker-2":" with its stack, then the
 * one it raced with, "Previous read by thread "worker-1":" with its stack (or its site, all the agent
 * knows of an earlier access), then where each thread was created. The text report uses all of it,
 * the HTML report the headlines.
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

    /** {@code thread "worker-2"}, or {@code an unknown thread}. */
    private static String byThread(Location location) {
        return location.thread() == null ? "an unknown thread" : "thread \"" + location.thread() + "\"";
    }

    /** The two accesses with their stacks and locks, then the threads' creation sites; each line ends in {@code nl}. */
    static void append(StringBuilder text, Finding finding, String nl) {
        List<Location> accesses = finding.locations();
        for (int index = 0; index < accesses.size(); index++) {
            Location location = accesses.get(index);
            text.append("  ").append(headline(finding, index)).append(" by ").append(byThread(location)).append(':')
                    .append(nl);
            List<String> frames = location.stack().isEmpty() ? List.of(location.at().toString()) : location.stack();
            frames.forEach(frame -> text.append("      at ").append(frame).append(nl));
            if (!location.locksHeld().isEmpty()) {
                text.append("    locks held: ").append(String.join(", ", location.locksHeld())).append(nl);
            }
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
