package dev.weft.cli.analysis;

import dev.weft.cli.report.LockKind;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the site weft counted that a separately reported wait belongs to.
 *
 * <p>JFR's {@code jdk.JavaMonitorEnter} names the lock site by its top stack frame, weft's agent by
 * the instruction it instrumented; the two agree on class and method but not always on the line
 * (a {@code synchronized} method locks before its first line runs, and JFR reports that first
 * line). So: the same site and lock class, else the one counted site of that kind on that line,
 * else the one in that method. When that is ambiguous, the wait keeps a site of its own rather
 * than being credited to the wrong lock.
 */
final class CountedSites {
    private final Set<SiteKey> counted;
    private final Map<Line, List<SiteKey>> byLine = new HashMap<>();
    private final Map<Method, List<SiteKey>> byMethod = new HashMap<>();

    CountedSites(Set<SiteKey> counted) {
        this.counted = counted;
        for (SiteKey key : counted) {
            byLine.computeIfAbsent(lineOf(key), k -> new ArrayList<>()).add(key);
            byMethod.computeIfAbsent(methodOf(key), k -> new ArrayList<>()).add(key);
        }
    }

    /** The counted site the waits reported under {@code reported} belong to, or {@code reported} itself. */
    SiteKey siteFor(SiteKey reported) {
        if (counted.contains(reported)) {
            return reported;
        }
        List<SiteKey> onLine = byLine.getOrDefault(lineOf(reported), List.of());
        if (onLine.size() == 1) {
            return onLine.get(0);
        }
        List<SiteKey> inMethod = byMethod.getOrDefault(methodOf(reported), List.of());
        if (onLine.isEmpty() && inMethod.size() == 1) {
            return inMethod.get(0);
        }
        return reported;
    }

    private static Line lineOf(SiteKey key) {
        return new Line(key.kind(), key.site().className(), key.site().method(), key.site().line());
    }

    private static Method methodOf(SiteKey key) {
        return new Method(key.kind(), key.site().className(), key.site().method());
    }

    private record Line(LockKind kind, String className, String method, int line) {
    }

    private record Method(LockKind kind, String className, String method) {
    }
}
