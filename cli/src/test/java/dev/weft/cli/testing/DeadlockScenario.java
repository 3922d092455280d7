package dev.weft.cli.testing;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.Collectors;

/**
 * A real deadlock: two threads each hold one {@code ReentrantLock} and wait for the other's. The
 * JVM's detector finds it, the scenario commits weft's {@code Deadlock} events as the agent's
 * detector does (one per thread), then interrupts both threads to end it: they wait with
 * {@code lockInterruptibly}, so the test JVM is left with no stuck threads.
 */
public final class DeadlockScenario {
    public static final String FIRST_THREAD = "transfer-1";
    public static final String SECOND_THREAD = "transfer-2";

    private DeadlockScenario() {
    }

    /** Deadlocks two threads, reports the deadlock with number {@code deadlockId}, and breaks it. */
    public static void deadlockAndReport(long deadlockId) throws InterruptedException {
        ReentrantLock first = new ReentrantLock();
        ReentrantLock second = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Thread one = new Thread(() -> lockBoth(first, second, bothHoldOne), FIRST_THREAD);
        Thread two = new Thread(() -> lockBoth(second, first, bothHoldOne), SECOND_THREAD);
        one.start();
        two.start();
        try {
            report(deadlockId, awaitDeadlock());
        } finally {
            one.interrupt();
            two.interrupt();
            one.join();
            two.join();
        }
    }

    private static void lockBoth(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        try {
            mine.lockInterruptibly();
        } catch (InterruptedException e) {
            return;
        }
        try {
            bothHoldOne.countDown();
            bothHoldOne.await();
            theirs.lockInterruptibly();
            theirs.unlock();
        } catch (InterruptedException e) {
            // the scenario ends the deadlock
        } finally {
            mine.unlock();
        }
    }

    private static ThreadInfo[] awaitDeadlock() throws InterruptedException {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            long[] ids = threads.findDeadlockedThreads();
            if (ids != null) {
                return threads.getThreadInfo(ids, true, true);
            }
            Thread.sleep(5);
        }
        throw new IllegalStateException("the threads did not deadlock within 10 s");
    }

    private static void report(long deadlockId, ThreadInfo[] cycle) {
        for (ThreadInfo thread : cycle) {
            WeftTestEvents.Deadlock event = new WeftTestEvents.Deadlock();
            event.deadlockId = deadlockId;
            event.threadsInCycle = cycle.length;
            event.threadName = thread.getThreadName();
            event.threadId = thread.getThreadId();
            event.waitingFor = name(thread.getLockInfo());
            event.lockOwnerName = thread.getLockOwnerName();
            event.lockOwnerId = thread.getLockOwnerId();
            event.heldLocks = Arrays.stream(thread.getLockedSynchronizers()).map(DeadlockScenario::name)
                    .collect(Collectors.joining(","));
            event.stack = Arrays.stream(thread.getStackTrace())
                    .map(frame -> frame.getClassName() + "." + frame.getMethodName() + "(" + frame.getFileName()
                            + ":" + frame.getLineNumber() + ")")
                    .collect(Collectors.joining("\n"));
            event.commit();
        }
    }

    private static String name(LockInfo lock) {
        return lock == null ? null : lock.getClassName() + "@" + Integer.toHexString(lock.getIdentityHashCode());
    }
}
