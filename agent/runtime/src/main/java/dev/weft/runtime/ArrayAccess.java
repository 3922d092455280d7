package dev.weft.runtime;

import java.lang.invoke.VarHandle;

/**
 * One access to one element, as a shadow that covers several elements remembers it: its epoch, and
 * where it was ({@link #where}: the element and the site, in one {@code long} so they are always read
 * as a pair).
 *
 * <p>A thread's next access to the same range replaces its record in place ({@link #moveTo}) rather
 * than allocating a new one — a loop that reads one element of a shared array per step, between
 * releases (a monitor per step), made a record per step: gigabytes of garbage, which G1 answers with
 * a young generation grown to its limit (peak memory). Only the thread of the record's epoch writes
 * it (epochs of one thread number; a thread that takes the number over comes after it), so there is
 * a single writer, and readers may see the record mid-update. What they must never do is pair a new
 * epoch with an old element: the old access happened at the old epoch, and a race between it and a
 * later access ordered after the old epoch but not the new one would be invented. So the owner
 * writes {@link #where} first and the epoch after a release fence, and readers read the epoch
 * first and {@link #where} after an acquire fence: a reader that sees the new epoch sees the new
 * element and site; one that sees the old epoch may see either element, and pairing the new element
 * with the old epoch is safe — the new access is later than the old epoch, so if the old epoch is
 * not ordered before the reader, neither is the new access (a race found is real, reported at the
 * site of the access it names), and if it is ordered, a race may only be missed. The epoch and
 * {@link #where} are each one {@code long}, read and written whole by HotSpot on 64-bit platforms.
 */
final class ArrayAccess {
    /** The access's epoch; written after {@link #where}. */
    long epoch;
    /** The element (high half) and the site (low half); see {@link #index} and {@link #site}. */
    long where;

    ArrayAccess(long epoch, int index, int site) {
        this.where = where(index, site);
        this.epoch = epoch;
        VarHandle.releaseFence(); // complete before anyone can see it, as final fields would be
    }

    /** A copy of what {@code access} holds now ({@link Epochs#NONE} as epoch if nothing yet). */
    static ArrayAccess copyOf(ArrayAccess access) {
        long epoch = access.epoch;
        VarHandle.acquireFence();
        long where = access.where;
        return new ArrayAccess(epoch, index(where), site(where));
    }

    /** Replaces the access with its owner's next one; only the thread of the epoch's number calls it. */
    void moveTo(long nextEpoch, int index, int site) {
        where = where(index, site);
        VarHandle.releaseFence();
        epoch = nextEpoch;
    }

    /** The thread number of the access (the same for every epoch the record holds). */
    int tid() {
        return Epochs.tid(epoch);
    }

    static long where(int index, int site) {
        return ((long) index << 32) | (site & 0xFFFFFFFFL);
    }

    static int index(long where) {
        return (int) (where >>> 32);
    }

    static int site(long where) {
        return (int) where;
    }
}
