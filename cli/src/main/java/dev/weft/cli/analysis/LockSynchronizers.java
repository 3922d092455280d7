package dev.weft.cli.analysis;

import java.util.List;

/**
 * Tells a thread parked on a lock from one parked for work: JFR's {@code jdk.ThreadPark} names the
 * object parked on, which for a {@code java.util.concurrent} lock is its synchronizer
 * ({@code ReentrantLock$NonfairSync}), and for a queue, a condition or a future something else.
 */
final class LockSynchronizers {
    private static final List<String> OF_LOCKS = List.of(
            "java.util.concurrent.locks.ReentrantLock$",
            "java.util.concurrent.locks.ReentrantReadWriteLock$",
            "java.util.concurrent.locks.StampedLock",
            "java.util.concurrent.Semaphore$");

    private LockSynchronizers() {
    }

    /** {@code ReentrantLock} for its {@code ReentrantLock$NonfairSync}; null for what is not a lock's. */
    static String lockOf(String parkedClass) {
        if (parkedClass == null) {
            return null;
        }
        for (String synchronizer : OF_LOCKS) {
            if (parkedClass.startsWith(synchronizer)) {
                int nested = parkedClass.indexOf('$');
                return nested < 0 ? parkedClass : parkedClass.substring(0, nested);
            }
        }
        return null;
    }
}
