package dev.weft.runtime;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.concurrent.locks.AbstractOwnableSynchronizer;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Reads what the JDK's locks keep private: which thread owns a lock, and whether it is fair.
 *
 * <p>The agent opens {@code java.util.concurrent.locks} to this module before calling
 * {@link #init()}. If that failed, every question gets the safe answer: owner unknown, lock
 * treated as fair (so weft never barges ahead of queued threads with a {@code tryLock}).
 */
public final class LockIntrospection {
    private static volatile VarHandle reentrantSync;
    private static volatile VarHandle readLockSync;
    private static volatile VarHandle writeLockSync;
    private static volatile VarHandle exclusiveOwner;
    private static volatile Class<?> readWriteFairSync;

    private LockIntrospection() {
    }

    /** Looks up the private fields; returns false (and leaves the safe answers) if it cannot. */
    public static boolean init() {
        try {
            MethodHandles.Lookup own = MethodHandles.lookup();
            reentrantSync = MethodHandles.privateLookupIn(ReentrantLock.class, own)
                .findVarHandle(ReentrantLock.class, "sync", syncClass(ReentrantLock.class));
            Class<?> rwSync = syncClass(ReentrantReadWriteLock.class);
            readLockSync = MethodHandles.privateLookupIn(ReentrantReadWriteLock.ReadLock.class, own)
                .findVarHandle(ReentrantReadWriteLock.ReadLock.class, "sync", rwSync);
            writeLockSync = MethodHandles.privateLookupIn(ReentrantReadWriteLock.WriteLock.class, own)
                .findVarHandle(ReentrantReadWriteLock.WriteLock.class, "sync", rwSync);
            exclusiveOwner = MethodHandles.privateLookupIn(AbstractOwnableSynchronizer.class, own)
                .findVarHandle(AbstractOwnableSynchronizer.class, "exclusiveOwnerThread", Thread.class);
            readWriteFairSync = Class.forName(ReentrantReadWriteLock.class.getName() + "$FairSync");
            return true;
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
            return false;
        }
    }

    private static Class<?> syncClass(Class<?> lockClass) throws ClassNotFoundException {
        return Class.forName(lockClass.getName() + "$Sync");
    }

    /**
     * Whether a {@code tryLock()} first behaves exactly like the lock's own first attempt, so weft
     * may try before it times a wait: true for non-fair JDK locks, false for fair or unknown ones.
     */
    static boolean mayTryFirst(Object lock) {
        Class<?> type = lock.getClass();
        if (type == ReentrantLock.class) {
            return !((ReentrantLock) lock).isFair();
        }
        if (type == ReentrantReadWriteLock.ReadLock.class || type == ReentrantReadWriteLock.WriteLock.class) {
            Object sync = readWriteSync(lock);
            return sync != null && sync.getClass() != readWriteFairSync;
        }
        return false;
    }

    /** The thread that holds {@code lock} exclusively now, or null if none or unknown. */
    static Thread owner(Object lock) {
        VarHandle owner = exclusiveOwner;
        if (owner == null) {
            return null;
        }
        Object sync = null;
        if (lock instanceof ReentrantLock && reentrantSync != null) {
            sync = reentrantSync.get((ReentrantLock) lock);
        } else if (lock instanceof ReentrantReadWriteLock.ReadLock || lock instanceof ReentrantReadWriteLock.WriteLock) {
            sync = readWriteSync(lock);
        }
        return sync instanceof AbstractOwnableSynchronizer ? (Thread) owner.get((AbstractOwnableSynchronizer) sync) : null;
    }

    /** Whether threads are queued for {@code lock} (j.u.c. locks with a queue; false otherwise). */
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

    private static Object readWriteSync(Object lock) {
        VarHandle handle = lock instanceof ReentrantReadWriteLock.ReadLock ? readLockSync : writeLockSync;
        if (handle == null) {
            return null;
        }
        return lock instanceof ReentrantReadWriteLock.ReadLock
            ? handle.get((ReentrantReadWriteLock.ReadLock) lock)
            : handle.get((ReentrantReadWriteLock.WriteLock) lock);
    }
}
