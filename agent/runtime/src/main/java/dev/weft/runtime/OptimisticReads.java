package dev.weft.runtime;

/**
 * {@code StampedLock}'s optimistic reads: between {@code tryOptimisticRead()} and
 * {@code validate(stamp)} a thread reads without holding the lock, and a writer may well be
 * writing what it reads — the race is the idiom's design: a failed validation makes the reader
 * discard what it read and retry under the read lock.
 *
 * <p>So reads in that window are speculative. They are checked against earlier writes, but what
 * they find is held back until the validation: reported if it succeeds (no writer took the lock,
 * so a conflicting write came from code that does not use it — a real race), dropped if it fails.
 * Speculative reads are not recorded in shadows, so a writer that comes later does not see them
 * as reads it races with; a race between such a read and an unlocked write that comes later is
 * missed (the price of never reporting the idiom itself). At most {@value #HELD_BACK} findings are
 * held back per window.
 */
final class OptimisticReads {
    private static final int HELD_BACK = 16;
    private final int[] fieldIds = new int[HELD_BACK];
    private final int[] sites = new int[HELD_BACK];
    private final long[] otherEpochs = new long[HELD_BACK];
    private final int[] otherSites = new int[HELD_BACK];
    private int count;

    /** The current thread got an optimistic stamp: its reads are speculative from now on. */
    static void started(ThreadState thread) {
        if (thread.optimistic == null) {
            thread.optimistic = new OptimisticReads();
        } else {
            thread.optimistic.count = 0;
        }
        thread.speculating = true;
    }

    /** A speculative read of {@code shadow}'s location at {@code site}. */
    static void read(ThreadState thread, Shadow shadow, int fieldId, int site) {
        long lastWrite = shadow.write;
        if (!Epochs.happensBefore(lastWrite, thread.clock)) {
            thread.optimistic.holdBack(fieldId, site, lastWrite, shadow.writeSite);
        }
    }

    /** The stamp was validated ({@code valid}) or not: what the window's reads found is reported or dropped. */
    static void validated(ThreadState thread, boolean valid, Sink sink) {
        OptimisticReads window = thread.optimistic;
        if (!thread.speculating || window == null) {
            return;
        }
        thread.speculating = false;
        for (int i = 0; valid && i < window.count; i++) {
            RaceDetector.report(thread, sink, window.fieldIds[i], false, window.sites[i], window.otherEpochs[i], true,
                window.otherSites[i]);
        }
        window.count = 0;
    }

    private void holdBack(int fieldId, int site, long otherEpoch, int otherSite) {
        for (int i = 0; i < count; i++) {
            if (fieldIds[i] == fieldId && sites[i] == site && otherSites[i] == otherSite) {
                return;
            }
        }
        if (count < HELD_BACK) {
            fieldIds[count] = fieldId;
            sites[count] = site;
            otherEpochs[count] = otherEpoch;
            otherSites[count] = otherSite;
            count++;
        }
    }
}
