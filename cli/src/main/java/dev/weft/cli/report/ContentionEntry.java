package dev.weft.cli.report;

import java.util.List;

/**
 * Contention at one acquisition site for one kind and class of lock, or, for {@link LockKind#WAIT},
 * the time threads spent in {@code Object.wait()} at one call site.
 *
 * @param site              where the lock was acquired (or {@code wait()} called)
 * @param calledFrom        when {@code site} is inside the JDK, the innermost application frame that led
 *                          there most often; null otherwise
 * @param acquisitions      all acquisitions at the site, or null when the recording did not count them
 *                          (only weft's agent does)
 * @param contended         acquisitions that had to wait
 * @param blockingHolds     j.u.c. locks with weft's agent: how many holds taken at this site made other
 *                          threads wait; null when unknown (monitors, recordings without the agent)
 * @param blockingHoldNanos total time of those holds, from acquisition to release; null when unknown
 * @param waiters           threads that waited here, most frequent first
 * @param owners            threads they waited behind, most frequent first (empty when unknown); for
 *                          {@link LockKind#WAIT} the threads that notified them
 */
public record ContentionEntry(String lockClass, LockKind lockKind, Frame site, Frame calledFrom, Long acquisitions,
                              long contended, WaitTimes waitNanos, Long blockingHolds, Long blockingHoldNanos,
                              List<ThreadCount> waiters, List<ThreadCount> owners) {
    public ContentionEntry {
        waiters = List.copyOf(waiters);
        owners = List.copyOf(owners);
    }

    /** An entry without the details only weft's agent or a JDK-code site give. */
    public ContentionEntry(String lockClass, LockKind lockKind, Frame site, Long acquisitions, long contended,
                           WaitTimes waitNanos, List<ThreadCount> waiters, List<ThreadCount> owners) {
        this(lockClass, lockKind, site, null, acquisitions, contended, waitNanos, null, null, waiters, owners);
    }
}
