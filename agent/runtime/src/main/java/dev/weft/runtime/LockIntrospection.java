package dev.weft.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import jdk.internal.vm.annotation.ForceInline;

/**
 * Reads what the JDK's locks keep private: which thread owns a lock, and whether it is fair.
 *
 * <p>The agent opens {@code java.util.concurrent.locks} to this module before the first lock hook
 * runs; the handles live in a holder class whose {@code static final} fields the JIT folds into
 * constants (a {@code VarHandle} read through a non-constant field costs tens of nanoseconds). If
 * the package could not be opened, every question gets the safe answer: owner unknown, lock
 * treated as fair (so weft never barges ahead of queued threads with a {@code tryLock}).
 */
public final class LockIntrospection {
    private LockIntrospection() {
    }

    /** Loads the handles now (after the package was opened); returns whether they are usable. */
    public static boolean init() {
        return Handles.AVAILABLE;
    }

    /** The private fields, looked up once. */
    private static final class Handles {
        static final boolean AVAILABLE;
        static final VarHandle REENTRANT_SYNC;
        static final VarHandle READ_LOCK_SYNC;
        static final VarHandle WRITE_LOCK_SYNC;
        static final VarHandle EXCLUSIVE_OWNER;
        static final Class<?> READ_WRITE_FAIR_SYNC;

        static {
            VarHandle reentrant = null;
            VarHandle read = null;
            VarHandle write = null;
            VarHandle owner = null;
            Class<?> fairSync = null;
            boolean available = false;
            try {
                MethodHandles.Lookup own = MethodHandles.lookup();
                reentrant = MethodHandles.privateLookupIn(ReentrantLock.class, own)
                    .findVarHandle(ReentrantLock.class, "sync", syncClass(ReentrantLock.class));
                Class<?> rwSync = syncClass(ReentrantReadWriteLock.class);
                read = MethodHandles.privateLookupIn(ReentrantReadWriteLock.ReadLock.class, own)
                    .findVarHandle(ReentrantReadWriteLock.ReadLock.class, "sync", rwSync);
                write = MethodHandles.privateLookupIn(ReentrantReadWriteLock.WriteLock.class, own)
                    .findVarHandle(ReentrantReadWriteLock.WriteLock.class, "sync", rwSync);
                owner = MethodHandles.privateLookupIn(AbstractOwnableSynchronizer.class, own)
                    .findVarHandle(AbstractOwnableSynchronizer.class, "exclusiveOwnerThread", Thread.class);
                fairSync = Class.forName(ReentrantReadWriteLock.class.getName() + "$FairSync");
                available = true;
            } catch (Throwable t) {
                InternalErrors.hookFailed(t);
                reentrant = null;
                read = null;
                write = null;
                owner = null;
            }
            REENTRANT_SYNC = reentrant;
            READ_LOCK_SYNC = read;
            WRITE_LOCK_SYNC = write;
            EXCLUSIVE_OWNER = owner;
            READ_WRITE_FAIR_SYNC = fairSync;
            AVAILABLE = available;
        }

        private static Class<?> syncClass(Class<?> lockClass) throws ClassNotFoundException {
            return Class.forName(lockClass.getName() + "$Sync");
        }
    }

    /**
     * Whether a {@code tryLock()} first behaves exactly like the lock's own first attempt, so weft
     * may try before it times a wait: true for non-fair {@code ReentrantLock}s and write locks,
     * false for read locks (a reader's {@code lock()} yields to a queued writer, its
     * {@code tryLock()} does not: trying first would starve writers), fair or unknown locks.
     */
    @ForceInline // a lock hook's type (Hooks.lock(ReentrantLock, int)...) folds the tests
    static boolean mayTryFirst(Object lock) {
        Class<?> type = lock.getClass();
        if (type == ReentrantLock.class) {
            return !((ReentrantLock) lock).isFair();
        }
        if (type == ReentrantReadWriteLock.WriteLock.class) {
            Object sync = readWriteSync(lock);
            return sync != null && sync.getClass() != Handles.READ_WRITE_FAIR_SYNC;
        }
        // not a read lock: its lock() waits behind a queued writer, its tryLock() barges past it
        return false;
    }

    /** The thread that holds {@code lock} exclusively now, or null if none or unknown. */
    @ForceInline
    static Thread owner(Object lock) {
        if (!Handles.AVAILABLE) {
            return null;
        }
        Object sync = null;
        if (lock instanceof ReentrantLock) {
            sync = Handles.REENTRANT_SYNC.get((ReentrantLock) lock);
        } else if (lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock) {
            sync = readWriteSync(lock);
        }
        return sync instanceof AbstractOwnableSynchronizer
            ? (Thread) Handles.EXCLUSIVE_OWNER.get((AbstractOwnableSynchronizer) sync) : null;
    }

    /**
     * The object whose clock orders the holders of {@code lock}: the synchronizer inside a JDK
     * lock (shared by the two views of a {@code ReentrantReadWriteLock}, and what a
     * {@code Condition} of the lock knows), the lock itself otherwise.
     */
    @ForceInline
    static Object clockKey(Object lock) {
        Object sync = null;
        if (lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock) {
            sync = readWriteSync(lock);
        } else if (lock instanceof ReentrantLock && Handles.AVAILABLE) {
            sync = Handles.REENTRANT_SYNC.get((ReentrantLock) lock);
        }
        return sync != null ? sync : lock;
    }

    /** Whether threads are queued for {@code lock} (j.u.c. locks with a queue; false otherwise). */
    @ForceInline
    static boolean hasQueuedThreads(Object lock) {
        if (lock instanceof ReentrantLock) {
            return ((ReentrantLock) lock).hasQueuedThreads();
        }
        if (lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock) {
            Object sync = readWriteSync(lock);
            return sync instanceof AbstractQueuedSynchronizer && ((AbstractQueuedSynchronizer) sync).hasQueuedThreads();
        }
        return false;
    }

    @ForceInline
    private static Object readWriteSync(Object lock) {
        if (!Handles.AVAILABLE) {
            return null;
        }
        return lock instanceof ReentrantReadWriteLock.ReadLock
            ? Handles.READ_LOCK_SYNC.get((ReentrantReadWriteLock.ReadLock) lock)
            : Handles.WRITE_LOCK_SYNC.get((ReentrantReadWriteLock.WriteLock) lock);
    }
}
