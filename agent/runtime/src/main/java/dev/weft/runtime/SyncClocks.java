package dev.weft.runtime;

/**
 * The clocks of synchronization objects (monitors, locks, volatile fields, concurrent
 * collections, futures...), in a fixed table indexed by a hash of the object's identity.
 *
 * <p>No object is ever kept alive and the table never grows. Two objects whose hashes share a
 * slot share a clock: a release of one then also orders later acquires of the other. That adds
 * happens-before edges the program does not have, which can hide a race but never report one
 * that is not there — the trade-off a CI gate wants.
 */
final class SyncClocks {
    private static final int SLOTS = 1 << 16;
    private static final VectorClock[] CLOCKS = new VectorClock[SLOTS];

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
    static void release(int slot, VectorClock threadClock) {
        VectorClock clock = CLOCKS[slot];
        synchronized (clock) {
            clock.join(threadClock);
        }
    }

    /** The object's clock flows into the acquiring thread's. */
    static void acquire(int slot, VectorClock threadClock) {
        VectorClock clock = CLOCKS[slot];
        synchronized (clock) {
            threadClock.join(clock);
        }
    }
}
