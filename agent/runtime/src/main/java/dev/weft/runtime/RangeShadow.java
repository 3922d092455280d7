package dev.weft.runtime;

import jdk.internal.vm.annotation.DontInline;

/**
 * One shadow for a range of an array's elements — at first the whole array. FastTrack's checks as
 * in {@link RaceDetector}, with one difference: each remembered access also says which element it
 * touched ({@link ArrayAccess}). A conflict with an access to the same element is a race and is
 * reported; a conflict with an access to another element is not a race at all, so it is never
 * reported: the caller is told to refine the range (finer shadows, seeded with what this one
 * remembers) and to check the access again there. A range that may not be refined any more (the
 * per-array cap) keeps checking coarsely and lets such conflicts pass.
 *
 * <p>The whole array's coarse shadow is the {@link ArrayShadow} itself, which extends this class;
 * the class is a weak table entry for that reason only (the array's), and the ranges made by
 * refinement refer to nothing and are in no table (they carry the entry's fields, about 24 bytes
 * each, which only refined arrays pay).
 *
 * <p>Like {@link Shadow}, updates are not atomic; a lost update only loses history. The epochs
 * {@link #write} and {@link #read} are the fast path's copies of the records' epochs.
 *
 * <p>A thread's next access moves its own record on ({@link ArrayAccess#moveOn}) rather than
 * allocating one: the last write and the last ordered read while the thread is still the one that
 * made them last, its read slot (below) for good; a write forgets the reads before it, but keeps
 * the writer's own read record, emptied, for its next read. {@link ArrayAccess} says how a record
 * stays an exact (time, element, site) triple for threads that read it meanwhile. Records stay in
 * the shadow that made them; refinement hands copies down ({@link ArrayAccess#copyOf}).
 *
 * <p>Once reads are unordered, each reading thread keeps its last read in a slot of its own, its
 * thread number's ({@link #reads}), a record which only it moves on: threads that read an array in
 * turn (a table every request looks at, under a read lock or not at all) then each write their own
 * memory, where records stored side by side in one array made every read of one thread take the
 * cache line from the other. A slot's record is an {@link ArrayAccess.Slot}, padded to a cache line,
 * since the collector copies the records of two threads next to each other. When reads turn
 * unordered, the last ordered read becomes its reader's slot (it is that reader's own record) until
 * that reader's next read, which replaces it with a padded record once. A copy handed down by refinement was made by the
 * refining thread, in its memory, and is never moved on: its owner replaces it with a record of
 * its own at its next read.
 */
class RangeShadow extends WeakIdentityTable.Entry {
    long write = Epochs.NONE;
    ArrayAccess lastWrite;
    long read = Epochs.NONE;
    ArrayAccess lastRead;
    /**
     * Each thread's last read since the last write, by thread number (a record of that number),
     * once reads were unordered; else null.
     */
    private ArrayAccess[] reads;

    /** The shadow of a range of an array's elements, made when the array is refined. */
    RangeShadow() {
        super(null, null);
    }

    /**
     * The coarse shadow of all of {@code array}, held weakly: an {@link ArrayShadow}, which is a
     * range shadow itself and its array's table entry (an object less per array, and one reference
     * less on the fast path).
     */
    RangeShadow(Object array, java.lang.ref.ReferenceQueue<Object> queue) {
        super(array, queue);
    }

    /** The time of {@code tid}'s last read while reads are unordered, else 0 (no time of an access). */
    int sharedReadTime(int tid) {
        ArrayAccess[] shared = reads;
        if (shared == null || tid >= shared.length) {
            return 0;
        }
        ArrayAccess mine = shared[tid];
        return mine == null ? 0 : ArrayAccess.time(mine.timeIndex());
    }

    /** Whether reads are unordered (each thread's last read is remembered), for refinement. */
    boolean readsShared() {
        return reads != null;
    }

    /** How many thread numbers {@link #sharedRead} may be asked for. */
    int sharedReadCount() {
        ArrayAccess[] shared = reads;
        return shared == null ? 0 : shared.length;
    }

    /** Thread {@code tid}'s last read while reads are unordered, or null. */
    ArrayAccess sharedRead(int tid) {
        ArrayAccess[] shared = reads;
        return shared == null || tid >= shared.length ? null : shared[tid];
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
        int time = Epochs.time(epoch);
        ArrayAccess[] shared = reads;
        if (shared != null && tid < shared.length) {
            ArrayAccess mine = shared[tid];
            if (mine != null && ArrayAccess.time(mine.timeIndex()) == time) {
                return false;
            }
            if (mine instanceof ArrayAccess.Slot && mine.movableBy(thread, time) && lastWriteOrdered(thread.clock)) {
                // the common case, kept small enough to inline: a table every thread reads, read again in a new step
                thread.accessedThisStep = true;
                mine.moveOn(time, index, site);
                return false;
            }
        }
        return readInNewStep(thread, index, site, mayRefine, nameId, sink);
    }

    /** Whether the last write (if any) happens before the thread with {@code clock}. */
    private boolean lastWriteOrdered(VectorClock clock) {
        ArrayAccess written = lastWrite;
        return written == null || written.happensBefore(written.timeIndex(), clock);
    }

    /** The rest of {@link #read}: the thread has not read this range in its current step. */
    @DontInline
    private boolean readInNewStep(ThreadState thread, int index, int site, boolean mayRefine, int nameId, Sink sink) {
        int tid = thread.tid;
        int time = Epochs.time(thread.epoch);
        ArrayAccess[] shared = reads;
        ArrayAccess mine = shared != null && tid < shared.length ? shared[tid] : null;
        VectorClock clock = thread.clock;
        ArrayAccess written = lastWrite;
        if (written != null) {
            long access = written.timeIndex();
            if (!written.happensBefore(access, clock)) {
                if (ArrayAccess.index(access) == index) {
                    report(thread, sink, nameId, false, site, written, access, true);
                } else if (mayRefine) {
                    return true;
                }
            }
        }
        thread.accessedThisStep = true; // recorded: its number is not taken over by a thread that does not know this step
        if (shared != null) {
            if (mine instanceof ArrayAccess.Slot && mine.movableBy(thread, time)) {
                mine.moveOn(time, index, site); // other threads read it as one (time, element) pair
                return false;
            }
            if (tid >= shared.length) {
                ArrayAccess[] grown = new ArrayAccess[tid + 8];
                System.arraycopy(shared, 0, grown, 0, shared.length);
                shared = grown;
                reads = grown;
            }
            shared[tid] = new ArrayAccess.Slot(tid, time, index, site);
            return false;
        }
        ArrayAccess previous = lastRead;
        if (previous == null || previous.happensBefore(previous.timeIndex(), clock)) {
            if (previous != null && previous.movableBy(thread, time)) {
                previous.moveOn(time, index, site);
            } else {
                lastRead = new ArrayAccess(tid, time, index, site);
            }
            read = thread.epoch;
        } else {
            ArrayAccess[] unordered = new ArrayAccess[Math.max(tid, previous.tid) + 1];
            unordered[previous.tid] = previous; // its owner moves it on from now on as its slot
            unordered[tid] = new ArrayAccess.Slot(tid, time, index, site);
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
        thread.accessedThisStep = true;
        int time = Epochs.time(epoch);
        if (written != null && written.movableBy(thread, time)) {
            written.moveOn(time, index, site);
        } else {
            lastWrite = new ArrayAccess(thread.tid, time, index, site);
        }
        write = epoch;
        lastRead = forgottenRead(thread, shared, previous);
        reads = null;
        read = Epochs.NONE;
        return false;
    }

    /**
     * The writing thread's own read record, forgotten (the write forgets the reads before it), to be
     * moved on at its next read — a thread that reads and writes a range in every epoch would
     * otherwise allocate a read record per epoch; null if it has none.
     */
    private static ArrayAccess forgottenRead(ThreadState thread, ArrayAccess[] shared, ArrayAccess previous) {
        ArrayAccess mine = shared == null ? previous : thread.tid < shared.length ? shared[thread.tid] : null;
        if (mine == null || !mine.ownedBy(thread)) {
            return null;
        }
        mine.forget();
        return mine;
    }

    private static boolean conflictsElsewhere(ArrayAccess record, int index, VectorClock clock) {
        if (record == null) {
            return false;
        }
        long access = record.timeIndex();
        return ArrayAccess.index(access) != index && !record.happensBefore(access, clock);
    }

    private static void reportIfRacing(ThreadState thread, ArrayAccess record, boolean otherWrite, int index, int site,
                                       int nameId, Sink sink) {
        if (record == null) {
            return;
        }
        long access = record.timeIndex();
        if (ArrayAccess.index(access) == index && !record.happensBefore(access, thread.clock)) {
            report(thread, sink, nameId, true, site, record, access, otherWrite);
        }
    }

    /** Reports a race with the access {@code access} of {@code record}, unless its site is unknown. */
    private static void report(ThreadState thread, Sink sink, int nameId, boolean write, int site, ArrayAccess record,
                               long access, boolean otherWrite) {
        int otherSite = record.site(access);
        if (otherSite >= 0) {
            RaceDetector.report(thread, sink, nameId, write, site, record.epoch(access), otherWrite, otherSite);
        }
    }

    /** Takes over {@code copy} (an {@link ArrayAccess.Copy}), remembered by a coarser shadow, as this range's last write. */
    void seedWrite(ArrayAccess copy) {
        lastWrite = copy;
        write = copy.epoch(copy.timeIndex());
    }

    /**
     * Takes over {@code copy} (an {@link ArrayAccess.Copy}), a read remembered by a coarser shadow
     * (with {@code shared}: one of its unordered reads).
     */
    void seedRead(ArrayAccess copy, boolean shared) {
        if (!shared) {
            lastRead = copy;
            read = copy.epoch(copy.timeIndex());
            return;
        }
        int tid = copy.tid;
        ArrayAccess[] current = reads;
        if (current == null || tid >= current.length) {
            ArrayAccess[] grown = new ArrayAccess[tid + 8];
            if (current != null) {
                System.arraycopy(current, 0, grown, 0, current.length);
            }
            current = grown;
            reads = grown;
        }
        current[tid] = copy;
    }
}
