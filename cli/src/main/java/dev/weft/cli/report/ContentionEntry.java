package dev.weft.cli.report;

import java.util.List;

/**
 * Contention at one acquisition site for one kind and class of lock.
 *
 * @param acquisitions all acquisitions at the site, or null when the recording did not count them
 *                     (only weft's agent does)
 * @param contended    acquisitions that had to wait
 * @param waiters      threads that waited here, most frequent first
 * @param owners       threads they waited behind, most frequent first (empty when unknown)
 */
public record ContentionEntry(String lockClass, LockKind lockKind, Frame site, Long acquisitions, long contended,
                              WaitTimes waitNanos, List<ThreadCount> waiters, List<ThreadCount> owners) {
    public ContentionEntry {
        waiters = List.copyOf(waiters);
        owners = List.copyOf(owners);
    }
}
