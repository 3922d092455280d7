package dev.weft.runtime;

import java.util.concurrent.locks.ReentrantReadWriteLock;

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
 */
final class LockClocks {
    /** Distinguishes the readers' clock slot of a synchronizer from its writers' one. */
    private static final int READERS = -1;

    private LockClocks() {
    }

    /** The current thread has taken {@code lock}. */
    static void acquired(ThreadState state, Object lock) {
        Object key = LockIntrospection.clockKey(lock);
        SyncClocks.acquire(SyncClocks.slotOf(key), state);
        if (lock instanceof ReentrantReadWriteLock.WriteLock) {
            SyncClocks.acquire(SyncClocks.slotOfField(key, READERS), state);
        }
    }

    /** The current thread is about to release {@code lock}. */
    static void releasing(ThreadState state, Object lock) {
        Object key = LockIntrospection.clockKey(lock);
        Hooks.publish(state, lock instanceof ReentrantReadWriteLock.ReadLock
            ? SyncClocks.slotOfField(key, READERS) : SyncClocks.slotOf(key));
    }

    /**
     * A {@code Condition.await} of {@code synchronizer} returned: the lock is held again, after
     * whatever its writers — and, for a read/write lock, its readers — released meanwhile.
     */
    static void reacquired(ThreadState state, Object synchronizer) {
        SyncClocks.acquire(SyncClocks.slotOf(synchronizer), state);
        SyncClocks.acquire(SyncClocks.slotOfField(synchronizer, READERS), state);
    }
}
