package dev.weft.runtime;

/**
 * A thread's last access to one of the elements a coarse shadow ({@link RangeShadow}) covers: its
 * time, the element it touched, and its site. The thread's next access to the range moves the
 * record on in place ({@link #moveOn}) rather than allocating a new one: a thread that reads one
 * element of a shared table between releases (a monitor per step) made a record per step, gigabytes
 * of garbage that G1 answers with a young generation grown to its limit.
 *
 * <p>Precision comes first: a reader must never pair the time of one access with the element of
 * another — a torn pair could report a race between two different elements — nor name a site that
 * is not the access's own. Without fences (weft's own synchronization would be the application's
 * to model, and {@code VarHandle}s are modelled), that is kept by the record's layout and by who
 * writes it:
 * <ul>
 * <li>The thread number is final ({@link #tid}); the time and the element are packed in one
 * {@code long} ({@link #timeIndex}), which HotSpot writes and reads whole on 64-bit platforms, and
 * a reader decodes both from one read ({@link #timeIndex()}). Times are clock entries (31 bits,
 * never 0 for an access), elements array indexes (31 bits).
 * <li>Only one thread writes a record once it is made: the thread that made it, for its own
 * access, and after that thread ended, the one that took its number over ({@link Threads}), which
 * comes after it and continues the number's time. A record made by another thread — a
 * {@link Copy} handed down by refinement — is never written again, so no late write of its maker
 * can mix with its owner's. The owner moves a record on only to a later time: a record holds each
 * time at most once. Records stay with the array whose shadow made them.
 * <li>The site sits beside, in a second {@code long} with the time it belongs to
 * ({@link #siteTime}), written before {@link #timeIndex}. A reader takes the site only if that time
 * is the one it read with the element ({@link #site(long)}): as a record holds each time once, the
 * site is then exactly that access's. Otherwise — the reader caught the owner between the two
 * writes, or sees a record whose first values are not visible yet — the site is unknown and the
 * race is not reported (nor is the access handed down by refinement), as {@link Shadow#readSites}
 * does: rather not report than report at a wrong site. A stale pair from an older time is still a
 * real access of the thread (to the same array, at an earlier time), so reading a record
 * mid-update can only miss a race, never invent one.
 * </ul>
 * A record published without a fence may be seen with time 0 (nothing yet), and a record its owner
 * {@linkplain #forget forgot} holds time 0: either counts as no access.
 */
class ArrayAccess {
    /** The thread number of every access the record holds. */
    final int tid;
    /** The access's time (high half) and element (low half). */
    private long timeIndex;
    /** The access's site (high half) and its time (low half), so that a reader can tell whose site it is. */
    private long siteTime;

    /** A record of an access by the calling thread, whose number is {@code tid}. */
    ArrayAccess(int tid, int time, int index, int site) {
        this.tid = tid;
        this.siteTime = siteTime(site, time);
        this.timeIndex = timeIndex(time, index);
    }

    /**
     * The access's time and element, read once: decode both from the same value with
     * {@link #time(long)} and {@link #index(long)}.
     */
    long timeIndex() {
        return timeIndex;
    }

    /** The site of the access {@code timeIndex} (a value of {@link #timeIndex()}), or -1 if the record has moved on. */
    int site(long timeIndex) {
        long pair = siteTime;
        int time = time(timeIndex);
        return time != 0 && (int) pair == time ? (int) (pair >>> 32) : -1;
    }

    /**
     * A copy of the access {@code access} holds now, made by another thread for a finer shadow (so
     * never moved on); null if there is none or its site is unknown.
     */
    static ArrayAccess copyOf(ArrayAccess access) {
        if (access == null) {
            return null;
        }
        long timeIndex = access.timeIndex;
        int site = access.site(timeIndex);
        return site < 0 ? null : new Copy(access.tid, time(timeIndex), index(timeIndex), site);
    }

    /**
     * Replaces the access with its owner's next one, at a later time; only the owner calls it, on a
     * record it made ({@link #movableBy}).
     */
    void moveOn(int time, int index, int site) {
        siteTime = siteTime(site, time);
        timeIndex = timeIndex(time, index);
    }

    /**
     * Whether {@code thread}, now at {@code time}, may move this record on: it made it, and the last
     * time it wrote into it is earlier (that of {@link #siteTime}, which {@link #forget} leaves).
     */
    boolean movableBy(ThreadState thread, int time) {
        return ownedBy(thread) && (int) siteTime < time;
    }

    /** Whether {@code thread} made this record (and so may write it). */
    boolean ownedBy(ThreadState thread) {
        return tid == thread.tid && !(this instanceof Copy);
    }

    /**
     * Forgets the access, as a write forgets the reads before it, so that the owner can move the
     * record on at its next read instead of allocating one; only the owner calls it. Readers see no
     * access (time 0) or the access before, a real one. The site keeps its time, so the next move
     * is still to a later time than any the record held.
     */
    void forget() {
        timeIndex = 0L;
    }

    /** Whether the access {@code timeIndex} of this record happens before (or is of) the thread with {@code clock}. */
    boolean happensBefore(long timeIndex, VectorClock clock) {
        return time(timeIndex) <= clock.get(tid);
    }

    /** The epoch of the access {@code timeIndex}, for reports and per-element shadows. */
    long epoch(long timeIndex) {
        return Epochs.of(tid, time(timeIndex));
    }

    static int time(long timeIndex) {
        return (int) (timeIndex >>> 32);
    }

    static int index(long timeIndex) {
        return (int) timeIndex;
    }

    private static long timeIndex(int time, int index) {
        return ((long) time << 32) | (index & 0xFFFFFFFFL);
    }

    private static long siteTime(int site, int time) {
        return ((long) site << 32) | (time & 0xFFFFFFFFL);
    }

    /**
     * A record made by another thread than its access's, as a copy handed down to a finer shadow:
     * never moved on (a class of its own, so records need no flag and stay 32 bytes).
     */
    static final class Copy extends ArrayAccess {
        Copy(int tid, int time, int index, int site) {
            super(tid, time, index, site);
        }
    }

    /**
     * A thread's record in a shadow's read slots ({@link RangeShadow}), moved on at each of its
     * reads in a new epoch: padded to a cache line of its own after its fields, so that two threads'
     * slot records, which the collector copies next to each other, do not share the line both
     * write on every read.
     */
    static final class Slot extends ArrayAccess {
        @SuppressWarnings("unused")
        private long pad0, pad1, pad2, pad3, pad4, pad5, pad6;

        Slot(int tid, int time, int index, int site) {
            super(tid, time, index, site);
        }
    }
}
