package dev.weft.runtime;

import java.lang.invoke.VarHandle;

/**
 * One shadow for a range of an array's elements — at first the whole array. FastTrack's checks as
 * in {@link RaceDetector}, with one difference: each remembered access also says which element it
 * touched ({@link ArrayAccess}). A conflict with an access to the same element is a race and is
 * reported; a conflict with an access to another element is not a race at all, so it is never
 * reported: the caller is told to refine the range (finer shadows, seeded with what this one
 * remembers) and to check the access again there. A range that may not be refined any more (the
 * per-array cap) keeps checking coarsely and lets such conflicts pass.
 *
 * <p>Like {@link Shadow}, updates are not atomic; a lost update only loses history. The epochs
 * {@link #write} and {@link #read} are the fast path's copies of the records' epochs.
 */
final class RangeShadow {
    long write = Epochs.NONE;
    ArrayAccess lastWrite;
    long read = Epochs.NONE;
    ArrayAccess lastRead;
    /** Each thread's last read since the last write, by thread number, once reads were unordered; else null. */
    ArrayAccess[] reads;

    /** The epoch of {@code tid}'s last read while reads are unordered, else {@link Epochs#NONE}. */
    long sharedReadEpoch(int tid) {
        ArrayAccess[] shared = reads;
        if (shared == null || tid >= shared.length) {
            return Epochs.NONE;
        }
        ArrayAccess mine = shared[tid];
        return mine == null ? Epochs.NONE : mine.epoch;
    }

    /**
     * Checks a read of element {@code index}.
     *
     * @return true if it conflicts with an access to another element and {@code mayRefine}: nothing
     *     was recorded, the caller refines the range and checks again
     */
    boolean read(ThreadState thread, int index, int site, boolean mayRefine, int nameId, Sink sink) {
        long epoch = thread.epoch;
        if (read == epoch) {
            return false;
        }
        int tid = thread.tid;
        ArrayAccess[] shared = reads;
        ArrayAccess mine = null;
        if (shared != null && tid < shared.length) {
            mine = shared[tid];
            if (mine != null && mine.epoch == epoch) {
                return false;
            }
        }
        VectorClock clock = thread.clock;
        ArrayAccess written = lastWrite;
        if (written != null) {
            long writtenEpoch = written.epoch;
            VarHandle.acquireFence(); // the element read after the epoch (ArrayAccess)
            long where = written.where;
            if (!Epochs.happensBefore(writtenEpoch, clock)) {
                if (ArrayAccess.index(where) == index) {
                    RaceDetector.report(thread, sink, nameId, false, site, writtenEpoch, true, ArrayAccess.site(where));
                } else if (mayRefine) {
                    return true;
                }
            }
        }
        if (shared != null) {
            if (mine != null) {
                mine.moveTo(epoch, index, site); // the thread's own record: its latest read replaces it
                return false;
            }
            ArrayAccess access = new ArrayAccess(epoch, index, site);
            if (tid >= shared.length) {
                ArrayAccess[] grown = new ArrayAccess[tid + 8];
                System.arraycopy(shared, 0, grown, 0, shared.length);
                shared = grown;
                reads = grown;
            }
            shared[tid] = access;
            return false;
        }
        ArrayAccess previous = lastRead;
        if (previous != null && previous.tid() == tid) {
            previous.moveTo(epoch, index, site); // ordered after itself: the latest read replaces it
            read = epoch;
        } else if (previous == null || Epochs.happensBefore(previous.epoch, clock)) {
            lastRead = new ArrayAccess(epoch, index, site);
            read = epoch;
        } else {
            ArrayAccess[] unordered = new ArrayAccess[Math.max(tid, previous.tid()) + 1];
            unordered[previous.tid()] = previous;
            unordered[tid] = new ArrayAccess(epoch, index, site);
            reads = unordered;
        }
        return false;
    }

    /** Checks a write of element {@code index}; returns as {@link #read} does. */
    boolean write(ThreadState thread, int index, int site, boolean mayRefine, int nameId, Sink sink) {
        long epoch = thread.epoch;
        if (write == epoch) {
            return false;
        }
        VectorClock clock = thread.clock;
        ArrayAccess written = lastWrite;
        ArrayAccess[] shared = reads;
        ArrayAccess previous = shared == null ? lastRead : null;
        if (mayRefine && (conflictsElsewhere(written, index, clock) || conflictsElsewhere(previous, index, clock))) {
            return true;
        }
        for (int i = 0; mayRefine && shared != null && i < shared.length; i++) {
            if (conflictsElsewhere(shared[i], index, clock)) {
                return true;
            }
        }
        reportIfRacing(thread, written, true, index, site, nameId, sink);
        if (shared != null) {
            for (int i = 0; i < shared.length; i++) {
                reportIfRacing(thread, shared[i], false, index, site, nameId, sink);
            }
        } else {
            reportIfRacing(thread, previous, false, index, site, nameId, sink);
        }
        if (written != null && written.tid() == thread.tid) {
            written.moveTo(epoch, index, site); // the thread's own last write: this one replaces it
        } else {
            lastWrite = new ArrayAccess(epoch, index, site);
        }
        write = epoch;
        reads = null;
        lastRead = null;
        read = Epochs.NONE;
        return false;
    }

    private static boolean conflictsElsewhere(ArrayAccess access, int index, VectorClock clock) {
        if (access == null) {
            return false;
        }
        long epoch = access.epoch;
        VarHandle.acquireFence();
        return ArrayAccess.index(access.where) != index && !Epochs.happensBefore(epoch, clock);
    }

    private static void reportIfRacing(ThreadState thread, ArrayAccess access, boolean otherWrite, int index, int site,
                                       int nameId, Sink sink) {
        if (access == null) {
            return;
        }
        long epoch = access.epoch;
        VarHandle.acquireFence();
        long where = access.where;
        if (ArrayAccess.index(where) == index && !Epochs.happensBefore(epoch, thread.clock)) {
            RaceDetector.report(thread, sink, nameId, true, site, epoch, otherWrite, ArrayAccess.site(where));
        }
    }

    /** Takes over {@code access}, remembered by a coarser shadow, as this range's last write. */
    void seedWrite(ArrayAccess access) {
        lastWrite = access;
        write = access.epoch;
    }

    /** Takes over a read remembered by a coarser shadow (with {@code shared}: one of its unordered reads). */
    void seedRead(ArrayAccess access, boolean shared) {
        if (!shared) {
            lastRead = access;
            read = access.epoch;
            return;
        }
        int tid = access.tid();
        ArrayAccess[] current = reads;
        if (current == null || tid >= current.length) {
            ArrayAccess[] grown = new ArrayAccess[tid + 8];
            if (current != null) {
                System.arraycopy(current, 0, grown, 0, current.length);
            }
            current = grown;
            reads = grown;
        }
        current[tid] = access;
    }
}
