package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.ThreadCount;
import dev.weft.cli.report.WaitTimes;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The individual waits seen at one site: their durations, who waited and behind whom, and, for a
 * site inside the JDK, from which application code.
 */
final class ContentionTally {
    /** Entries name at most this many waiters and owners, the most frequent. */
    static final int TOP_THREADS = 10;

    private final WaitDistribution waits = new WaitDistribution();
    private final Map<String, Long> waiters = new HashMap<>();
    private final Map<String, Long> owners = new HashMap<>();
    private final Map<Frame, Long> callers = new HashMap<>();

    /** @param owner the thread waited behind, or null when unknown */
    void add(long waitNanos, String waiter, String owner) {
        add(waitNanos, waiter, owner, null);
    }

    /**
     * @param owner  the thread waited behind, or null when unknown
     * @param caller the application frame that led into the JDK code of the site, or null
     */
    void add(long waitNanos, String waiter, String owner, Frame caller) {
        if (caller != null) {
            callers.merge(caller, 1L, Long::sum);
        }
        waits.add(waitNanos);
        if (waiter != null) {
            waiters.merge(waiter, 1L, Long::sum);
        }
        if (owner != null) {
            owners.merge(owner, 1L, Long::sum);
        }
    }

    ContentionTally absorb(ContentionTally other) {
        waits.addAll(other.waits);
        other.waiters.forEach((thread, count) -> waiters.merge(thread, count, Long::sum));
        other.owners.forEach((thread, count) -> owners.merge(thread, count, Long::sum));
        other.callers.forEach((caller, count) -> callers.merge(caller, count, Long::sum));
        return this;
    }

    long count() {
        return waits.count();
    }

    long totalNanos() {
        return waits.total();
    }

    /** Percentiles and maximum from the waits seen, the total at least {@code countedTotal}. */
    WaitTimes waitTimes(long countedTotal) {
        long total = Math.max(countedTotal, waits.total());
        if (waits.count() == 0) {
            return new WaitTimes(total, null, null, null);
        }
        return new WaitTimes(total, waits.percentile(50), waits.percentile(99), waits.max());
    }

    /** The application frame that led into the site most often, or null when none was recorded. */
    Frame topCaller() {
        return callers.entrySet().stream()
                .max(Map.Entry.<Frame, Long>comparingByValue()
                        .thenComparing(entry -> entry.getKey().toString(), Comparator.reverseOrder()))
                .map(Map.Entry::getKey)
                .orElse(null);
    }

    List<ThreadCount> topWaiters() {
        return top(waiters);
    }

    List<ThreadCount> topOwners() {
        return top(owners);
    }

    private static List<ThreadCount> top(Map<String, Long> counts) {
        return counts.entrySet().stream()
                .map(entry -> new ThreadCount(entry.getKey(), entry.getValue()))
                .sorted(Comparator.comparingLong(ThreadCount::count).reversed().thenComparing(ThreadCount::thread))
                .limit(TOP_THREADS)
                .toList();
    }
}
