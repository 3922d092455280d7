package dev.weft.cli.testing;

import dev.weft.schema.WeftEvents;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

/**
 * Real concurrency for tests to record: threads that really wait for a monitor or a
 * {@code ReentrantLock}, and the events weft's agent would commit about them.
 */
public final class Scenarios {
    public static final String MONITOR_HOLDER = "monitor-holder";
    public static final String MONITOR_WAITER = "monitor-waiter";
    public static final String JUC_OWNER = "juc-owner";
    public static final String JUC_WAITER = "juc-waiter";
    public static final String IDLE_CONSUMER = "idle-consumer";
    public static final String SPAWNED_THREAD = "spawned-worker";
    public static final String SIGNAL_WAITER = "signal-waiter";
    public static final String SIGNAL_NOTIFIER = "signal-notifier";
    public static final String BUFFER_HOLDER = "buffer-holder";
    public static final String BUFFER_APPENDER = "buffer-appender";
    /** How long the holder keeps the lock once the waiter waits: the least wait each round sees. */
    public static final long HOLD_AFTER_BLOCKED_MILLIS = 20;

    private static volatile int monitorSiteLine;
    private static volatile int jucSiteLine;
    private static volatile int waitLine;
    private static volatile int appendLine;
    private static volatile int pinLine;

    private Scenarios() {
    }

    /** The class whose monitor {@link #contendedMonitor} locks, easy to find in a report. */
    public static final class GuardedResource {
    }

    /**
     * {@code rounds} times, "monitor-holder" holds a {@link GuardedResource}'s monitor until
     * "monitor-waiter" is blocked on it, and a little longer.
     *
     * @return the site: the line of the {@code synchronized} statement in {@code enterMonitor}
     */
    public static int contendedMonitor(int rounds) throws InterruptedException {
        GuardedResource resource = new GuardedResource();
        for (int round = 0; round < rounds; round++) {
            CountDownLatch held = new CountDownLatch(1);
            Thread waiter = new Thread(() -> {
                await(held);
                enterMonitor(resource, () -> { });
            }, MONITOR_WAITER);
            Thread holder = new Thread(() -> enterMonitor(resource, () -> {
                held.countDown();
                holdUntil(() -> waiter.getState() == Thread.State.BLOCKED);
            }), MONITOR_HOLDER);
            runBoth(waiter, holder);
        }
        return monitorSiteLine;
    }

    private static void enterMonitor(GuardedResource resource, Runnable whileHeld) {
        synchronized (resource) { monitorSiteLine = new Throwable().getStackTrace()[0].getLineNumber();
            whileHeld.run();
        }
    }

    /**
     * {@code rounds} times, "juc-owner" holds a {@code ReentrantLock} until "juc-waiter" is parked
     * on it. With {@code reportAsWeft}, each wait is also committed as weft's {@code LockContended},
     * naming the owner, as the agent does.
     *
     * @return the site: the line of the {@code lock()} call in {@code acquire}
     */
    public static int contendedReentrantLock(int rounds, boolean reportAsWeft) throws InterruptedException {
        ReentrantLock lock = new ReentrantLock();
        for (int round = 0; round < rounds; round++) {
            CountDownLatch held = new CountDownLatch(1);
            Thread[] owner = new Thread[1];
            Thread waiter = new Thread(() -> {
                await(held);
                acquire(lock, owner[0], reportAsWeft);
            }, JUC_WAITER);
            owner[0] = new Thread(() -> {
                lock.lock();
                try {
                    held.countDown();
                    holdUntil(() -> lock.hasQueuedThread(waiter));
                } finally {
                    lock.unlock();
                }
            }, JUC_OWNER);
            runBoth(waiter, owner[0]);
        }
        return jucSiteLine;
    }

    private static void acquire(ReentrantLock lock, Thread owner, boolean reportAsWeft) {
        WeftTestEvents.LockContended event = new WeftTestEvents.LockContended();
        event.begin();
        lock.lock(); jucSiteLine = new Throwable().getStackTrace()[0].getLineNumber();
        try {
            event.end();
            if (reportAsWeft) {
                event.lockClass = ReentrantLock.class.getName();
                event.lockId = System.identityHashCode(lock);
                event.operation = "lock";
                event.ownerThreadName = owner.getName();
                event.ownerThreadId = owner.getId();
                event.siteClass = Scenarios.class.getName();
                event.siteMethod = "acquire";
                event.siteLine = jucSiteLine;
                event.commit();
            }
        } finally {
            lock.unlock();
        }
    }

    /** The object {@link #waitForSignal} waits on. */
    public static final class Mailbox {
        private boolean full;
    }

    /**
     * "signal-waiter" waits in {@code Object.wait()} until "signal-notifier", {@link
     * #HOLD_AFTER_BLOCKED_MILLIS} later, notifies it.
     *
     * @return the line of the {@code wait()} call
     */
    public static int waitForSignal() throws InterruptedException {
        Mailbox mailbox = new Mailbox();
        Thread waiter = new Thread(() -> awaitMail(mailbox), SIGNAL_WAITER);
        Thread notifier = new Thread(() -> {
            holdUntil(() -> waiter.getState() == Thread.State.WAITING);
            synchronized (mailbox) {
                mailbox.full = true;
                mailbox.notifyAll();
            }
        }, SIGNAL_NOTIFIER);
        runBoth(waiter, notifier);
        return waitLine;
    }

    private static void awaitMail(Mailbox mailbox) {
        synchronized (mailbox) {
            while (!mailbox.full) {
                try {
                    waitLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
                    mailbox.wait();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }

    /**
     * Contention on a monitor taken inside the JDK: "buffer-holder" holds a {@code StringBuffer}'s
     * monitor while "buffer-appender" calls its {@code synchronized} {@code append}.
     *
     * @return the line of the {@code append} call, the application frame under the JDK's
     */
    public static int contendedJdkMonitor() throws InterruptedException {
        StringBuffer buffer = new StringBuffer();
        CountDownLatch held = new CountDownLatch(1);
        Thread appender = new Thread(() -> {
            await(held);
            appendLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            buffer.append("contended");
        }, BUFFER_APPENDER);
        Thread holder = new Thread(() -> {
            synchronized (buffer) {
                held.countDown();
                holdUntil(() -> appender.getState() == Thread.State.BLOCKED);
            }
        }, BUFFER_HOLDER);
        runBoth(appender, holder);
        return appendLine;
    }

    /**
     * What JFR reports when a virtual thread is pinned (on a JDK without virtual threads, by the
     * stand-in event): {@code times} pins of about {@code millis} each, from this method.
     *
     * @return the line the pins are reported at
     */
    public static int reportPinning(int times, long millis) {
        for (int i = 0; i < times; i++) {
            WeftTestEvents.VirtualThreadPinned event = new WeftTestEvents.VirtualThreadPinned();
            event.begin();
            sleep(millis);
            pinLine = new Throwable().getStackTrace()[0].getLineNumber() + 1;
            event.commit();
        }
        return pinLine;
    }

    /** A consumer that waits for work that never comes: a park that is not contention. */
    public static void idleQueuePoll() throws InterruptedException {
        Thread consumer = new Thread(() -> {
            try {
                new LinkedBlockingQueue<String>().poll(HOLD_AFTER_BLOCKED_MILLIS, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, IDLE_CONSUMER);
        consumer.start();
        consumer.join();
    }

    /** Starts a thread and reports it as weft's agent does, from the parent right after start(). */
    public static void startReportedThread() throws InterruptedException {
        Thread spawned = new Thread(() -> { }, SPAWNED_THREAD);
        spawned.start();
        WeftTestEvents.ThreadStart event = new WeftTestEvents.ThreadStart();
        event.startedThreadId = spawned.getId();
        event.startedThreadName = spawned.getName();
        event.commit();
        spawned.join();
    }

    /** weft's cumulative counts for one lock site, as the agent commits them at the end of a chunk. */
    public static void reportLockStatistics(int siteId, String lockKind, String lockClass, String siteMethod,
                                            int siteLine, long acquisitions, long contended, long waitNanos) {
        reportLockStatistics(siteId, lockKind, lockClass, siteMethod, siteLine, acquisitions, contended, waitNanos,
                0, 0);
    }

    /** The same, with the holds at the site that made other threads wait (j.u.c. locks). */
    public static void reportLockStatistics(int siteId, String lockKind, String lockClass, String siteMethod,
                                            int siteLine, long acquisitions, long contended, long waitNanos,
                                            long blockingHolds, long blockingHoldNanos) {
        WeftTestEvents.LockStatistics event = new WeftTestEvents.LockStatistics();
        event.siteId = siteId;
        event.lockKind = lockKind;
        event.lockClass = lockClass;
        event.siteClass = Scenarios.class.getName();
        event.siteMethod = siteMethod;
        event.siteLine = siteLine;
        event.acquisitions = acquisitions;
        event.contended = contended;
        event.waitNanos = waitNanos;
        event.blockingHolds = blockingHolds;
        event.blockingHoldNanos = blockingHoldNanos;
        event.commit();
    }

    /** The counts of the monitor site of {@link #contendedMonitor}. */
    public static void reportMonitorStatistics(int siteLine, long acquisitions) {
        reportLockStatistics(1, WeftEvents.LockKinds.MONITOR, GuardedResource.class.getName(), "enterMonitor",
                siteLine, acquisitions, 0, 0);
    }

    public static void reportAgentInfo(String version, long internalErrors, String firstError) {
        agentInfo(version, internalErrors, firstError).commit();
    }

    /** An agent whose models did not reach {@code classes} (JDK classes the program loaded). */
    public static void reportModelsNotApplied(String... classes) {
        WeftTestEvents.AgentInfo event = agentInfo("9.9.9-test", 0, "");
        event.modelsNotApplied = classes.length;
        event.modelsNotAppliedTo = String.join(", ", classes);
        event.commit();
    }

    private static WeftTestEvents.AgentInfo agentInfo(String version, long internalErrors, String firstError) {
        WeftTestEvents.AgentInfo event = new WeftTestEvents.AgentInfo();
        event.weftVersion = version;
        event.options = "test";
        event.javaVersion = System.getProperty("java.version");
        event.instrumentedClasses = 42;
        event.lockSites = 2;
        event.internalErrors = internalErrors;
        event.firstError = firstError;
        return event;
    }

    private static void runBoth(Thread first, Thread second) throws InterruptedException {
        first.start();
        second.start();
        first.join();
        second.join();
    }

    private static void holdUntil(BooleanSupplier waiterWaits) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!waiterWaits.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
        sleep(HOLD_AFTER_BLOCKED_MILLIS);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
