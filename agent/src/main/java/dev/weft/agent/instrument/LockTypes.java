package dev.weft.agent.instrument;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.Lock;
import net.bytebuddy.pool.TypePool;

/**
 * Whether a class named at a call site is a {@code java.util.concurrent.locks.Lock}: the JDK's
 * own lock classes by name, an application's subclass ({@code class MyLock extends ReentrantLock},
 * called as {@code myLock.lock()}) by reading its class file through the loader being
 * transformed (never loading it). Unknown or unresolvable types are not locks.
 */
final class LockTypes {
    private static final String LOCK = "java/util/concurrent/locks/Lock";
    private static final java.util.Set<String> JDK_LOCKS = java.util.Set.of(LOCK,
        "java/util/concurrent/locks/ReentrantLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock$ReadLock",
        "java/util/concurrent/locks/ReentrantReadWriteLock$WriteLock");

    private final TypePools pools = new TypePools();
    private final Map<String, Boolean> answers = new ConcurrentHashMap<>();

    /** A predicate for the classes of one loader. */
    LockTypeCheck forLoader(ClassLoader loader) {
        return internalName -> isLock(loader, internalName);
    }

    /** Answers "is this owner a Lock?" for call sites of one class. */
    interface LockTypeCheck {
        boolean isLock(String internalName);
    }

    private boolean isLock(ClassLoader loader, String internalName) {
        if (JDK_LOCKS.contains(internalName)) {
            return true;
        }
        if (internalName.startsWith("java/") || internalName.startsWith("[") || loader == null) {
            return false;
        }
        return answers.computeIfAbsent(System.identityHashCode(loader) + "/" + internalName, key -> resolve(loader, internalName));
    }

    private boolean resolve(ClassLoader loader, String internalName) {
        try {
            TypePool.Resolution resolution = pools.describe(loader, internalName);
            return resolution.isResolved() && resolution.resolve().isAssignableTo(Lock.class);
        } catch (RuntimeException | LinkageError e) {
            return false;
        }
    }
}
