package dev.weft.runtime;

import java.util.concurrent.locks.ReentrantReadWriteLock;
import jdk.internal.vm.annotation.ForceInline;

/**
 * The clocks of {@code java.util.concurrent} locks, for race detection: a lock's holders are
 * ordered through its synchronizer (which is also what its {@code Condition}s release and
 * acquire, see {@link LockIntrospection#clockKey}).
 *
 * <p>A {@code ReentrantReadWriteLock} has two clocks, as the JDK documents its guarantee ("a
 * thread successfully acquiring the read lock will see all updates made upon previous release of
 * the write lock"): writers release into the writers' clock, which every later holder acquires;
 * readers release into the readers' clock, which only a later writer acquires. Readers do not
 * order one another — a write made under a read lock races with other readers — and their
 * acquisitions, which see the writers' clock change only when a writer came by, cost one read.
 *
 * <p>The readers' clock is not one clock but each reader's last release ({@link Readers}): a
 * read-unlock writes the reader's published copy ({@link ThreadState#published}) and its time into
 * an entry of its own, without a lock and without touching what other readers write; a writer
 * joins every entry whose step it does not know yet. A shared readers' clock made every read
 * unlock a join under the slot's lock, into a cache line that both cores wrote in turn. Each
 * reader's clock only grows, so its last release covers its earlier ones, and the join of the last
 * releases is the join of all of them. {@code LockClocksTest} checks that against a plain
 * readers' clock on random schedules.
 */
final class LockClocks {
    /** Distinguishes the readers' clock slot of a synchronizer from its writers' one. */
    private static final int READERS = -1;
    /**
     * The readers of read/write locks, by a hash of the synchronizer (its readers' slot's low bits):
     * locks that share an entry share their readers, which only orders more. Made at a first read
     * unlock, under the table's lock.
     */
    private static final Readers[] READERS_TABLE = new Readers[1 << 12];

    /** The readers of the read/write locks that share an entry of {@link #READERS_TABLE}. */
    static final class Readers {
        /**
         * Each reader's last release, by thread number (null: none). The array is replaced, grown,
         * under this object's lock and read without it; an entry, once there, is never replaced.
         */
        ReaderRelease[] byThread = new ReaderRelease[8];
    }

    /**
     * A reader's last release: the copy of its clock it published and its time then. Written only
     * by the thread that holds the number (threads taking over a number continue its times): the
     * copy first, then the time (volatile), so a writer that reads a time reads that copy or a later
     * one, which covers it.
     */
    static final class ReaderRelease {
        int[] copy;
        /** One more entry of the reader's clock beyond {@link #copy} ({@link ThreadState#publishedExtra}), or none. */
        long extra = Epochs.NONE;
        volatile int time;
    }

    private LockClocks() {
    }

    /** The current thread has taken {@code lock}. */
    @ForceInline // into the lock hooks, where the lock's type is known
    static void acquired(ThreadState state, Object lock) {
        Object key = LockIntrospection.clockKey(lock);
        SyncClocks.acquire(SyncClocks.slotOf(key), state);
        if (lock instanceof ReentrantReadWriteLock.WriteLock) {
            acquireReaders(state, SyncClocks.slotOfField(key, READERS));
        }
    }

    /** The current thread is about to release {@code lock}. */
    @ForceInline // into the lock hooks, where the lock's type is known
    static void releasing(ThreadState state, Object lock) {
        Object key = LockIntrospection.clockKey(lock);
        if (lock instanceof ReentrantReadWriteLock.ReadLock) {
            releaseRead(state, SyncClocks.slotOfField(key, READERS));
        } else {
            Hooks.publish(state, SyncClocks.slotOf(key));
        }
    }

    /**
     * A {@code Condition.await} of {@code synchronizer} returned: the lock is held again, after
     * whatever its writers — and, for a read/write lock, its readers — released meanwhile.
     */
    static void reacquired(ThreadState state, Object synchronizer) {
        SyncClocks.acquire(SyncClocks.slotOf(synchronizer), state);
        acquireReaders(state, SyncClocks.slotOfField(synchronizer, READERS));
    }

    /**
     * A read unlock: the reader's clock goes into its own entry of the lock's readers (a copy it
     * shares with its other releases, and the one entry it may have beyond it), and its step ends.
     */
    static void releaseRead(ThreadState state, int readersSlot) {
        ReaderRelease mine = entry(readersSlot, state.tid);
        mine.copy = state.publishedBase();
        mine.extra = state.publishedExtra();
        mine.time = state.clock.get(state.tid); // last: a writer reads it first
        state.tick();
    }

    /**
     * A writer takes in every reader's last release of the lock's readers that it does not know
     * yet: knowing a reader's step means knowing the copy it published with it (every release ends
     * a step of its thread).
     */
    static void acquireReaders(ThreadState state, int readersSlot) {
        Readers readers = READERS_TABLE[readersSlot & (READERS_TABLE.length - 1)];
        if (readers == null) {
            return;
        }
        ReaderRelease[] all = readers.byThread;
        VectorClock clock = state.clock;
        for (int tid = 0; tid < all.length; tid++) {
            ReaderRelease release = all[tid];
            if (release == null || tid == state.tid) {
                continue;
            }
            int time = release.time;
            if (time > clock.get(tid)) {
                int[] copy = release.copy;
                clock.join(copy, copy.length);
                if (clock.get(tid) < time) {
                    clock.set(tid, time); // the copy's own entry may be older than the release
                }
                clock.raiseTo(release.extra);
            }
        }
    }

    /** The thread's entry among the readers of {@code readersSlot}, made at its first read unlock there. */
    private static ReaderRelease entry(int readersSlot, int tid) {
        int index = readersSlot & (READERS_TABLE.length - 1);
        Readers readers = READERS_TABLE[index];
        if (readers != null) {
            ReaderRelease[] all = readers.byThread;
            ReaderRelease mine = tid < all.length ? all[tid] : null;
            if (mine != null) {
                return mine;
            }
        }
        return madeEntry(index, tid);
    }

    private static ReaderRelease madeEntry(int index, int tid) {
        Readers readers;
        synchronized (READERS_TABLE) {
            readers = READERS_TABLE[index];
            if (readers == null) {
                readers = new Readers();
                READERS_TABLE[index] = readers;
            }
        }
        synchronized (readers) {
            ReaderRelease[] all = readers.byThread;
            if (tid >= all.length) {
                all = java.util.Arrays.copyOf(all, Math.max(tid + 1, all.length * 2));
                readers.byThread = all;
            }
            ReaderRelease mine = all[tid];
            if (mine == null) {
                mine = new ReaderRelease();
                mine.copy = new int[0];
                all[tid] = mine;
            }
            return mine;
        }
    }
}
