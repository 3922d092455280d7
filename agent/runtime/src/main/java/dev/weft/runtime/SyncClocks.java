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
 * <p>A slot's clock is made at the first release into it ({@link #made}): 65,536 clocks made up
 * front were 5 MB and 131,000 objects of live heap before {@code main}, which the start-up's young
 * collections copied again and again. An acquire of a slot not made yet has nothing to take in: a
 * release that the program orders before the acquire made the slot first (release hooks run before
 * the program's release), and that order makes the slot visible, as it does the count below.
 *
 * <p>Each slot counts its releases. A thread remembers, in a small cache of its own, the count it
 * last saw of a slot it joined (or released into, when it was up to date): while the count stands
 * still the slot's clock is already part of the thread's, and an acquire costs one read — the
 * common case of a lock mostly taken by one thread, or of a read lock whose writers are rare. The
 * count is read without weft's lock: where an acquire is ordered after a release by the
 * program's own synchronization, that order makes the release's count visible too; where it is
 * not, there is no edge to miss.
 *
 * <p>A slot also remembers, when it knows one, a thread step whose clock covers the slot's: the
 * step its last release ended, if the releaser's clock already covered the slot's before that
 * release (the releaser took in the slot since anyone else released into it, as a lock's holders
 * and a monitor's owners do). Then the slot's clock is a copy of the releaser's at that release,
 * and an acquiring thread that already knows that step of the releaser — as every publication
 * ends a step of its thread ({@link ThreadState#tick}), knowing a step's time means knowing the
 * clock the thread published with it — already has all of it: the acquire costs two reads and no
 * lock, even when the slot changed since the thread's last join of it (a monitor of a JDK object
 * taken by thread after thread, whose owners learn of each other elsewhere). The step is read
 * without the lock, as the count is: a release the program orders before the acquire wrote it or
 * an older value never becomes visible again, and every later value describes a clock that
 * includes that release. It is one {@code long}, which HotSpot reads and writes whole on 64-bit
 * platforms. A thread that takes over an ended thread's number ({@link Threads}) knows the steps
 * the ended thread published, so it cannot make a step look known that is not.
 */
final class SyncClocks {
    private static final int SLOTS = 1 << 16;
    /** The slots, each made at its first release ({@link #made}); null: never released into. */
    private static final Slot[] CLOCKS = new Slot[SLOTS];

    /**
     * A slot's clock, with its count and covering step beside the lock word: a release touches one
     * object (and its times, allocated right after it), where separate tables of counts and steps
     * cost two more cache misses per release of a slot that other threads used last.
     */
    private static final class Slot extends VectorClock {
        /** Releases into the slot so far; written under the slot's lock, read without it. */
        int releases;
        /**
         * The epoch of a thread step whose clock covers the slot's ({@link Epochs#NONE}: none known);
         * written under the slot's lock, read without it.
         */
        long coveredBy;
    }

    /**
     * The locks under which slots' clocks are made, by the slot's low bits: objects of a class of
     * their own, which reports tell from the program's locks.
     */
    private static final Making[] MAKING = new Making[64];

    static {
        for (int i = 0; i < MAKING.length; i++) {
            MAKING[i] = new Making();
        }
    }

    private static final class Making {
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

    /**
     * Publishes the thread's clock on the slot and ends the thread's step ({@link ThreadState#tick}),
     * unless the release would publish nothing new ({@link ThreadState#releasedUnchanged}): then
     * neither happens.
     */
    static void publish(int slot, ThreadState thread) {
        if (thread.releasedUnchanged(slot)) {
            return;
        }
        release(slot, thread);
        thread.tick();
    }

    /**
     * As {@link #publish}, for a read-modify-write: {@link #exchange}, then the step ends. A skipped
     * exchange takes in nothing either; the acquire that follows the operation does.
     */
    static void publishExchange(int slot, ThreadState thread) {
        if (thread.releasedUnchanged(slot)) {
            return;
        }
        exchange(slot, thread);
        thread.tick();
    }

    /**
     * As {@link #release} and then {@link #acquire}, in one pass under the slot's lock (a
     * read-modify-write of an atomic, which takes in what others released before it as it
     * publishes): the thread's clock takes in the slot's, then the slot's becomes a copy of the
     * thread's — so the slot's clock is covered by the thread's step, and the acquire after the
     * operation costs a read unless someone released in between.
     */
    static void exchange(int slot, ThreadState thread) {
        Slot clock = CLOCKS[slot];
        if (clock == null) {
            clock = made(slot);
        }
        VectorClock mine = thread.clock;
        synchronized (clock) {
            int releases = clock.releases;
            int cached = thread.seenIndex(slot);
            if (!(cached >= 0 && thread.seenReleases[cached] == releases) && !covers(clock.coveredBy, mine)) {
                mine.join(clock);
            }
            clock.copyFrom(mine);
            clock.coveredBy = thread.epoch;
            clock.releases = ++releases;
            thread.remember(slot, releases);
        }
        thread.released(slot);
    }

    /** The releasing thread's clock flows into the object's; the caller then ends the thread's step. */
    static void release(int slot, ThreadState thread) {
        Slot clock = CLOCKS[slot];
        if (clock == null) {
            clock = made(slot);
        }
        VectorClock mine = thread.clock;
        int cached = thread.seenIndex(slot);
        synchronized (clock) {
            int releases = clock.releases;
            boolean upToDate = cached >= 0 && thread.seenReleases[cached] == releases;
            boolean covered;
            if (upToDate || covers(clock.coveredBy, mine)) {
                clock.copyFrom(mine); // the slot's clock is within the thread's: the join is a copy
                covered = true;
            } else {
                covered = clock.joinCovered(mine);
            }
            clock.coveredBy = covered ? thread.epoch : Epochs.NONE;
            clock.releases = ++releases;
            if (upToDate) {
                thread.seenReleases[cached] = releases; // the clock is still within the thread's
            }
        }
        thread.released(slot);
    }

    /** The object's clock flows into the acquiring thread's. */
    static void acquire(int slot, ThreadState thread) {
        Slot clock = CLOCKS[slot];
        if (clock == null) {
            return; // never released into, or by a release the program does not order before this acquire
        }
        int cached = thread.seenIndex(slot);
        if (cached >= 0 && thread.seenReleases[cached] == clock.releases) {
            return;
        }
        if (covers(clock.coveredBy, thread.clock)) {
            return;
        }
        int releases;
        synchronized (clock) {
            thread.clock.join(clock);
            releases = clock.releases;
        }
        thread.remember(slot, releases);
    }

    /**
     * The slot's clock, made at its first release: one per slot, under one of {@link #MAKING}'s
     * locks (striped: threads making different slots at once rarely meet, where one lock for the
     * table made them queue behind each other at start-up). It is locked once before it is
     * published, so a thread that finds it without that lock and then locks it (every use of its
     * clock does) sees it complete.
     */
    private static Slot made(int slot) {
        synchronized (MAKING[slot & (MAKING.length - 1)]) {
            Slot clock = CLOCKS[slot];
            if (clock == null) {
                clock = new Slot();
                synchronized (clock) {
                    clock.coveredBy = Epochs.NONE;
                }
                CLOCKS[slot] = clock;
            }
            return clock;
        }
    }

    /** Whether {@code clock} knows the thread step {@code coveredBy} (not {@link Epochs#NONE}) ended with. */
    private static boolean covers(long coveredBy, VectorClock clock) {
        return coveredBy != Epochs.NONE && Epochs.time(coveredBy) <= clock.get(Epochs.tid(coveredBy));
    }
}
