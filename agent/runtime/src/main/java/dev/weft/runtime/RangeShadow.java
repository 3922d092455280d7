package dev.weft.runtime;

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
 *
 * <p>Once reads are unordered, each reading thread keeps its last read in a {@link ReadSlot} of its
 * own, which only it updates after the slot is made: threads that read an array in turn (a table
 * every request looks at, under a read lock or not at all) then each write their own memory, where
 * records stored side by side in one array made every read of one thread take the cache line from
 * the other.
 */
final class RangeShadow {
    long write = Epochs.NONE;
    ArrayAccess lastWrite;
    long read = Epochs.NONE;
    ArrayAccess lastRead;
    /** Each thread's last read since the last write, by thread number, once reads were unordered; else null. */
    private ReadSlot[] reads;

    /**
     * A thread's last read while reads are unordered, updated only by that thread: its record
     * ({@link ArrayAccess}, immutable) is what other threads read, and the epoch beside it is the
     * owner's copy for its same-epoch check. A slot made by another thread (which found the reads
     * unordered, or refined a coarser shadow) sits in that thread's memory: its owner replaces it
     * with one of its own at its next read.
     */
    private static final class ReadSlot {
        ArrayAccess access;
        long epoch;
        /** Whether the owner made the slot (allocated it in its own memory). */
        final boolean own;

        ReadSlot(ArrayAccess access, boolean own) {
            this.access = access;
            this.epoch = access.epoch;
            this.own = own;
        }
    }

    /** The epoch of {@code tid}'s last read while reads are unordered, else {@link Epochs#NONE}. */
    long sharedReadEpoch(int tid) {
        ReadSlot[] shared = reads;
        if (shared == null || tid >= shared.length) {
            return Epochs.NONE;
        }
        ReadSlot mine = shared[tid];
        return mine == null ? Epochs.NONE : mine.epoch;
    }

    /** Whether reads are unordered (each thread's last read is remembered), for refinement. */
    boolean readsShared() {
        return reads != null;
    }

    /** How many thread numbers {@link #sharedRead} may be asked for. */
    int sharedReadCount() {
        ReadSlot[] shared = reads;
        return shared == null ? 0 : shared.length;
    }

    /** Thread {@code tid}'s last read while reads are unordered, or null. */
    ArrayAccess sharedRead(int tid) {
        ReadSlot[] shared = reads;
        ReadSlot slot = shared == null || tid >= shared.length ? null : shared[tid];
        return slot == null ? null : slot.access;
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
        ReadSlot[] shared = reads;
        ReadSlot mine = null;
        if (shared != null && tid < shared.length) {
            mine = shared[tid];
            if (mine != null && mine.epoch == epoch) {
                return false;
            }
        }
        VectorClock clock = thread.clock;
        ArrayAccess written = lastWrite;
        if (written != null && !Epochs.happensBefore(written.epoch, clock)) {
            if (written.index == index) {
                RaceDetector.report(thread, sink, nameId, false, site, written.epoch, true, written.site);
            } else if (mayRefine) {
                return true;
            }
        }
        ArrayAccess access = new ArrayAccess(epoch, index, site);
        if (shared != null) {
            if (mine != null && mine.own) {
                mine.access = access; // other threads read only the record
                mine.epoch = epoch;
                return false;
            }
            if (tid >= shared.length) {
                ReadSlot[] grown = new ReadSlot[tid + 8];
                System.arraycopy(shared, 0, grown, 0, shared.length);
                shared = grown;
                reads = grown;
            }
            shared[tid] = new ReadSlot(access, true);
            return false;
        }
        ArrayAccess previous = lastRead;
        if (previous == null || Epochs.happensBefore(previous.epoch, clock)) {
            lastRead = access;
            read = epoch;
        } else {
            ReadSlot[] unordered = new ReadSlot[Math.max(tid, previous.tid()) + 1];
            unordered[previous.tid()] = new ReadSlot(previous, false);
            unordered[tid] = new ReadSlot(access, true);
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
        ReadSlot[] shared = reads;
        ArrayAccess previous = shared == null ? lastRead : null;
        if (mayRefine && (conflictsElsewhere(written, index, clock) || conflictsElsewhere(previous, index, clock))) {
            return true;
        }
        for (int i = 0; mayRefine && shared != null && i < shared.length; i++) {
            if (shared[i] != null && conflictsElsewhere(shared[i].access, index, clock)) {
                return true;
            }
        }
        reportIfRacing(thread, written, true, index, site, nameId, sink);
        if (shared != null) {
            for (int i = 0; i < shared.length; i++) {
                if (shared[i] != null) {
                    reportIfRacing(thread, shared[i].access, false, index, site, nameId, sink);
                }
            }
        } else {
            reportIfRacing(thread, previous, false, index, site, nameId, sink);
        }
        lastWrite = new ArrayAccess(epoch, index, site);
        write = epoch;
        reads = null;
        lastRead = null;
        read = Epochs.NONE;
        return false;
    }

    private static boolean conflictsElsewhere(ArrayAccess access, int index, VectorClock clock) {
        return access != null && access.index != index && !Epochs.happensBefore(access.epoch, clock);
    }

    private static void reportIfRacing(ThreadState thread, ArrayAccess access, boolean otherWrite, int index, int site,
                                       int nameId, Sink sink) {
        if (access != null && access.index == index && !Epochs.happensBefore(access.epoch, thread.clock)) {
            RaceDetector.report(thread, sink, nameId, true, site, access.epoch, otherWrite, access.site);
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
        ReadSlot[] current = reads;
        if (current == null || tid >= current.length) {
            ReadSlot[] grown = new ReadSlot[tid + 8];
            if (current != null) {
                System.arraycopy(current, 0, grown, 0, current.length);
            }
            current = grown;
            reads = grown;
        }
        current[tid] = new ReadSlot(access, false);
    }
}
