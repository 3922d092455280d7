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
 * the instruction it instrumented; the two agree on class and method but not always on the line.
 * JFR takes its stack once the monitor is entered, so its frame is often on the first statement
 * <em>inside</em> the {@code synchronized} block, one or more lines below the block's own line
 * (and a {@code synchronized} method locks before its first line runs). So: the same site and lock
 * class, else the counted site of that kind in the same class and method with the greatest line
 * not after the reported one (the innermost block that starts above it), else the one site in that
 * method. When that is ambiguous, the wait keeps a site of its own rather than being credited to
 * the wrong lock.
 */
final class CountedSites {
    private final Set<SiteKey> counted;
    private final Map<Method, List<SiteKey>> byMethod = new HashMap<>();

    CountedSites(Set<SiteKey> counted) {
        this.counted = counted;
        for (SiteKey key : counted) {
            byMethod.computeIfAbsent(methodOf(key), k -> new ArrayList<>()).add(key);
        }
    }

    /** The counted site the waits reported under {@code reported} belong to, or {@code reported} itself. */
    SiteKey siteFor(SiteKey reported) {
        if (counted.contains(reported)) {
            return reported;
        }
        List<SiteKey> inMethod = byMethod.getOrDefault(methodOf(reported), List.of());
        int line = reported.site().line();
        int closestLine = Integer.MIN_VALUE;
        for (SiteKey site : inMethod) {
            int siteLine = site.site().line();
            if (siteLine <= line && siteLine > closestLine) {
                closestLine = siteLine;
            }
        }
        if (closestLine == Integer.MIN_VALUE) {
            return inMethod.size() == 1 ? inMethod.get(0) : reported;
        }
        int onClosestLine = closestLine;
        List<SiteKey> candidates = inMethod.stream().filter(site -> site.site().line() == onClosestLine).toList();
        if (candidates.size() == 1) {
            return candidates.get(0);
        }
        List<SiteKey> sameLockClass = candidates.stream()
                .filter(site -> site.lockClass().equals(reported.lockClass())).toList();
        return sameLockClass.size() == 1 ? sameLockClass.get(0) : reported;
    }

    private static Method methodOf(SiteKey key) {
        return new Method(key.kind(), key.site().className(), key.site().method());
    }

    private record Method(LockKind kind, String className, String method) {
    }
}
