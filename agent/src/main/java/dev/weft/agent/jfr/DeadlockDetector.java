package dev.weft.agent.jfr;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;

/**
 * Looks for live deadlocks (monitors and ownable synchronizers such as {@code ReentrantLock})
 * while the program runs, and writes each one as soon as it is found: a program that hangs and
 * is then stopped by SIGTERM or {@code System.exit} still reports it.
 *
 * <p>The JVM's own detector ({@code ThreadMXBean.findDeadlockedThreads}) is a safepoint operation
 * of well under a millisecond; once a {@code period} is cheap enough for production. Each
 * deadlock (a set of thread ids) is written once.
 */
public final class DeadlockDetector implements Runnable {
    private final long periodMillis;
    private final Set<String> reported = new HashSet<>();
    private long deadlocks;

    private DeadlockDetector(Duration period) {
        this.periodMillis = Math.max(10, period.toMillis());
    }

    /** Starts the detector on a daemon thread of its own. */
    public static void start(Duration period) {
        Thread thread = new Thread(new DeadlockDetector(period), "weft-deadlock-detector");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void run() {
        try {
            ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            while (true) {
                Thread.sleep(periodMillis);
                long[] ids = threads.findDeadlockedThreads();
                if (ids != null && reported.add(key(ids))) {
                    report(threads.getThreadInfo(ids, true, true));
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException | LinkageError e) {
            // no management support in this runtime: no deadlock reports, nothing else changes
        }
    }

    private static String key(long[] ids) {
        long[] sorted = ids.clone();
        Arrays.sort(sorted);
        return Arrays.toString(sorted);
    }

    private void report(ThreadInfo[] infos) {
        deadlocks++;
        for (ThreadInfo info : infos) {
            if (info == null) {
                continue; // ended meanwhile
            }
            DeadlockEvent event = new DeadlockEvent();
            event.deadlockId = deadlocks;
            event.threadsInCycle = infos.length;
            event.threadName = info.getThreadName();
            event.threadId = info.getThreadId();
            event.waitingFor = describe(info.getLockInfo());
            event.lockOwnerName = info.getLockOwnerName();
            event.lockOwnerId = info.getLockOwnerId();
            event.heldLocks = held(info);
            event.stack = stack(info.getStackTrace());
            event.commit();
        }
    }

    private static String held(ThreadInfo info) {
        StringBuilder held = new StringBuilder();
        for (LockInfo lock : info.getLockedMonitors()) {
            append(held, describe(lock));
        }
        for (LockInfo lock : info.getLockedSynchronizers()) {
            append(held, describe(lock));
        }
        return held.toString();
    }

    private static void append(StringBuilder list, String item) {
        if (list.length() > 0) {
            list.append(',');
        }
        list.append(item);
    }

    private static String describe(LockInfo lock) {
        return lock == null ? null : lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }

    private static String stack(StackTraceElement[] frames) {
        StringBuilder stack = new StringBuilder();
        for (StackTraceElement frame : frames) {
            stack.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(')
                .append(frame.getFileName() == null ? "Unknown Source" : frame.getFileName());
            if (frame.getLineNumber() >= 0) {
                stack.append(':').append(frame.getLineNumber());
            }
            stack.append(")\n");
        }
        return stack.toString();
    }
}
