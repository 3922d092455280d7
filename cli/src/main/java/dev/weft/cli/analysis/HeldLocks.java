package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the agent's {@code heldLocks} field: one lock a line, outermost first, as
 * {@code lockClass@hexIdentity siteClass.siteMethod:siteLine}. Each becomes
 * {@code java.util.concurrent.locks.ReentrantLock@1b6d3586 taken at com.acme.Foo.bar(Foo.java:12)}.
 */
final class HeldLocks {
    private HeldLocks() {
    }

    /** The locks, outermost first; empty when none were held; null when the field is absent (not recorded). */
    static List<String> parse(String field) {
        if (field == null) {
            return null;
        }
        List<String> locks = new ArrayList<>();
        for (String line : field.split("\n")) {
            if (!line.isBlank()) {
                locks.add(describe(line.strip()));
            }
        }
        return locks;
    }

    private static String describe(String line) {
        int space = line.indexOf(' ');
        if (space < 0) {
            return line;
        }
        String lock = line.substring(0, space);
        String site = line.substring(space + 1);
        int colon = site.lastIndexOf(':');
        int dot = colon < 0 ? -1 : site.lastIndexOf('.', colon);
        if (dot <= 0) {
            return lock + " taken at " + site;
        }
        int lineNumber;
        try {
            lineNumber = Integer.parseInt(site.substring(colon + 1));
        } catch (NumberFormatException e) {
            lineNumber = Frame.UNKNOWN_LINE;
        }
        return lock + " taken at " + new Frame(site.substring(0, dot), site.substring(dot + 1, colon), lineNumber);
    }
}
