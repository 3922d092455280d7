package com.acme.it.races;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Timer;
import java.util.TimerTask;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SubmissionPublisher;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicIntegerFieldUpdater;
import java.util.concurrent.atomic.AtomicLongFieldUpdater;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import java.util.stream.IntStream;

/**
 * Every synchronization idiom weft must understand, each as a correct program (no race) and a
 * racy twin that breaks exactly that idiom. {@code RaceIdioms correct|racy [idiom,...]} runs the
 * correct or racy programs of the idioms named (all without a list); each idiom's code lives in
 * methods named {@code <idiom>Correct} / {@code <idiom>Racy} (and their lambdas), so a race's
 * site names its idiom.
 *
 * <p>A racy twin is racy on every run, not only when the scheduler is unlucky: its racing
 * accesses are never ordered by happens-before, whatever the timing. Where a twin needs two
 * accesses to overlap in time (so that they run on different threads of a pool), both threads
 * reach a latch first and access after it, so the latch orders nothing between the accesses.
 * The second of two racing accesses comes after a {@link #pause} (a sleep, which orders nothing):
 * two accesses in the very same instant can each miss the other in a detector that keeps its
 * shadow state without locks, and the twins test the models, not that.
 */
public final class RaceIdioms {
    private static final Map<String, Idiom> IDIOMS = new LinkedHashMap<>();

    interface Body {
        void run() throws Exception;
    }

    /** An idiom's two programs and the first JDK feature release that has it. */
    record Idiom(Body correct, Body racy, int sinceJdk) {
    }

    private static void idiom(String name, Body correct, Body racy) {
        IDIOMS.put(name, new Idiom(correct, racy, 17));
    }

    static {
        // monitors, volatile, threads, class initialization, final fields
        idiom("synchronizedBlock", RaceIdioms::synchronizedBlockCorrect, RaceIdioms::synchronizedBlockRacy);
        idiom("synchronizedMethod", RaceIdioms::synchronizedMethodCorrect, RaceIdioms::synchronizedMethodRacy);
        idiom("arrayMonitor", RaceIdioms::arrayMonitorCorrect, RaceIdioms::arrayMonitorRacy);
        idiom("waitNotify", RaceIdioms::waitNotifyCorrect, RaceIdioms::waitNotifyRacy);
        idiom("volatileFlag", RaceIdioms::volatileFlagCorrect, RaceIdioms::volatileFlagRacy);
        idiom("startJoin", RaceIdioms::startJoinCorrect, RaceIdioms::startJoinRacy);
        idiom("threadIsAlive", RaceIdioms::threadIsAliveCorrect, RaceIdioms::threadIsAliveRacy);
        idiom("classInit", RaceIdioms::classInitCorrect, RaceIdioms::classInitRacy);
        idiom("classInitHolder", RaceIdioms::classInitHolderCorrect, null);
        idiom("finalField", RaceIdioms::finalFieldCorrect, RaceIdioms::finalFieldRacy);
        // java.util.concurrent.locks
        idiom("reentrantLock", RaceIdioms::reentrantLockCorrect, RaceIdioms::reentrantLockRacy);
        idiom("readWriteLock", RaceIdioms::readWriteLockCorrect, RaceIdioms::readWriteLockRacy);
        idiom("stampedLock", RaceIdioms::stampedLockCorrect, RaceIdioms::stampedLockRacy);
        idiom("condition", RaceIdioms::conditionCorrect, RaceIdioms::conditionRacy);
        idiom("lockSupport", RaceIdioms::lockSupportCorrect, RaceIdioms::lockSupportRacy);
        idiom("lockObjectAsMonitor", RaceIdioms::lockObjectAsMonitorCorrect, null);
        idiom("lockSubclass", RaceIdioms::lockSubclassCorrect, null);
        idiom("queuedSynchronizer", RaceIdioms::queuedSynchronizerCorrect, RaceIdioms::queuedSynchronizerRacy);
        // atomics, adders, VarHandles
        idiom("atomic", RaceIdioms::atomicCorrect, RaceIdioms::atomicRacy);
        idiom("atomicReference", RaceIdioms::atomicReferenceCorrect, RaceIdioms::atomicReferenceRacy);
        idiom("atomicStampedReference", RaceIdioms::atomicStampedReferenceCorrect,
            RaceIdioms::atomicStampedReferenceRacy);
        idiom("longAdder", RaceIdioms::longAdderCorrect, RaceIdioms::longAdderRacy);
        idiom("varHandle", RaceIdioms::varHandleCorrect, RaceIdioms::varHandleRacy);
        idiom("atomicFieldUpdater", RaceIdioms::atomicFieldUpdaterCorrect, RaceIdioms::atomicFieldUpdaterRacy);
        // executors, futures, fork/join
        idiom("executorSubmit", RaceIdioms::executorSubmitCorrect, RaceIdioms::executorSubmitRacy);
        idiom("executorExecute", RaceIdioms::executorExecuteCorrect, RaceIdioms::executorExecuteRacy);
        idiom("futureGet", RaceIdioms::futureGetCorrect, RaceIdioms::futureGetRacy);
        idiom("invokeAll", RaceIdioms::invokeAllCorrect, RaceIdioms::invokeAllRacy);
        idiom("awaitTermination", RaceIdioms::awaitTerminationCorrect, RaceIdioms::awaitTerminationRacy);
        idiom("scheduled", RaceIdioms::scheduledCorrect, RaceIdioms::scheduledRacy);
        idiom("completableFuture", RaceIdioms::completableFutureCorrect, RaceIdioms::completableFutureRacy);
        idiom("completableFutureCompletedStages", RaceIdioms::completableFutureCompletedStagesCorrect, null);
        idiom("completableFutureFiredElsewhere", RaceIdioms::completableFutureFiredElsewhereCorrect,
            RaceIdioms::completableFutureFiredElsewhereRacy);
        idiom("submissionPublisher", RaceIdioms::submissionPublisherCorrect, RaceIdioms::submissionPublisherRacy);
        idiom("forkJoin", RaceIdioms::forkJoinCorrect, RaceIdioms::forkJoinRacy);
        idiom("forkJoinInvokeAll", RaceIdioms::forkJoinInvokeAllCorrect, RaceIdioms::forkJoinInvokeAllRacy);
        idiom("forkJoinPoolSubmit", RaceIdioms::forkJoinPoolSubmitCorrect, RaceIdioms::forkJoinPoolSubmitRacy);
        idiom("parallelStream", RaceIdioms::parallelStreamCorrect, RaceIdioms::parallelStreamRacy);
        IDIOMS.put("virtualThread", new Idiom(RaceIdioms::virtualThreadCorrect, RaceIdioms::virtualThreadRacy, 21));
        IDIOMS.put("virtualThreadExecutor",
            new Idiom(RaceIdioms::virtualThreadExecutorCorrect, RaceIdioms::virtualThreadExecutorRacy, 21));
        // queues and concurrent collections: put -> get/take/poll
        idiom("arrayBlockingQueue", RaceIdioms::arrayBlockingQueueCorrect, RaceIdioms::arrayBlockingQueueRacy);
        idiom("linkedBlockingQueue", RaceIdioms::linkedBlockingQueueCorrect, RaceIdioms::linkedBlockingQueueRacy);
        idiom("synchronousQueue", RaceIdioms::synchronousQueueCorrect, RaceIdioms::synchronousQueueRacy);
        idiom("linkedTransferQueue", RaceIdioms::linkedTransferQueueCorrect, RaceIdioms::linkedTransferQueueRacy);
        idiom("priorityBlockingQueue", RaceIdioms::priorityBlockingQueueCorrect,
            RaceIdioms::priorityBlockingQueueRacy);
        idiom("concurrentHashMap", RaceIdioms::concurrentHashMapCorrect, RaceIdioms::concurrentHashMapRacy);
        idiom("concurrentHashMapCompute", RaceIdioms::concurrentHashMapComputeCorrect,
            RaceIdioms::concurrentHashMapComputeRacy);
        idiom("concurrentSkipListMap", RaceIdioms::concurrentSkipListMapCorrect, RaceIdioms::concurrentSkipListMapRacy);
        idiom("elementComparisons", RaceIdioms::elementComparisonsCorrect, RaceIdioms::elementComparisonsRacy);
        idiom("hashMapTreeBins", RaceIdioms::hashMapTreeBinsCorrect, RaceIdioms::hashMapTreeBinsRacy);
        idiom("concurrentHashMapComputeIfAbsent", RaceIdioms::concurrentHashMapComputeIfAbsentCorrect,
            RaceIdioms::concurrentHashMapComputeIfAbsentRacy);
        idiom("concurrentHashMapTraversal", RaceIdioms::concurrentHashMapTraversalCorrect,
            RaceIdioms::concurrentHashMapTraversalRacy);
        idiom("concurrentHashMapParallelTraversal", RaceIdioms::concurrentHashMapParallelTraversalCorrect,
            RaceIdioms::concurrentHashMapParallelTraversalRacy);
        idiom("weaklyConsistentIterators", RaceIdioms::weaklyConsistentIteratorsCorrect,
            RaceIdioms::weaklyConsistentIteratorsRacy);
        idiom("concurrentQueueSpliterators", RaceIdioms::concurrentQueueSpliteratorsCorrect,
            RaceIdioms::concurrentQueueSpliteratorsRacy);
        idiom("skipListSpliterators", RaceIdioms::skipListSpliteratorsCorrect, RaceIdioms::skipListSpliteratorsRacy);
        idiom("concurrentLinkedQueue", RaceIdioms::concurrentLinkedQueueCorrect,
            RaceIdioms::concurrentLinkedQueueRacy);
        idiom("copyOnWriteArrayList", RaceIdioms::copyOnWriteArrayListCorrect, RaceIdioms::copyOnWriteArrayListRacy);
        idiom("synchronizedCollections", RaceIdioms::synchronizedCollectionsCorrect,
            RaceIdioms::synchronizedCollectionsRacy);
        // latches, barriers, phasers, semaphores, exchangers; thread confinement
        idiom("countDownLatch", RaceIdioms::countDownLatchCorrect, RaceIdioms::countDownLatchRacy);
        idiom("cyclicBarrier", RaceIdioms::cyclicBarrierCorrect, RaceIdioms::cyclicBarrierRacy);
        idiom("phaser", RaceIdioms::phaserCorrect, RaceIdioms::phaserRacy);
        idiom("semaphore", RaceIdioms::semaphoreCorrect, RaceIdioms::semaphoreRacy);
        idiom("exchanger", RaceIdioms::exchangerCorrect, RaceIdioms::exchangerRacy);
        idiom("threadLocal", RaceIdioms::threadLocalCorrect, RaceIdioms::threadLocalRacy);
        // timers, interrupts
        idiom("timer", RaceIdioms::timerCorrect, RaceIdioms::timerRacy);
        idiom("interrupt", RaceIdioms::interruptCorrect, RaceIdioms::interruptRacy);
        idiom("cleaner", RaceIdioms::cleanerCorrect, RaceIdioms::cleanerRacy);
    }

    /** {@code correct|racy [idiom,idiom...]}: runs those programs, prints the idioms run. */
    public static void main(String[] args) throws Exception {
        boolean racy = args[0].equals("racy");
        List<String> only = args.length < 2 ? null : Arrays.asList(args[1].split(","));
        if (only != null && !IDIOMS.keySet().containsAll(only)) {
            throw new IllegalArgumentException("unknown idiom in " + only + "; known: " + IDIOMS.keySet());
        }
        List<String> ran = new ArrayList<>();
        for (Map.Entry<String, Idiom> idiom : IDIOMS.entrySet()) {
            Body body = racy ? idiom.getValue().racy() : idiom.getValue().correct();
            if (body != null && (only == null || only.contains(idiom.getKey()))
                && Runtime.version().feature() >= idiom.getValue().sinceJdk()) {
                body.run();
                ran.add(idiom.getKey());
            }
        }
        System.out.println(String.join(",", ran));
    }

    /** The idioms that run on the given JDK feature release. */
    public static List<String> idioms(int jdk) {
        List<String> names = new ArrayList<>();
        IDIOMS.forEach((name, idiom) -> {
            if (jdk >= idiom.sinceJdk()) {
                names.add(name);
            }
        });
        return names;
    }

    /** The idioms with a racy twin that run on the given JDK feature release. */
    public static List<String> racyIdioms(int jdk) {
        List<String> names = new ArrayList<>();
        IDIOMS.forEach((name, idiom) -> {
            if (idiom.racy() != null && jdk >= idiom.sinceJdk()) {
                names.add(name);
            }
        });
        return names;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private static Thread start(String name, Body body) {
        Thread thread = new Thread(() -> {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }, name);
        thread.start();
        return thread;
    }

    private static void joinAll(Thread... threads) throws InterruptedException {
        for (Thread thread : threads) {
            thread.join();
        }
    }

    /** Lets another thread run first; orders nothing. */
    private static void pause() throws InterruptedException {
        Thread.sleep(100);
    }

    /**
     * Counts down and waits until the other party has counted down too: both are running at once.
     * Both count down before they wait, so what each does after it is ordered with nothing the
     * other does after it.
     */
    private static void meet(CountDownLatch both) throws InterruptedException {
        both.countDown();
        if (!both.await(10, TimeUnit.SECONDS)) {
            throw new IllegalStateException("the other party never came");
        }
    }

    /** Something that hands over a box: a take, a poll in a loop, a get. */
    interface Take {
        Box take() throws Exception;
    }

    /** Starts a consumer that increments the box it is handed. */
    private static Thread consumer(Take take) {
        return start("consumer", () -> take.take().value++);
    }

    /** Polls until {@code poll} returns a box. */
    private static Box spin(Callable<Box> poll) throws Exception {
        Box box;
        while ((box = poll.call()) == null) {
            Thread.yield();
        }
        return box;
    }

    // ---- monitors -----------------------------------------------------------------------------

    static void synchronizedBlockCorrect() throws Exception {
        Box box = new Box();
        Object lock = new Object();
        Body add = () -> {
            for (int i = 0; i < 100; i++) {
                synchronized (lock) {
                    box.value++;
                }
            }
        };
        joinAll(start("monitor-1", add), start("monitor-2", add));
    }

    static void synchronizedBlockRacy() throws Exception {
        Box box = new Box();
        Object lock = new Object();
        Thread guarded = start("monitor-guarded", () -> {
            synchronized (lock) {
                box.value++;
            }
        });
        Thread unguarded = start("monitor-unguarded", () -> {
            pause();
            box.value++;
        });
        joinAll(guarded, unguarded);
    }

    /**
     * An array's monitor guards the array's own elements and another object's field (a session
     * updated under {@code synchronized (session)}).
     */
    static void arrayMonitorCorrect() throws Exception {
        Box box = new Box();
        long[] session = new long[2];
        Body add = () -> {
            for (int i = 0; i < 100; i++) {
                synchronized (session) {
                    session[0]++;
                    session[1] += i;
                    box.value++;
                }
            }
        };
        joinAll(start("array-monitor-1", add), start("array-monitor-2", add));
    }

    static void arrayMonitorRacy() throws Exception {
        long[] session = new long[2];
        Thread guarded = start("array-monitor-guarded", () -> {
            synchronized (session) {
                session[0]++;
            }
        });
        Thread unguarded = start("array-monitor-unguarded", () -> {
            pause();
            session[0]++;
        });
        joinAll(guarded, unguarded);
    }

    private static int counter;

    private static synchronized void synchronizedMethodCorrectIncrement() {
        counter++;
    }

    static void synchronizedMethodCorrect() throws Exception {
        Body add = () -> {
            for (int i = 0; i < 100; i++) {
                synchronizedMethodCorrectIncrement();
            }
        };
        joinAll(start("sync-method-1", add), start("sync-method-2", add));
    }

    private static int racyCounter;

    private static synchronized void synchronizedMethodRacyIncrement() {
        racyCounter++;
    }

    private static void synchronizedMethodRacyIncrementUnguarded() {
        racyCounter++;
    }

    static void synchronizedMethodRacy() throws Exception {
        joinAll(start("sync-method", RaceIdioms::synchronizedMethodRacyIncrement), start("plain-method", () -> {
            pause();
            synchronizedMethodRacyIncrementUnguarded();
        }));
    }

    static void waitNotifyCorrect() throws Exception {
        Box box = new Box();
        boolean[] ready = new boolean[1];
        Object lock = new Object();
        Thread consumer = start("waiter", () -> {
            synchronized (lock) {
                while (!ready[0]) {
                    lock.wait();
                }
            }
            box.value++; // after the wait: ordered after the producer's write
        });
        box.value = 1;
        synchronized (lock) {
            ready[0] = true;
            lock.notifyAll();
        }
        consumer.join();
    }

    static void waitNotifyRacy() throws Exception {
        Box box = new Box();
        boolean[] ready = new boolean[1];
        Object lock = new Object();
        Thread consumer = start("waiter", () -> {
            synchronized (lock) {
                while (!ready[0]) {
                    lock.wait();
                }
            }
            box.value++;
        });
        synchronized (lock) {
            ready[0] = true;
            lock.notifyAll();
        }
        pause();
        box.value = 1; // after the notification, outside the lock
        consumer.join();
    }

    // ---- volatile, start/join, class initialization, final fields -------------------------------

    static volatile boolean published;

    static void volatileFlagCorrect() throws Exception {
        Box box = new Box();
        published = false;
        Thread reader = start("flag-reader", () -> {
            while (!published) {
                Thread.onSpinWait();
            }
            box.value++;
        });
        box.value = 42;
        published = true;
        reader.join();
    }

    static volatile boolean publishedTooEarly;

    static void volatileFlagRacy() throws Exception {
        Box box = new Box();
        Thread reader = start("flag-reader", () -> {
            while (!publishedTooEarly) {
                Thread.onSpinWait();
            }
            box.value++;
        });
        publishedTooEarly = true;
        pause();
        box.value = 42; // after the volatile write that was to publish it
        reader.join();
    }

    static void startJoinCorrect() throws Exception {
        Box box = new Box();
        box.value = 1;
        Thread child = start("child", () -> box.value++);
        child.join();
        box.value++;
    }

    static void startJoinRacy() throws Exception {
        Box box = new Box();
        Thread child = start("child", () -> box.value++);
        pause();
        box.value++; // after start, before join
        child.join();
    }

    static final class Config {
        static final Box DEFAULTS = new Box();

        static {
            DEFAULTS.value = 8080;
        }
    }

    static void threadIsAliveCorrect() throws Exception {
        Box box = new Box();
        Thread worker = start("worker", () -> box.value = 1);
        while (worker.isAlive()) {
            Thread.onSpinWait();
        }
        box.value++; // the end that isAlive() found orders the worker's write
    }

    static void threadIsAliveRacy() throws Exception {
        Box box = new Box();
        Thread worker = start("worker", () -> {
            pause();
            box.value = 1;
        });
        if (worker.isAlive()) {
            box.value++; // while it is still running
        }
        worker.join();
    }

    static void classInitCorrect() throws Exception {
        Body read = () -> {
            int port = Config.DEFAULTS.value;
        };
        joinAll(start("init-reader-1", read), start("init-reader-2", read));
    }

    /** The same configuration, built lazily on first use instead of by a static initializer. */
    static Box lazyDefaults;

    static void classInitRacy() throws Exception {
        Body read = () -> {
            if (lazyDefaults == null) {
                Box defaults = new Box();
                defaults.value = 8080;
                lazyDefaults = defaults;
            }
            int port = lazyDefaults.value;
        };
        joinAll(start("lazy-reader-1", read), start("lazy-reader-2", () -> {
            pause();
            read.run();
        }));
    }

    /** The holder idiom: the instance is built by a constructor the static initializer calls. */
    static final class Holder {
        static final Holder INSTANCE = new Holder();
        private final Box settings = new Box();
        private int port;

        private Holder() {
            port = 8080;
            settings.value = 1;
        }
    }

    static void classInitHolderCorrect() throws Exception {
        Body read = () -> {
            int port = Holder.INSTANCE.port + Holder.INSTANCE.settings.value;
        };
        joinAll(start("holder-reader-1", read), start("holder-reader-2", read));
    }

    /** Immutable: its field is final, so any thread that sees the object sees the port. */
    static final class FinalEndpoint {
        final int port;

        FinalEndpoint(int port) {
            this.port = port;
        }
    }

    /** The same, with a field that is not final: publishing it by a data race is unsafe. */
    static final class PlainEndpoint {
        int port;

        PlainEndpoint(int port) {
            this.port = port;
        }
    }

    /** Accessed only through {@link #PLAIN}, in plain mode. */
    private static Object handedOver;
    private static final java.lang.invoke.VarHandle PLAIN = plainHandle();

    private static java.lang.invoke.VarHandle plainHandle() {
        try {
            return java.lang.invoke.MethodHandles.lookup().findStaticVarHandle(RaceIdioms.class, "handedOver",
                Object.class);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Hands an object to another thread through a static field in a VarHandle's plain mode: a
     * data race on that field that weft neither checks (it checks getfield and putfield, and
     * objects of the JDK's non-thread-safe classes) nor orders (plain mode orders nothing), so the
     * object arrives with no happens-before at all — only its final fields are safe to read.
     */
    private static void publishRacily(Object object) {
        PLAIN.set(object);
    }

    @SuppressWarnings("unchecked")
    private static <T> T racilyPublished() throws InterruptedException {
        Object object;
        while ((object = PLAIN.get()) == null) {
            Thread.sleep(1);
        }
        return (T) object;
    }

    static void finalFieldCorrect() throws Exception {
        Thread reader = start("final-reader", () -> {
            int port = RaceIdioms.<FinalEndpoint>racilyPublished().port; // a final field: safe however it was published
        });
        publishRacily(new FinalEndpoint(8080));
        reader.join();
    }

    static void finalFieldRacy() throws Exception {
        Thread reader = start("plain-reader", () -> {
            int port = RaceIdioms.<PlainEndpoint>racilyPublished().port; // not final: may be seen before the constructor's write
        });
        publishRacily(new PlainEndpoint(8080));
        reader.join();
    }

    // ---- java.util.concurrent.locks -----------------------------------------------------------

    static void reentrantLockCorrect() throws Exception {
        Box box = new Box();
        ReentrantLock lock = new ReentrantLock();
        Body add = () -> {
            lock.lock();
            try {
                box.value++;
            } finally {
                lock.unlock();
            }
        };
        joinAll(start("lock-1", add), start("lock-2", add));
    }

    static void reentrantLockRacy() throws Exception {
        Box box = new Box();
        ReentrantLock lock = new ReentrantLock();
        Thread guarded = start("lock-guarded", () -> {
            lock.lock();
            try {
                box.value++;
            } finally {
                lock.unlock();
            }
        });
        Thread unguarded = start("lock-unguarded", () -> {
            pause();
            box.value++;
        });
        joinAll(guarded, unguarded);
    }

    static void readWriteLockCorrect() throws Exception {
        Box box = new Box();
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        Thread writer = start("rw-writer", () -> {
            lock.writeLock().lock();
            try {
                box.value = 7;
            } finally {
                lock.writeLock().unlock();
            }
        });
        Thread reader = start("rw-reader", () -> {
            lock.readLock().lock();
            try {
                int seen = box.value;
            } finally {
                lock.readLock().unlock();
            }
        });
        joinAll(writer, reader);
    }

    static void readWriteLockRacy() throws Exception {
        Box box = new Box();
        ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
        Thread writer = start("rw-writer", () -> {
            lock.writeLock().lock();
            try {
                box.value = 7;
            } finally {
                lock.writeLock().unlock();
            }
        });
        Thread reader = start("rw-reader", () -> {
            pause();
            int seen = box.value; // no read lock
        });
        joinAll(writer, reader);
    }

    static void stampedLockCorrect() throws Exception {
        Box box = new Box();
        StampedLock lock = new StampedLock();
        Body add = () -> {
            long stamp = lock.writeLock();
            try {
                box.value++;
            } finally {
                lock.unlockWrite(stamp);
            }
            stamp = lock.readLock();
            try {
                int seen = box.value;
            } finally {
                lock.unlockRead(stamp);
            }
        };
        joinAll(start("stamped-1", add), start("stamped-2", add));
    }

    static void stampedLockRacy() throws Exception {
        Box box = new Box();
        StampedLock lock = new StampedLock();
        Thread guarded = start("stamped-guarded", () -> {
            long stamp = lock.writeLock();
            try {
                box.value++;
            } finally {
                lock.unlockWrite(stamp);
            }
        });
        Thread unguarded = start("stamped-unguarded", () -> {
            pause();
            box.value++;
        });
        joinAll(guarded, unguarded);
    }

    static void conditionCorrect() throws Exception {
        Box box = new Box();
        ReentrantLock lock = new ReentrantLock();
        Condition ready = lock.newCondition();
        boolean[] flag = new boolean[1];
        Thread waiter = start("condition-waiter", () -> {
            lock.lock();
            try {
                while (!flag[0]) {
                    ready.await();
                }
                box.value++;
            } finally {
                lock.unlock();
            }
        });
        lock.lock();
        try {
            box.value = 1;
            flag[0] = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
        waiter.join();
    }

    static void conditionRacy() throws Exception {
        Box box = new Box();
        ReentrantLock lock = new ReentrantLock();
        Condition ready = lock.newCondition();
        boolean[] flag = new boolean[1];
        Thread waiter = start("condition-waiter", () -> {
            lock.lock();
            try {
                while (!flag[0]) {
                    ready.await();
                }
                box.value++;
            } finally {
                lock.unlock();
            }
        });
        lock.lock();
        try {
            flag[0] = true;
            ready.signal();
        } finally {
            lock.unlock();
        }
        pause();
        box.value = 1; // after signalling, outside the lock
        waiter.join();
    }

    static volatile boolean unparkedFor;

    static void lockSupportCorrect() throws Exception {
        Box box = new Box();
        unparkedFor = false;
        Thread parked = start("parked", () -> {
            while (!unparkedFor) {
                LockSupport.park();
            }
            box.value++;
        });
        box.value = 1;
        unparkedFor = true; // the volatile write orders; park/unpark only wait and wake
        LockSupport.unpark(parked);
        parked.join();
    }

    static void lockSupportRacy() throws Exception {
        Box box = new Box();
        Thread parked = start("parked", () -> {
            LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(10));
            box.value++;
        });
        box.value = 1;
        LockSupport.unpark(parked); // unpark orders no memory
        parked.join();
    }

    /** The latch of {@code AbstractQueuedSynchronizer}'s documentation: a synchronizer of the application's own. */
    static final class BooleanLatch {
        private static final class Sync extends AbstractQueuedSynchronizer {
            @Override
            protected int tryAcquireShared(int ignored) {
                return getState() != 0 ? 1 : -1;
            }

            @Override
            protected boolean tryReleaseShared(int ignored) {
                setState(1);
                return true;
            }
        }

        private final Sync sync = new Sync();

        void signal() {
            sync.releaseShared(1);
        }

        void await() throws InterruptedException {
            sync.acquireSharedInterruptibly(1);
        }
    }

    static void queuedSynchronizerCorrect() throws Exception {
        Box box = new Box();
        BooleanLatch latch = new BooleanLatch();
        Thread signaller = start("signaller", () -> {
            box.value = 1;
            latch.signal();
        });
        latch.await();
        box.value++;
        signaller.join();
    }

    static void queuedSynchronizerRacy() throws Exception {
        Box box = new Box();
        BooleanLatch latch = new BooleanLatch();
        Thread signaller = start("signaller", () -> {
            latch.signal();
            pause();
            box.value = 1; // after the signal the main thread waits for
        });
        latch.await();
        box.value++;
        signaller.join();
    }

    static void lockObjectAsMonitorCorrect() throws Exception {
        Box box = new Box();
        ReentrantLock usedAsMonitor = new ReentrantLock();
        Body add = () -> {
            for (int i = 0; i < 50; i++) {
                synchronized (usedAsMonitor) {
                    box.value++;
                }
            }
        };
        joinAll(start("monitor-of-lock-1", add), start("monitor-of-lock-2", add));
    }

    /** An application's own lock class, called through its own type. */
    static final class CountingLock extends ReentrantLock {
        int acquisitions;
    }

    static void lockSubclassCorrect() throws Exception {
        Box box = new Box();
        CountingLock lock = new CountingLock();
        Body add = () -> {
            for (int i = 0; i < 50; i++) {
                lock.lock();
                try {
                    lock.acquisitions++;
                    box.value++;
                } finally {
                    lock.unlock();
                }
            }
        };
        joinAll(start("own-lock-1", add), start("own-lock-2", add));
    }

    // ---- atomics, adders, VarHandles ------------------------------------------------------------

    static void atomicCorrect() throws Exception {
        Box box = new Box();
        AtomicInteger ready = new AtomicInteger();
        AtomicBoolean claimed = new AtomicBoolean();
        AtomicLong sequence = new AtomicLong();
        Thread reader = start("atomic-reader", () -> {
            while (ready.get() == 0) {
                Thread.onSpinWait();
            }
            box.value++; // after the set
            while (!claimed.compareAndSet(true, false)) {
                Thread.onSpinWait();
            }
            box.value++; // after the compare-and-set
            sequence.incrementAndGet();
        });
        box.value = 1;
        ready.set(1);
        claimed.set(true);
        while (sequence.get() == 0) {
            Thread.onSpinWait();
        }
        box.value++; // after the reader's increment
        reader.join();
    }

    static void atomicRacy() throws Exception {
        Box box = new Box();
        AtomicInteger ready = new AtomicInteger();
        Thread reader = start("atomic-reader", () -> {
            while (ready.get() == 0) {
                Thread.onSpinWait();
            }
            box.value++;
        });
        ready.set(1);
        pause();
        box.value = 1; // after the set that was to publish it
        reader.join();
    }

    static void atomicReferenceCorrect() throws Exception {
        AtomicReference<Box> handoff = new AtomicReference<>();
        Box initial = new Box();
        AtomicReference<Box> updated = new AtomicReference<>(initial);
        Thread reader = start("reference-reader", () -> {
            Box seen;
            while ((seen = handoff.get()) == null) {
                Thread.onSpinWait();
            }
            seen.value++;
            Box fresh = new Box();
            fresh.value = 3;
            updated.compareAndSet(initial, fresh);
        });
        Box box = new Box();
        box.value = 2;
        handoff.set(box);
        Box latest;
        while ((latest = updated.get()) == initial) {
            Thread.onSpinWait();
        }
        latest.value++;
        reader.join();
    }

    static void atomicReferenceRacy() throws Exception {
        AtomicReference<Box> handoff = new AtomicReference<>();
        Thread reader = start("reference-reader", () -> {
            Box seen;
            while ((seen = handoff.get()) == null) {
                Thread.onSpinWait();
            }
            seen.value++;
        });
        Box box = new Box();
        handoff.set(box);
        pause();
        box.value = 2; // filled in after it was published
        reader.join();
    }

    static void atomicStampedReferenceCorrect() throws Exception {
        java.util.concurrent.atomic.AtomicStampedReference<Box> stamped =
            new java.util.concurrent.atomic.AtomicStampedReference<>(null, 0);
        java.util.concurrent.atomic.AtomicMarkableReference<Box> marked =
            new java.util.concurrent.atomic.AtomicMarkableReference<>(null, false);
        Thread reader = start("reference-reader", () -> {
            Box seen;
            while ((seen = stamped.getReference()) == null) {
                Thread.onSpinWait();
            }
            seen.value++;
            boolean[] mark = new boolean[1];
            while ((seen = marked.get(mark)) == null) {
                Thread.onSpinWait();
            }
            seen.value++;
        });
        Box first = new Box();
        first.value = 1;
        stamped.compareAndSet(null, first, 0, 1);
        Box second = new Box();
        second.value = 1;
        marked.set(second, true);
        reader.join();
    }

    static void atomicStampedReferenceRacy() throws Exception {
        java.util.concurrent.atomic.AtomicStampedReference<Box> stamped =
            new java.util.concurrent.atomic.AtomicStampedReference<>(null, 0);
        Thread reader = start("reference-reader", () -> {
            Box seen;
            while ((seen = stamped.getReference()) == null) {
                Thread.onSpinWait();
            }
            seen.value++;
        });
        Box box = new Box();
        stamped.set(box, 1);
        pause();
        box.value = 2; // filled in after it was published
        reader.join();
    }

    static void longAdderCorrect() throws Exception {
        Box box = new Box();
        LongAdder done = new LongAdder();
        start("adder-worker", () -> {
            box.value = 1;
            done.increment();
        });
        while (done.sum() == 0) {
            Thread.onSpinWait();
        }
        box.value++;
    }

    static void longAdderRacy() throws Exception {
        Box box = new Box();
        LongAdder done = new LongAdder();
        Thread worker = start("adder-worker", () -> {
            done.increment();
            box.value = 1; // after the increment the main thread waits for
        });
        while (done.sum() == 0) {
            Thread.onSpinWait();
        }
        pause();
        box.value++;
        worker.join();
    }

    /** A flag that is only ever accessed through VarHandles. */
    static final class Flag {
        int ready;
        static Box shared;
    }

    private static final VarHandle READY;
    private static final VarHandle SHARED;
    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Box[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            READY = lookup.findVarHandle(Flag.class, "ready", int.class);
            SHARED = lookup.findStaticVarHandle(Flag.class, "shared", Box.class);
        } catch (ReflectiveOperationException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    static void varHandleCorrect() throws Exception {
        Box box = new Box();
        Flag flag = new Flag();
        Box[] slots = new Box[1];
        Thread reader = start("varhandle-reader", () -> {
            while ((int) READY.getAcquire(flag) == 0) {
                Thread.onSpinWait();
            }
            box.value++;
            Box shared;
            while ((shared = (Box) SHARED.getVolatile()) == null) {
                Thread.onSpinWait();
            }
            shared.value++;
            Box slot;
            while ((slot = (Box) SLOTS.getVolatile(slots, 0)) == null) {
                Thread.onSpinWait();
            }
            slot.value++;
        });
        box.value = 1;
        READY.setRelease(flag, 1); // an instance field
        Box shared = new Box();
        shared.value = 1;
        SHARED.setVolatile(shared); // a static field
        Box slot = new Box();
        slot.value = 1;
        SLOTS.compareAndSet(slots, 0, null, slot); // an array element
        reader.join();
        Flag.shared = null;
    }

    static void varHandleRacy() throws Exception {
        Box box = new Box();
        Flag flag = new Flag();
        Thread reader = start("varhandle-reader", () -> {
            while ((int) READY.getAcquire(flag) == 0) {
                Thread.onSpinWait();
            }
            box.value++;
        });
        READY.setRelease(flag, 1);
        pause();
        box.value = 1; // after the release that was to publish it
        reader.join();
    }

    /** Volatile fields updated through atomic field updaters, as many libraries keep their state. */
    static final class Slots {
        volatile Box box;
        volatile int count;
        volatile long stamp;
        static final AtomicReferenceFieldUpdater<Slots, Box> BOX =
            AtomicReferenceFieldUpdater.newUpdater(Slots.class, Box.class, "box");
        static final AtomicIntegerFieldUpdater<Slots> COUNT = AtomicIntegerFieldUpdater.newUpdater(Slots.class, "count");
        static final AtomicLongFieldUpdater<Slots> STAMP = AtomicLongFieldUpdater.newUpdater(Slots.class, "stamp");
    }

    static void atomicFieldUpdaterCorrect() throws Exception {
        Slots slots = new Slots();
        Box counted = new Box();
        Box stamped = new Box();
        Thread reader = start("updater-reader", () -> {
            Box seen;
            while ((seen = Slots.BOX.get(slots)) == null) {
                Thread.onSpinWait();
            }
            seen.value++;
            while (slots.count == 0) { // the plain volatile read of the field the updater set
                Thread.onSpinWait();
            }
            counted.value++;
            stamped.value = 5;
            Slots.STAMP.getAndIncrement(slots);
        });
        Box box = new Box();
        box.value = 1;
        Slots.BOX.compareAndSet(slots, null, box);
        counted.value = 2;
        Slots.COUNT.incrementAndGet(slots);
        while (Slots.STAMP.get(slots) == 0) {
            Thread.onSpinWait();
        }
        stamped.value++;
        reader.join();
    }

    static void atomicFieldUpdaterRacy() throws Exception {
        Slots slots = new Slots();
        Thread reader = start("updater-reader", () -> {
            Box seen;
            while ((seen = Slots.BOX.get(slots)) == null) {
                Thread.onSpinWait();
            }
            seen.value++;
        });
        Box box = new Box();
        Slots.BOX.compareAndSet(slots, null, box);
        pause();
        box.value = 1; // filled in after the compare-and-set that published it
        reader.join();
    }

    // ---- timers, interrupts ----------------------------------------------------------------------

    static void timerCorrect() throws Exception {
        Box box = new Box();
        CountDownLatch ran = new CountDownLatch(1);
        Timer timer = new Timer("timer");
        box.value = 1;
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                box.value++;
                ran.countDown();
            }
        }, 10);
        ran.await();
        box.value++;
        timer.cancel();
    }

    static void timerRacy() throws Exception {
        Box box = new Box();
        CountDownLatch ran = new CountDownLatch(1);
        Timer timer = new Timer("timer");
        timer.schedule(new TimerTask() {
            @Override
            public void run() {
                box.value++;
                ran.countDown();
            }
        }, 10);
        box.value = 1; // after the task was scheduled
        ran.await();
        timer.cancel();
    }

    private static final java.lang.ref.Cleaner CLEANER = java.lang.ref.Cleaner.create();

    /** A cleaning action run on another thread (here cleaned explicitly; the cleaner's thread runs it the same way). */
    static void cleanerCorrect() throws Exception {
        Box state = new Box();
        state.value = 1;
        java.lang.ref.Cleaner.Cleanable cleanable = CLEANER.register(new Object(), () -> state.value++);
        start("cleaning", cleanable::clean).join();
        state.value++;
    }

    static void cleanerRacy() throws Exception {
        Box state = new Box();
        java.lang.ref.Cleaner.Cleanable cleanable = CLEANER.register(new Object(), () -> state.value++);
        Thread cleaning = start("cleaning", () -> {
            pause();
            cleanable.clean();
        });
        state.value = 1; // after the registration
        cleaning.join();
    }

    static void interruptCorrect() throws Exception {
        Box polled = new Box();
        Box slept = new Box();
        Thread polling = start("polling", () -> {
            while (!Thread.currentThread().isInterrupted()) {
                Thread.onSpinWait();
            }
            polled.value++;
        });
        Thread sleeping = start("sleeping", () -> {
            try {
                Thread.sleep(TimeUnit.SECONDS.toMillis(30));
            } catch (InterruptedException expected) {
                slept.value++;
            }
        });
        polled.value = 1;
        slept.value = 1;
        polling.interrupt();
        sleeping.interrupt();
        joinAll(polling, sleeping);
    }

    static void interruptRacy() throws Exception {
        Box box = new Box();
        Thread polling = start("polling", () -> {
            while (!Thread.interrupted()) {
                Thread.onSpinWait();
            }
            box.value++;
        });
        polling.interrupt();
        pause();
        box.value = 1; // after the interrupt
        polling.join();
    }

    // ---- executors, futures, fork/join ----------------------------------------------------------

    static void executorSubmitCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box box = new Box();
        box.value = 1;
        Future<Integer> future = pool.submit(() -> {
            box.value++;
            return box.value;
        });
        future.get();
        box.value++;
        pool.shutdown();
    }

    static void executorSubmitRacy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box box = new Box();
        Future<?> future = pool.submit(() -> box.value++);
        pause();
        box.value++; // while the task may run
        future.get();
        pool.shutdown();
    }

    static void executorExecuteCorrect() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Box box = new Box();
        CountDownLatch done = new CountDownLatch(2);
        box.value = 1;
        pool.execute(() -> {
            box.value++;
            done.countDown();
        });
        Box second = new Box(); // the worker exists already: handed over through the queue
        second.value = 1;
        pool.execute(() -> {
            second.value++;
            done.countDown();
        });
        done.await();
        box.value++;
        second.value++;
        pool.shutdown();
    }

    static void executorExecuteRacy() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        pool.execute(() -> { }); // the worker exists already: the task goes through the queue
        Box box = new Box();
        CountDownLatch done = new CountDownLatch(1);
        pool.execute(() -> {
            box.value++;
            done.countDown();
        });
        pause();
        box.value = 1; // after the hand-off
        done.await();
        pool.shutdown();
    }

    static void futureGetCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box box = new Box();
        Future<?> written = pool.submit(() -> box.value = 1);
        written.get();
        box.value++;
        pool.shutdown();
    }

    static void futureGetRacy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box box = new Box();
        Future<?> written = pool.submit(() -> box.value = 1);
        pause();
        int seen = box.value; // read before get
        written.get();
        pool.shutdown();
    }

    static void invokeAllCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box[] boxes = {new Box(), new Box()};
        List<Callable<Integer>> tasks = List.of(() -> ++boxes[0].value, () -> ++boxes[1].value);
        pool.invokeAll(tasks);
        boxes[0].value++;
        boxes[1].value++;
        pool.shutdown();
    }

    static void invokeAllRacy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box box = new Box();
        CountDownLatch both = new CountDownLatch(2);
        Callable<Integer> first = () -> {
            meet(both);
            return ++box.value; // both tasks, on two threads at once
        };
        Callable<Integer> second = () -> {
            meet(both);
            pause();
            return ++box.value;
        };
        pool.invokeAll(List.of(first, second));
        pool.shutdown();
    }

    static void awaitTerminationCorrect() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Box box = new Box();
        pool.execute(() -> box.value = 5);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        box.value++;
    }

    static void awaitTerminationRacy() throws Exception {
        ExecutorService pool = Executors.newSingleThreadExecutor();
        Box box = new Box();
        pool.execute(() -> box.value = 5);
        pool.shutdown();
        pause();
        box.value++; // before awaitTermination
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static void scheduledCorrect() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
        Box box = new Box();
        box.value = 1;
        pool.schedule(() -> box.value++, 1, TimeUnit.MILLISECONDS).get();
        box.value++;
        Box ticks = new Box();
        CountDownLatch twice = new CountDownLatch(2);
        ScheduledFuture<?> repeating = pool.scheduleAtFixedRate(() -> {
            ticks.value++;
            twice.countDown();
        }, 0, 5, TimeUnit.MILLISECONDS);
        twice.await();
        repeating.cancel(false);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        ticks.value++;
    }

    static void scheduledRacy() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
        Box box = new Box();
        ScheduledFuture<?> later = pool.schedule(() -> box.value++, 1, TimeUnit.MILLISECONDS);
        pause();
        box.value = 1; // after scheduling
        later.get();
        pool.shutdown();
    }

    static void completableFutureCorrect() throws Exception {
        Box box = new Box();
        box.value = 1;
        int result = CompletableFuture.supplyAsync(() -> ++box.value)
            .thenApply(v -> v + box.value)
            .thenApplyAsync(v -> v + box.value)
            .thenCombine(CompletableFuture.supplyAsync(() -> 3), Integer::sum)
            .thenCombineAsync(CompletableFuture.supplyAsync(() -> 4), Integer::sum)
            .join();
        box.value += result;
    }

    /**
     * The paths a chain takes when its sources are done before the stage is added or fire on the
     * thread that completes the last source: the function runs on the caller (thenApply on a done
     * future, thenCombine on two done ones) or on the completing thread (the other source completed
     * later by a thread of its own). Each reads what the sources' suppliers wrote.
     */
    static void completableFutureCompletedStagesCorrect() throws Exception {
        Box first = new Box();
        Box second = new Box();
        CompletableFuture<Integer> done = CompletableFuture.supplyAsync(() -> first.value = 1);
        CompletableFuture<Integer> alsoDone = CompletableFuture.supplyAsync(() -> second.value = 2);
        pause(); // both done by now, most likely: the stages below then run on this thread
        int applied = done.thenApply(v -> v + first.value).join();
        int combined = done.thenCombine(alsoDone, (a, b) -> a + b + first.value + second.value).join();
        CompletableFuture<Integer> later = new CompletableFuture<>();
        CompletableFuture<Integer> fired = done.thenCombine(later, (a, b) -> a + b + first.value);
        Thread completer = new Thread(() -> later.complete(second.value + 3), "completer");
        completer.start(); // the combination runs on the completer, after done's supplier
        int last = fired.join();
        completer.join();
        first.value += applied + combined + last;
        second.value += first.value;
    }

    /**
     * A two-source stage fires on the thread that completes its second source, after another
     * thread completed the first: the function runs there, reading what the first source's
     * completer wrote before completing it.
     */
    static void completableFutureFiredElsewhereCorrect() throws Exception {
        Box box = new Box();
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> second = new CompletableFuture<>();
        CompletableFuture<Integer> combined = first.thenCombine(second, (a, b) -> a + b + box.value);
        Thread writer = new Thread(() -> {
            box.value = 5;
            first.complete(1);
        }, "first-completer");
        Thread firer = new Thread(() -> {
            try {
                pause(); // the first source is complete by now: the function runs on this thread
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            second.complete(2);
        }, "second-completer");
        writer.start();
        firer.start();
        combined.join();
        writer.join();
        firer.join();
    }

    /** The first source's completer writes after completing it: the function reads unordered. */
    static void completableFutureFiredElsewhereRacy() throws Exception {
        Box box = new Box();
        CompletableFuture<Integer> first = new CompletableFuture<>();
        CompletableFuture<Integer> second = new CompletableFuture<>();
        CompletableFuture<Integer> combined = first.thenCombine(second, (a, b) -> a + b + box.value);
        Thread writer = new Thread(() -> {
            first.complete(1);
            box.value = 5; // after the completion: not published by it
        }, "first-completer");
        Thread firer = new Thread(() -> {
            try {
                pause();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            second.complete(2);
        }, "second-completer");
        writer.start();
        firer.start();
        combined.join();
        writer.join();
        firer.join();
    }

    /**
     * Items submitted and offered to a {@code SubmissionPublisher}, each filled before, read by
     * subscribers on the executor's threads (a fixed pool, a fork/join pool): one that sums in a
     * field of its own across its calls and reads in {@code onComplete} what the publisher wrote
     * before {@code close}, and one of {@code consume}, whose future completes after its last item.
     */
    static void submissionPublisherCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        ForkJoinPool forkJoin = new ForkJoinPool(2);
        for (Executor executor : List.of(pool, forkJoin)) {
            SubmissionPublisher<Box> publisher = new SubmissionPublisher<>(executor, 64);
            Box closing = new Box();
            CompletableFuture<Long> summed = new CompletableFuture<>();
            publisher.subscribe(new Flow.Subscriber<Box>() {
                private long sum; // the subscriber's own state, on whichever thread each call runs

                @Override
                public void onSubscribe(Flow.Subscription subscription) {
                    subscription.request(Long.MAX_VALUE);
                }

                @Override
                public void onNext(Box box) {
                    sum += box.value;
                }

                @Override
                public void onError(Throwable error) {
                    summed.completeExceptionally(error);
                }

                @Override
                public void onComplete() {
                    summed.complete(sum + closing.value);
                }
            });
            long[] consumed = {0};
            CompletableFuture<Void> done = publisher.consume(box -> consumed[0] += box.value);
            for (int i = 0; i < 2_000; i++) {
                Box box = new Box();
                box.value = i;
                if (i % 2 == 0) {
                    publisher.submit(box);
                } else {
                    publisher.offer(box, 1, TimeUnit.SECONDS, null);
                }
            }
            closing.value = 1;
            publisher.close();
            summed.get();
            done.get();
            consumed[0]++;
        }
        pool.shutdown();
        forkJoin.shutdown();
    }

    static void submissionPublisherRacy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(1);
        SubmissionPublisher<Box> publisher = new SubmissionPublisher<>(pool, 16);
        LongAdder sum = new LongAdder();
        CompletableFuture<Void> done = publisher.consume(seen -> sum.add(seen.value));
        Box box = new Box();
        publisher.submit(box);
        pause();
        box.value = 1; // after the submit: the subscriber read it by then
        publisher.close();
        done.get();
        pool.shutdown();
    }

    static void completableFutureRacy() throws Exception {
        Box box = new Box();
        CompletableFuture<Integer> future = CompletableFuture.supplyAsync(() -> ++box.value);
        pause();
        box.value = 10; // before join
        future.join();
    }

    static void forkJoinCorrect() throws Exception {
        Box left = new Box();
        Box right = new Box();
        class Half extends RecursiveTask<Integer> {
            private final Box box;

            Half(Box box) {
                this.box = box;
            }

            @Override
            protected Integer compute() {
                box.value += 2;
                return box.value;
            }
        }
        class Both extends RecursiveTask<Integer> {
            @Override
            protected Integer compute() {
                Half a = new Half(left);
                Half b = new Half(right);
                a.fork();
                return b.compute() + a.join();
            }
        }
        int total = ForkJoinPool.commonPool().invoke(new Both());
        left.value += total;
        right.value += total;
    }

    static void forkJoinRacy() throws Exception {
        Box box = new Box();
        CountDownLatch both = new CountDownLatch(2);
        RecursiveTask<Integer> task = new RecursiveTask<>() {
            @Override
            protected Integer compute() {
                try {
                    meet(both);
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
                return ++box.value;
            }
        };
        task.fork();
        meet(both);
        pause();
        box.value = 10; // while the forked task runs, before join
        task.join();
    }

    /** Adds to its boxes, splitting them between itself and a subtask by {@code invokeAll}. */
    static final class AddAll extends RecursiveAction {
        private final Box[] boxes;
        private final int from;
        private final int to;

        AddAll(Box[] boxes, int from, int to) {
            this.boxes = boxes;
            this.from = from;
            this.to = to;
        }

        @Override
        protected void compute() {
            if (to - from == 1) {
                boxes[from].value++;
                return;
            }
            int middle = (from + to) >>> 1;
            invokeAll(new AddAll(boxes, from, middle), new AddAll(boxes, middle, to));
        }
    }

    static void forkJoinInvokeAllCorrect() throws Exception {
        Box[] boxes = {new Box(), new Box(), new Box(), new Box()};
        for (Box box : boxes) {
            box.value = 1;
        }
        new ForkJoinPool(2).invoke(new AddAll(boxes, 0, boxes.length));
        for (Box box : boxes) {
            box.value++;
        }
    }

    /** A fork/join action that runs a body (a lambda, so that its accesses are named after their idiom). */
    static final class Step extends RecursiveAction {
        private final Body body;

        Step(Body body) {
            this.body = body;
        }

        @Override
        protected void compute() {
            try {
                body.run();
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
    }

    static void forkJoinInvokeAllRacy() throws Exception {
        Box box = new Box();
        CountDownLatch both = new CountDownLatch(2);
        Body add = () -> {
            meet(both);
            box.value++; // both halves, on two threads at once
        };
        Body addLater = () -> {
            meet(both);
            pause();
            box.value++;
        };
        new ForkJoinPool(2).invoke(new Step(() -> ForkJoinTask.invokeAll(new Step(add), new Step(addLater))));
    }

    /**
     * Plain runnables and callables submitted to a pool: the JDK wraps them in its own task classes
     * (loaded while weft instruments {@code ForkJoinPool}, which once left them uninstrumented).
     */
    static void forkJoinPoolSubmitCorrect() throws Exception {
        Box box = new Box();
        box.value = 1;
        ForkJoinPool pool = new ForkJoinPool(2);
        pool.submit(() -> {
            box.value++;
        }).get();
        box.value++;
        int seen = pool.submit(() -> ++box.value).join();
        box.value += seen;
        pool.shutdown();
    }

    static void forkJoinPoolSubmitRacy() throws Exception {
        Box box = new Box();
        CountDownLatch both = new CountDownLatch(2);
        ForkJoinPool pool = new ForkJoinPool(2);
        ForkJoinTask<?> task = pool.submit(() -> {
            try {
                meet(both);
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            box.value++;
        });
        meet(both);
        pause();
        box.value = 10; // while the submitted task runs, before get
        task.get();
        pool.shutdown();
    }

    static void parallelStreamCorrect() throws Exception {
        Box[] boxes = new Box[64];
        for (int i = 0; i < boxes.length; i++) {
            boxes[i] = new Box();
            boxes[i].value = i;
        }
        IntStream.range(0, boxes.length).parallel().forEach(i -> boxes[i].value++);
        int sum = IntStream.range(0, boxes.length).parallel().map(i -> boxes[i].value).sum();
        for (Box box : boxes) {
            box.value += sum;
        }
    }

    static void parallelStreamRacy() throws Exception {
        Box box = new Box();
        CountDownLatch both = new CountDownLatch(2);
        IntStream.range(0, 2).parallel().forEach(i -> {
            try {
                meet(both);
                if (i == 1) {
                    pause();
                }
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            box.value++; // both elements, on two threads at once
        });
    }

    /** {@code Thread.startVirtualThread} (JDK 21+; this module compiles for 17). */
    private static Thread startVirtual(Runnable task) throws ReflectiveOperationException {
        return (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class).invoke(null, task);
    }

    /** {@code Executors.newVirtualThreadPerTaskExecutor()} (JDK 21+). */
    private static ExecutorService virtualPerTask() throws ReflectiveOperationException {
        return (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
    }

    static void virtualThreadCorrect() throws Exception {
        Box box = new Box();
        box.value = 1;
        Thread virtual = startVirtual(() -> box.value++);
        virtual.join();
        box.value++;
    }

    static void virtualThreadRacy() throws Exception {
        Box box = new Box();
        Thread virtual = startVirtual(() -> box.value++);
        pause();
        box.value++; // after start, before join
        virtual.join();
    }

    static void virtualThreadExecutorCorrect() throws Exception {
        Box box = new Box();
        box.value = 1;
        ExecutorService perTask = virtualPerTask();
        perTask.submit(() -> box.value++).get();
        box.value++;
        perTask.execute(() -> box.value++);
        perTask.shutdown();
        perTask.awaitTermination(10, TimeUnit.SECONDS);
        box.value++;
    }

    static void virtualThreadExecutorRacy() throws Exception {
        Box box = new Box();
        ExecutorService perTask = virtualPerTask();
        Future<?> future = perTask.submit(() -> box.value++);
        pause();
        box.value++; // while the task may run
        future.get();
        perTask.shutdown();
    }

    // ---- queues and concurrent collections: put -> take/poll/get -------------------------------

    /** The producer fills the box in, then hands it over. */
    private static void handOverFilled(BlockingQueue<Box> queue) throws Exception {
        Thread consumer = consumer(queue::take);
        Box box = new Box();
        box.value = 1;
        queue.put(box);
        consumer.join();
    }

    static void arrayBlockingQueueCorrect() throws Exception {
        handOverFilled(new ArrayBlockingQueue<>(1));
    }

    static void arrayBlockingQueueRacy() throws Exception {
        BlockingQueue<Box> queue = new ArrayBlockingQueue<>(1);
        Thread consumer = consumer(queue::take);
        Box box = new Box();
        queue.put(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void linkedBlockingQueueCorrect() throws Exception {
        handOverFilled(new LinkedBlockingQueue<>());
    }

    static void linkedBlockingQueueRacy() throws Exception {
        BlockingQueue<Box> queue = new LinkedBlockingQueue<>();
        Thread consumer = consumer(queue::take);
        Box box = new Box();
        queue.put(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void synchronousQueueCorrect() throws Exception {
        handOverFilled(new SynchronousQueue<>());
    }

    static void synchronousQueueRacy() throws Exception {
        BlockingQueue<Box> queue = new SynchronousQueue<>();
        Thread consumer = consumer(queue::take);
        Box box = new Box();
        queue.put(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void linkedTransferQueueCorrect() throws Exception {
        handOverFilled(new LinkedTransferQueue<>());
        LinkedTransferQueue<Box> queue = new LinkedTransferQueue<>();
        Thread consumer = consumer(queue::take);
        Box box = new Box();
        box.value = 1;
        queue.transfer(box);
        consumer.join();
    }

    static void linkedTransferQueueRacy() throws Exception {
        LinkedTransferQueue<Box> queue = new LinkedTransferQueue<>();
        Thread consumer = consumer(queue::take);
        Box box = new Box();
        queue.transfer(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void priorityBlockingQueueCorrect() throws Exception {
        handOverFilled(new PriorityBlockingQueue<>(1, (a, b) -> Integer.compare(a.fixed, b.fixed)));
    }

    static void priorityBlockingQueueRacy() throws Exception {
        BlockingQueue<Box> queue = new PriorityBlockingQueue<>(1, (a, b) -> Integer.compare(a.fixed, b.fixed));
        Thread consumer = consumer(queue::take);
        Box box = new Box();
        queue.put(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void concurrentHashMapCorrect() throws Exception {
        ConcurrentHashMap<String, Box> map = new ConcurrentHashMap<>();
        Thread consumer = consumer(() -> spin(() -> map.get("k")));
        Box box = new Box();
        box.value = 1;
        map.put("k", box);
        consumer.join();
    }

    static void concurrentHashMapRacy() throws Exception {
        ConcurrentHashMap<String, Box> map = new ConcurrentHashMap<>();
        Thread consumer = consumer(() -> spin(() -> map.get("k")));
        Box box = new Box();
        map.put("k", box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    /**
     * Values changed only inside {@code compute}, {@code merge} and {@code computeIfPresent}, which
     * run atomically per key, by two threads at once; on a concurrent map, a synchronized one and
     * a {@code Hashtable}, and a list grown inside {@code compute}.
     */
    static void concurrentHashMapComputeCorrect() throws Exception {
        List<Map<String, Box>> maps = List.of(new ConcurrentHashMap<>(), Collections.synchronizedMap(new HashMap<>()),
            new java.util.Hashtable<>());
        Map<String, List<Integer>> lists = new ConcurrentHashMap<>();
        Body update = () -> {
            for (int i = 0; i < 300; i++) {
                for (Map<String, Box> map : maps) {
                    map.compute("k", (k, box) -> {
                        Box counted = box == null ? new Box() : box;
                        counted.value++;
                        return counted;
                    });
                    map.merge("m", new Box(), (old, fresh) -> {
                        old.value++;
                        return old;
                    });
                    map.computeIfPresent("k", (k, box) -> {
                        box.value++;
                        return box;
                    });
                }
                int element = i;
                lists.compute("l", (k, list) -> {
                    List<Integer> grown = list == null ? new ArrayList<>() : list;
                    grown.add(element);
                    return grown;
                });
            }
        };
        Thread other = start("computing", update);
        update.run();
        other.join();
    }

    static void concurrentHashMapComputeRacy() throws Exception {
        ConcurrentHashMap<String, Box> map = new ConcurrentHashMap<>();
        Thread other = startComputingAfterAPause(map);
        map.get("k").value++; // outside compute: nothing publishes it to the next compute
        other.join();
    }

    /** Puts a box under "k" and starts a thread that increments it inside {@code compute} a moment later. */
    private static Thread startComputingAfterAPause(Map<String, Box> map) {
        map.put("k", new Box());
        return start("computing", () -> {
            pause();
            map.compute("k", (k, box) -> {
                box.value++;
                return box;
            });
        });
    }

    /**
     * A skip-list map's hand-off (put, then get on another thread) and its values replaced by
     * {@code compute}, {@code merge} and {@code computeIfPresent} on two threads at once. Unlike a
     * {@code ConcurrentHashMap}'s, these may apply their function more than once and on two threads
     * at once (their javadoc says so): the functions make a new box from the old one, whose value
     * another thread's function wrote, and never change the old one.
     */
    static void concurrentSkipListMapCorrect() throws Exception {
        ConcurrentSkipListMap<String, Box> map = new ConcurrentSkipListMap<>();
        Thread consumer = consumer(() -> spin(() -> map.get("handed")));
        Box handed = new Box();
        handed.value = 1;
        map.put("handed", handed);
        Body update = () -> {
            for (int i = 0; i < 300; i++) {
                map.compute("k", (k, box) -> {
                    Box next = new Box();
                    next.value = box == null ? 1 : box.value + 1;
                    return next;
                });
                Box one = new Box();
                one.value = 1;
                map.merge("m", one, (old, fresh) -> {
                    Box sum = new Box();
                    sum.value = old.value + fresh.value;
                    return sum;
                });
                map.computeIfPresent("k", (k, box) -> {
                    Box next = new Box();
                    next.value = box.value + 1;
                    return next;
                });
            }
        };
        Thread other = start("computing", update);
        update.run();
        joinAll(consumer, other);
    }

    static void concurrentSkipListMapRacy() throws Exception {
        ConcurrentSkipListMap<String, Box> map = new ConcurrentSkipListMap<>();
        Thread other = startComputingAfterAPause(map);
        map.get("k").value++; // outside compute: nothing publishes it to the next compute
        other.join();
    }

    /** A key or element whose identity is a plain field, set in its constructor, as in most key classes. */
    static final class Key implements Comparable<Key> {
        private int id;

        Key(int id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof Key && ((Key) other).id == id;
        }

        @Override
        public int hashCode() {
            return id;
        }

        @Override
        public int compareTo(Key other) {
            return Integer.compare(id, other.id);
        }
    }

    /**
     * Keys and elements that the collections' own methods compare, with {@code equals} or
     * {@code compareTo}, with those another thread added meanwhile: a hash map's and a skip list's
     * {@code get}, a priority queue's {@code offer} and {@code poll}, a copy-on-write set's {@code add}.
     */
    static void elementComparisonsCorrect() throws Exception {
        ConcurrentHashMap<Key, Box> hash = new ConcurrentHashMap<>();
        ConcurrentSkipListMap<Key, Box> sorted = new ConcurrentSkipListMap<>();
        PriorityBlockingQueue<Key> queue = new PriorityBlockingQueue<>();
        CopyOnWriteArraySet<Key> set = new CopyOnWriteArraySet<>();
        int count = 500;
        Thread adder = start("adder", () -> {
            for (int i = 0; i < count; i++) {
                hash.put(new Key(i), new Box());
                sorted.put(new Key(i), new Box());
                queue.offer(new Key(i));
                set.add(new Key(i));
            }
        });
        for (int i = 0; i < count; i++) {
            Key probe = new Key(i);
            while (hash.get(probe) == null || sorted.get(probe) == null || !set.contains(probe)) {
                Thread.onSpinWait();
            }
            queue.offer(new Key(-i));
            if (i % 2 == 0) {
                queue.poll();
            }
            set.add(new Key(count + i));
        }
        adder.join();
    }

    static void elementComparisonsRacy() throws Exception {
        ConcurrentHashMap<Key, Box> map = new ConcurrentHashMap<>();
        Key key = new Key(1);
        Thread adder = start("adder", () -> {
            map.put(key, new Box());
            pause();
            key.id = 1; // after the put: a get that compared the key read it by then
        });
        while (map.get(new Key(1)) == null) {
            Thread.onSpinWait();
        }
        adder.join();
    }

    /** A key whose hash collides with every other's: a concurrent map keeps such keys in a tree bin. */
    static final class CollidingKey implements Comparable<CollidingKey> {
        private int id;

        CollidingKey(int id) {
            this.id = id;
        }

        @Override
        public boolean equals(Object other) {
            return other instanceof CollidingKey && ((CollidingKey) other).id == id;
        }

        @Override
        public int hashCode() {
            return 42;
        }

        @Override
        public int compareTo(CollidingKey other) {
            return Integer.compare(id, other.id);
        }
    }

    /**
     * Keys of one hash, which a {@code ConcurrentHashMap} keeps in a tree bin once there are enough:
     * two threads put such keys at once, and each insertion's search of the bin (and the tree bin
     * made when the bin turns into a tree, or a resize splits it) compares the new key with those
     * the other thread put. (Look-ups are left out: a look-up runs beside insertions, and a key
     * inserted while it searches is compared unordered, a window weft does not close; see
     * ARCHITECTURE.md.)
     */
    static void hashMapTreeBinsCorrect() throws Exception {
        ConcurrentHashMap<CollidingKey, Box> map = new ConcurrentHashMap<>();
        int count = 300;
        Thread adder = start("adder", () -> {
            for (int i = 0; i < count; i++) {
                map.put(new CollidingKey(2 * i), new Box());
            }
        });
        for (int i = 0; i < count; i++) {
            map.put(new CollidingKey(2 * i + 1), new Box());
        }
        adder.join();
    }

    static void hashMapTreeBinsRacy() throws Exception {
        ConcurrentHashMap<CollidingKey, Box> map = new ConcurrentHashMap<>();
        for (int i = 2; i < 100; i++) {
            map.put(new CollidingKey(i), new Box()); // a tree bin by now
        }
        CollidingKey key = new CollidingKey(1);
        Thread adder = start("adder", () -> {
            map.put(key, new Box());
            pause();
            key.id = 1; // after the put: a look-up that compared the key read it by then
        });
        while (map.get(new CollidingKey(1)) == null) {
            Thread.onSpinWait();
        }
        adder.join();
    }

    /**
     * Values stored by {@code computeIfAbsent}, on a concurrent map and a skip-list map: one filled
     * before the call and returned by the function, one filled inside it; a reader that finds them
     * is ordered after both fillings.
     */
    static void concurrentHashMapComputeIfAbsentCorrect() throws Exception {
        List<ConcurrentMap<String, Box>> maps =
            List.of(new ConcurrentHashMap<>(), new ConcurrentSkipListMap<>());
        Thread reader = start("reader", () -> {
            for (ConcurrentMap<String, Box> map : maps) {
                spin(() -> map.get("before")).value++;
                spin(() -> map.get("inside")).value++;
            }
        });
        for (ConcurrentMap<String, Box> map : maps) {
            Box filledBefore = new Box();
            filledBefore.value = 1;
            map.computeIfAbsent("before", k -> filledBefore);
            map.computeIfAbsent("inside", k -> {
                Box filledInside = new Box();
                filledInside.value = 1;
                return filledInside;
            });
        }
        reader.join();
    }

    /**
     * A {@code computeIfAbsent} that finds its key stores nothing and publishes nothing: a write
     * before it is not ordered before another thread's later {@code computeIfAbsent} of that key.
     */
    static void concurrentHashMapComputeIfAbsentRacy() throws Exception {
        ConcurrentHashMap<String, Box> map = new ConcurrentHashMap<>();
        Box box = new Box();
        map.put("k", box);
        Thread other = start("looking up", () -> {
            pause();
            map.computeIfAbsent("k", k -> new Box()).value++;
        });
        box.value = 1; // after the put, before a computeIfAbsent that only finds the key
        map.computeIfAbsent("k", k -> new Box());
        other.join();
    }

    /** Starts a thread that puts {@code count} boxes into {@code map}, each filled before its put. */
    private static Thread startPuttingFilledBoxes(ConcurrentHashMap<Integer, Box> map, int count) {
        return start("putter", () -> {
            for (int i = 0; i < count; i++) {
                Box box = new Box();
                box.value = i;
                map.put(i, box);
            }
        });
    }

    /** A new box holding {@code value}, written by the calling thread. */
    private static Box filledBox(int value) {
        Box box = new Box();
        box.value = value;
        return box;
    }

    /** Starts a thread that adds a box with {@code add} and writes it a moment after: a traversal may find it by then. */
    private static Thread startWritingAfterAdding(java.util.function.Consumer<Box> add) {
        Box box = new Box();
        return start("adder", () -> {
            add.accept(box);
            pause();
            box.value = 1;
        });
    }

    /** A map read through its iterator, its values' forEach and a stream while another thread puts filled boxes. */
    static void concurrentHashMapTraversalCorrect() throws Exception {
        ConcurrentHashMap<Integer, Box> map = new ConcurrentHashMap<>();
        int count = 2_000;
        Thread putter = startPuttingFilledBoxes(map, count);
        long seen = 0;
        for (int round = 0; seen < count; round++) {
            long[] sum = {0};
            switch (round % 3) {
                case 0:
                    for (Box box : map.values()) {
                        sum[0] += box.value;
                    }
                    break;
                case 1:
                    map.values().forEach(box -> sum[0] += box.value);
                    break;
                default:
                    sum[0] = map.values().stream().mapToLong(box -> box.value).sum();
                    break;
            }
            seen = map.size();
        }
        putter.join();
    }

    static void concurrentHashMapTraversalRacy() throws Exception {
        ConcurrentHashMap<Integer, Box> map = new ConcurrentHashMap<>();
        Thread putter = startWritingAfterAdding(box -> map.put(1, box));
        long sum = 0;
        while (sum == 0) {
            for (Box seen : map.values()) {
                sum += seen.value + 1;
            }
        }
        putter.join();
    }

    /**
     * A map read by parallel streams and the map's own parallel bulk operations, whose split
     * traversals run on fork/join workers, while another thread puts filled boxes (and resizes it).
     */
    static void concurrentHashMapParallelTraversalCorrect() throws Exception {
        ConcurrentHashMap<Integer, Box> map = new ConcurrentHashMap<>();
        int count = 20_000;
        Thread putter = startPuttingFilledBoxes(map, count);
        long seen = 0;
        for (int round = 0; seen < count; round++) {
            LongAdder sum = new LongAdder();
            switch (round % 3) {
                case 0:
                    sum.add(map.values().parallelStream().mapToLong(box -> box.value).sum());
                    break;
                case 1:
                    map.forEachValue(1, box -> sum.add(box.value));
                    break;
                default:
                    sum.add(map.reduceValuesToLong(1, box -> box.value, 0L, Long::sum));
                    break;
            }
            seen = map.size();
        }
        putter.join();
    }

    static void concurrentHashMapParallelTraversalRacy() throws Exception {
        sumInParallelWhileWriting(new ConcurrentHashMap<>(), seen -> seen.value);
    }

    /**
     * Fills {@code map} with enough boxes for a parallel stream to split, starts a thread that puts
     * one more and writes it a moment after, and sums the map's values with {@code read} in
     * parallel streams until that write is seen.
     */
    private static void sumInParallelWhileWriting(Map<Integer, Box> map, java.util.function.ToLongFunction<Box> read)
            throws Exception {
        for (int i = 0; i < 64; i++) {
            map.put(-i - 1, new Box());
        }
        Thread putter = startWritingAfterAdding(box -> map.put(1, box));
        long sum = 0;
        while (sum == 0) {
            sum = map.values().parallelStream().mapToLong(read).sum();
        }
        putter.join();
    }

    /**
     * Queues read by parallel streams (whose splits hand batches to fork/join workers), sequential
     * streams and {@code tryAdvance} while another thread adds filled boxes.
     */
    static void concurrentQueueSpliteratorsCorrect() throws Exception {
        ConcurrentLinkedQueue<Box> queue = new ConcurrentLinkedQueue<>();
        LinkedBlockingQueue<Box> blocking = new LinkedBlockingQueue<>();
        int count = 5_000;
        Thread adder = start("adder", () -> {
            for (int i = 0; i < count; i++) {
                queue.add(filledBox(i));
                blocking.add(filledBox(i));
            }
        });
        long seen = 0;
        for (int round = 0; seen < 2 * count; round++) {
            LongAdder sum = new LongAdder();
            for (java.util.Collection<Box> collection : List.<java.util.Collection<Box>>of(queue, blocking)) {
                switch (round % 3) {
                    case 0:
                        sum.add(collection.parallelStream().mapToLong(box -> box.value).sum());
                        break;
                    case 1:
                        sum.add(collection.stream().mapToLong(box -> box.value).sum());
                        break;
                    default:
                        java.util.Spliterator<Box> spliterator = collection.spliterator();
                        while (spliterator.tryAdvance(box -> sum.add(box.value))) {
                            // one element a call
                        }
                        break;
                }
            }
            seen = queue.size() + blocking.size();
        }
        adder.join();
    }

    static void concurrentQueueSpliteratorsRacy() throws Exception {
        ConcurrentLinkedQueue<Box> queue = new ConcurrentLinkedQueue<>();
        for (int i = 0; i < 64; i++) {
            queue.add(new Box()); // enough elements for the stream to split
        }
        Thread adder = startWritingAfterAdding(queue::add);
        long sum = 0;
        while (sum == 0) {
            sum = queue.parallelStream().mapToLong(seen -> seen.value).sum();
        }
        adder.join();
    }

    /**
     * A skip-list map and set read by parallel streams (whose splits hand their ranges to fork/join
     * workers), sequential streams, {@code tryAdvance} and a sub-map's iterator while another thread
     * adds filled boxes; the set's comparator reads the boxes too, where a split spliterator compares
     * them with its bound.
     */
    static void skipListSpliteratorsCorrect() throws Exception {
        ConcurrentSkipListMap<Integer, Box> map = new ConcurrentSkipListMap<>();
        ConcurrentSkipListSet<Box> set = new ConcurrentSkipListSet<>(Comparator.comparingInt(box -> box.value));
        int count = 5_000;
        Thread adder = start("adder", () -> {
            for (int i = 0; i < count; i++) {
                map.put(i, filledBox(i));
                set.add(filledBox(i));
            }
        });
        long seen = 0;
        for (int round = 0; seen < 2 * count; round++) {
            LongAdder sum = new LongAdder();
            switch (round % 5) {
                case 0:
                    sum.add(map.values().parallelStream().mapToLong(box -> box.value).sum());
                    sum.add(set.parallelStream().mapToLong(box -> box.value).sum());
                    break;
                case 1:
                    map.entrySet().parallelStream().forEach(entry -> sum.add(entry.getValue().value));
                    map.keySet().parallelStream().forEach(key -> sum.add(map.get(key).value));
                    break;
                case 2:
                    sum.add(map.values().stream().mapToLong(box -> box.value).sum());
                    set.stream().forEach(box -> sum.add(box.value));
                    break;
                case 3:
                    java.util.Spliterator<Box> spliterator = map.values().spliterator();
                    while (spliterator.tryAdvance(box -> sum.add(box.value))) {
                        // one element a call
                    }
                    break;
                default:
                    for (Box box : map.tailMap(count / 2).values()) {
                        sum.add(box.value);
                    }
                    map.headMap(count / 2).values().parallelStream().forEach(box -> sum.add(box.value));
                    break;
            }
            seen = map.size() + set.size();
        }
        adder.join();
    }

    static void skipListSpliteratorsRacy() throws Exception {
        sumInParallelWhileWriting(new ConcurrentSkipListMap<>(), seen -> seen.value);
    }

    /** Collections read through their iterators while another thread adds filled boxes. */
    static void weaklyConsistentIteratorsCorrect() throws Exception {
        ConcurrentLinkedQueue<Box> queue = new ConcurrentLinkedQueue<>();
        LinkedBlockingQueue<Box> blocking = new LinkedBlockingQueue<>();
        ConcurrentSkipListMap<Integer, Box> sorted = new ConcurrentSkipListMap<>();
        int count = 1_000;
        Thread adder = start("adder", () -> {
            for (int i = 0; i < count; i++) {
                Box box = new Box();
                box.value = i;
                queue.add(box);
                blocking.add(box);
                sorted.put(i, box);
            }
        });
        int seen = 0;
        while (seen < 3 * count) {
            seen = 0;
            long sum = 0;
            for (Box box : queue) {
                sum += box.value;
                seen++;
            }
            for (Box box : blocking) {
                sum += box.value;
                seen++;
            }
            for (Box box : sorted.values()) {
                sum += box.value;
                seen++;
            }
        }
        adder.join();
    }

    static void weaklyConsistentIteratorsRacy() throws Exception {
        ConcurrentLinkedQueue<Box> queue = new ConcurrentLinkedQueue<>();
        Box box = new Box();
        Thread adder = start("adder", () -> {
            queue.add(box);
            pause();
            box.value = 1; // after the add the iteration found it by
        });
        long sum = 0;
        while (sum == 0) {
            for (Box seen : queue) {
                sum += seen.value + 1;
            }
        }
        adder.join();
    }

    static void concurrentLinkedQueueCorrect() throws Exception {
        ConcurrentLinkedQueue<Box> queue = new ConcurrentLinkedQueue<>();
        Thread consumer = consumer(() -> spin(queue::poll));
        Box box = new Box();
        box.value = 1;
        queue.offer(box);
        consumer.join();
    }

    static void concurrentLinkedQueueRacy() throws Exception {
        ConcurrentLinkedQueue<Box> queue = new ConcurrentLinkedQueue<>();
        Thread consumer = consumer(() -> spin(queue::poll));
        Box box = new Box();
        queue.offer(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void copyOnWriteArrayListCorrect() throws Exception {
        CopyOnWriteArrayList<Box> list = new CopyOnWriteArrayList<>();
        Thread consumer = consumer(() -> spin(() -> list.isEmpty() ? null : list.get(0)));
        Box box = new Box();
        box.value = 1;
        list.add(box);
        consumer.join();
    }

    static void copyOnWriteArrayListRacy() throws Exception {
        CopyOnWriteArrayList<Box> list = new CopyOnWriteArrayList<>();
        Thread consumer = consumer(() -> spin(() -> list.isEmpty() ? null : list.get(0)));
        Box box = new Box();
        list.add(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void synchronizedCollectionsCorrect() throws Exception {
        List<Box> list = Collections.synchronizedList(new ArrayList<>());
        Map<String, Box> map = Collections.synchronizedMap(new HashMap<>());
        Thread consumer = start("wrapper-consumer", () -> {
            spin(() -> list.isEmpty() ? null : list.get(0)).value++;
            spin(() -> map.get("k")).value++;
        });
        Box first = new Box();
        first.value = 1;
        list.add(first);
        Box second = new Box();
        second.value = 1;
        map.put("k", second);
        consumer.join();
    }

    static void synchronizedCollectionsRacy() throws Exception {
        List<Box> list = Collections.synchronizedList(new ArrayList<>());
        Thread consumer = consumer(() -> spin(() -> list.isEmpty() ? null : list.get(0)));
        Box box = new Box();
        list.add(box);
        pause();
        box.value = 1; // after the hand-off
        consumer.join();
    }

    // ---- latches, barriers, phasers, semaphores, exchangers ------------------------------------

    static void countDownLatchCorrect() throws Exception {
        Box box = new Box();
        CountDownLatch done = new CountDownLatch(1);
        start("latch-worker", () -> {
            box.value = 3;
            done.countDown();
        });
        done.await();
        box.value++;
    }

    static void countDownLatchRacy() throws Exception {
        Box box = new Box();
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = start("latch-worker", () -> {
            started.countDown();
            box.value = 3; // after the count-down the main thread waits for
        });
        started.await();
        pause();
        box.value++;
        worker.join();
    }

    static void cyclicBarrierCorrect() throws Exception {
        Box box = new Box();
        CyclicBarrier barrier = new CyclicBarrier(2);
        Thread other = start("barrier-party", () -> {
            box.value = 1;
            barrier.await();
            barrier.await();
            box.value++;
        });
        barrier.await();
        box.value++;
        barrier.await();
        other.join();
    }

    static void cyclicBarrierRacy() throws Exception {
        Box box = new Box();
        CyclicBarrier barrier = new CyclicBarrier(2);
        Thread other = start("barrier-party", () -> {
            barrier.await();
            box.value++; // both parties, after the same barrier
        });
        barrier.await();
        pause();
        box.value++;
        other.join();
    }

    static void phaserCorrect() throws Exception {
        Box box = new Box();
        Phaser phaser = new Phaser(2);
        Thread other = start("phaser-party", () -> {
            box.value = 1;
            phaser.arriveAndAwaitAdvance();
            phaser.arriveAndAwaitAdvance();
            box.value++;
            phaser.arriveAndDeregister();
        });
        phaser.arriveAndAwaitAdvance();
        box.value++;
        phaser.arriveAndAwaitAdvance();
        phaser.awaitAdvance(phaser.arrive());
        box.value++;
        other.join();
    }

    static void phaserRacy() throws Exception {
        Box box = new Box();
        Phaser phaser = new Phaser(2);
        Thread other = start("phaser-party", () -> {
            phaser.arriveAndAwaitAdvance();
            box.value++; // both parties, in the same phase
        });
        phaser.arriveAndAwaitAdvance();
        pause();
        box.value++;
        other.join();
    }

    static void semaphoreCorrect() throws Exception {
        Box box = new Box();
        Semaphore permits = new Semaphore(0);
        start("semaphore-worker", () -> {
            box.value = 1;
            permits.release();
        });
        permits.acquire();
        box.value++;
    }

    static void semaphoreRacy() throws Exception {
        Box box = new Box();
        Semaphore permits = new Semaphore(0);
        Thread worker = start("semaphore-worker", () -> {
            permits.release();
            box.value = 1; // after the release the main thread acquires
        });
        permits.acquire();
        pause();
        box.value++;
        worker.join();
    }

    static void exchangerCorrect() throws Exception {
        Exchanger<Box> exchanger = new Exchanger<>();
        Thread other = start("exchanger-party", () -> {
            Box mine = new Box();
            mine.value = 1;
            exchanger.exchange(mine).value++;
        });
        Box mine = new Box();
        mine.value = 2;
        exchanger.exchange(mine).value++;
        other.join();
    }

    static void exchangerRacy() throws Exception {
        Exchanger<Box> exchanger = new Exchanger<>();
        Thread other = start("exchanger-party", () -> {
            Box mine = new Box();
            exchanger.exchange(mine).value++;
        });
        Box mine = new Box();
        exchanger.exchange(mine);
        pause();
        mine.value = 2; // after it was given away
        other.join();
    }

    // ---- thread confinement ---------------------------------------------------------------------

    static final ThreadLocal<Box> LOCAL_BOX = ThreadLocal.withInitial(Box::new);

    static void threadLocalCorrect() throws Exception {
        Body use = () -> LOCAL_BOX.get().value++;
        joinAll(start("local-1", use), start("local-2", use));
    }

    /** The same counter, shared instead of one per thread. */
    static final Box SHARED_BOX = new Box();

    static void threadLocalRacy() throws Exception {
        Body use = () -> SHARED_BOX.value++;
        joinAll(start("shared-1", use), start("shared-2", () -> {
            pause();
            use.run();
        }));
    }
}
