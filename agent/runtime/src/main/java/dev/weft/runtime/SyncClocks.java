package dev.weft.runtime;

/**
 * The clocks of synchronization objects (j.u.c. locks, volatile fields, concurrent collections,
 * futures, monitors of objects without a shadow...), in a fixed table indexed by a hash of the
 * object's identity.
 *
 * <p>No object is ever kept alive and the table never grows. Two objects whose hashes share a
 * slot share a clock: a release of one then also orders later acquires of the other. That adds
 * happens-before edges the program does not have, which can hide a race but never report one
 * that is not there — the trade-off a CI gate wants.
 *
 * <p>Each slot counts its releases. A thread remembers, in a small cache of its own, the count it
 * last saw of a slot it joined (or released into, when it was up to date): while the count stands
 * still the slot's clock is already part of the thread's, and an acquire costs one read — the
 * common case of a lock mostly taken by one thread, or of a read lock whose writers are rare. The
 * count is read without weft's lock: where an acquire is ordered after a release by the
 * program's own synchronization, that order makes the release's count visible too; where it is
 * not, there is no edge to miss.
 */
final class SyncClocks {
    private static final int SLOTS = 1 << 16;
    private static final VectorClock[] CLOCKS = new VectorClock[SLOTS];
    private static final int[] RELEASES = new int[SLOTS];

    static {
        for (int i = 0; i < SLOTS; i++) {
            CLOCKS[i] = new VectorClock();
        }
    }

    private SyncClocks() {
    }

    static int slotOf(Object object) {
        return mix(System.identityHashCode(object));
    }

    /** The slot of volatile field {@code fieldId} of an object (or, with a null object, of a static field). */
    static int slotOf(Object object, int fieldId) {
        return slotOfField(object, Fields.syncKey(fieldId));
    }

    /**
     * The slot of a volatile field, by its {@link Fields#syncKey} — the one both its
     * {@code getfield}/{@code putfield} and {@code VarHandle}s on it use.
     */
    static int slotOfField(Object object, int syncKey) {
        return mix((object == null ? 0 : System.identityHashCode(object)) * 31 + syncKey);
    }

    private static int mix(int hash) {
        int h = hash * 0x9E3779B9;
        return (h ^ (h >>> 16)) & (SLOTS - 1);
    }

    /** The releasing thread's clock flows into the object's. */
    static void release(int slot, ThreadState thread) {
        VectorClock clock = CLOCKS[slot];
        int cached = thread.seenIndex(slot);
        synchronized (clock) {
            int releases = RELEASES[slot];
            boolean upToDate = cached >= 0 && thread.seenReleases[cached] == releases;
            clock.join(thread.clock);
            RELEASES[slot] = ++releases;
            if (upToDate) {
                thread.seenReleases[cached] = releases; // the clock is still within the thread's
            }
        }
    }

    /** The object's clock flows into the acquiring thread's. */
    static void acquire(int slot, ThreadState thread) {
        int cached = thread.seenIndex(slot);
        if (cached >= 0 && thread.seenReleases[cached] == RELEASES[slot]) {
            return;
        }
        VectorClock clock = CLOCKS[slot];
        int releases;
        synchronized (clock) {
            thread.clock.join(clock);
            releases = RELEASES[slot];
        }
        thread.remember(slot, releases);
    }
}
