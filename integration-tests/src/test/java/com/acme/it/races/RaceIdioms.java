package com.acme.it.races;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.Exchanger;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.Phaser;
import java.util.concurrent.PriorityBlockingQueue;
import java.util.concurrent.RecursiveTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Every synchronization idiom weft must understand, each as a correct program (no race) and,
 * where one exists, a racy twin that breaks exactly that idiom. {@code RaceIdioms correct} runs all
 * correct ones, {@code RaceIdioms racy} all racy ones; each idiom's code lives in methods named
 * {@code <idiom>Correct} / {@code <idiom>Racy}, so a race's site names its idiom.
 */
public final class RaceIdioms {
    private static final Map<String, Idiom> IDIOMS = new LinkedHashMap<>();

    interface Body {
        void run() throws Exception;
    }

    record Idiom(Body correct, Body racy) {
    }

    static {
        IDIOMS.put("monitor", new Idiom(RaceIdioms::monitorCorrect, RaceIdioms::monitorRacy));
        IDIOMS.put("waitNotify", new Idiom(RaceIdioms::waitNotifyCorrect, RaceIdioms::waitNotifyRacy));
        IDIOMS.put("volatileFlag", new Idiom(RaceIdioms::volatileFlagCorrect, RaceIdioms::volatileFlagRacy));
        IDIOMS.put("startJoin", new Idiom(RaceIdioms::startJoinCorrect, RaceIdioms::startJoinRacy));
        IDIOMS.put("reentrantLock", new Idiom(RaceIdioms::reentrantLockCorrect, RaceIdioms::reentrantLockRacy));
        IDIOMS.put("readWriteLock", new Idiom(RaceIdioms::readWriteLockCorrect, RaceIdioms::readWriteLockRacy));
        IDIOMS.put("stampedLock", new Idiom(RaceIdioms::stampedLockCorrect, RaceIdioms::stampedLockRacy));
        IDIOMS.put("condition", new Idiom(RaceIdioms::conditionCorrect, null));
        IDIOMS.put("atomic", new Idiom(RaceIdioms::atomicCorrect, RaceIdioms::atomicRacy));
        IDIOMS.put("executor", new Idiom(RaceIdioms::executorCorrect, RaceIdioms::executorRacy));
        IDIOMS.put("invokeAll", new Idiom(RaceIdioms::invokeAllCorrect, null));
        IDIOMS.put("awaitTermination", new Idiom(RaceIdioms::awaitTerminationCorrect, null));
        IDIOMS.put("scheduled", new Idiom(RaceIdioms::scheduledCorrect, null));
        IDIOMS.put("completableFuture", new Idiom(RaceIdioms::completableFutureCorrect, RaceIdioms::completableFutureRacy));
        IDIOMS.put("forkJoin", new Idiom(RaceIdioms::forkJoinCorrect, null));
        IDIOMS.put("blockingQueues", new Idiom(RaceIdioms::blockingQueuesCorrect, RaceIdioms::blockingQueuesRacy));
        IDIOMS.put("concurrentCollections", new Idiom(RaceIdioms::concurrentCollectionsCorrect, null));
        IDIOMS.put("latch", new Idiom(RaceIdioms::latchCorrect, RaceIdioms::latchRacy));
        IDIOMS.put("barrierPhaser", new Idiom(RaceIdioms::barrierPhaserCorrect, null));
        IDIOMS.put("semaphore", new Idiom(RaceIdioms::semaphoreCorrect, null));
        IDIOMS.put("exchanger", new Idiom(RaceIdioms::exchangerCorrect, null));
        IDIOMS.put("threadLocal", new Idiom(RaceIdioms::threadLocalCorrect, null));
        IDIOMS.put("synchronizedWrapper", new Idiom(RaceIdioms::synchronizedWrapperCorrect, null));
        IDIOMS.put("classInit", new Idiom(RaceIdioms::classInitCorrect, null));
        IDIOMS.put("classInitHolder", new Idiom(RaceIdioms::classInitHolderCorrect, null));
        IDIOMS.put("lockObjectAsMonitor", new Idiom(RaceIdioms::lockObjectAsMonitorCorrect, null));
        IDIOMS.put("lockSubclass", new Idiom(RaceIdioms::lockSubclassCorrect, null));
        IDIOMS.put("finalField", new Idiom(RaceIdioms::finalFieldCorrect, null));
        IDIOMS.put("virtualThreads", new Idiom(RaceIdioms::virtualThreadsCorrect, RaceIdioms::virtualThreadsRacy));
    }

    public static void main(String[] args) throws Exception {
        boolean racy = args[0].equals("racy");
        List<String> ran = new ArrayList<>();
        for (Map.Entry<String, Idiom> idiom : IDIOMS.entrySet()) {
            Body body = racy ? idiom.getValue().racy() : idiom.getValue().correct();
            if (body != null && (args.length < 2 || args[1].equals(idiom.getKey()))) {
                body.run();
                ran.add(idiom.getKey());
            }
        }
        System.out.println(String.join(",", ran));
    }

    /** The idioms with a racy twin. */
    public static List<String> racyIdioms() {
        List<String> names = new ArrayList<>();
        IDIOMS.forEach((name, idiom) -> {
            if (idiom.racy() != null) {
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

    // ---- monitors -----------------------------------------------------------------------------

    static void monitorCorrect() throws Exception {
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

    static void monitorRacy() throws Exception {
        Box box = new Box();
        Object lock = new Object();
        Thread guarded = start("monitor-guarded", () -> {
            synchronized (lock) {
                box.value++;
            }
        });
        Thread unguarded = start("monitor-unguarded", () -> box.value++);
        joinAll(guarded, unguarded);
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
        Object lock = new Object();
        Thread consumer = start("waiter", () -> {
            synchronized (lock) {
                lock.wait(1);
            }
            box.value++;
        });
        box.value = 1; // written outside any lock, never notified
        consumer.join();
    }

    // ---- volatile, start/join -------------------------------------------------------------------

    static volatile boolean published;
    static boolean publishedPlain;

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

    static void volatileFlagRacy() throws Exception {
        Box box = new Box();
        Thread reader = start("flag-reader", () -> box.value++);
        box.value = 42;
        publishedPlain = true;
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
        box.value++; // after start, before join
        child.join();
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
        Thread unguarded = start("lock-unguarded", () -> box.value++);
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
        Thread unguarded = start("stamped-unguarded", () -> box.value++);
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

    // ---- atomics ------------------------------------------------------------------------------

    static void atomicCorrect() throws Exception {
        Box box = new Box();
        AtomicInteger ready = new AtomicInteger();
        AtomicReference<Box> handoff = new AtomicReference<>();
        Thread reader = start("atomic-reader", () -> {
            while (ready.get() == 0) {
                Thread.onSpinWait();
            }
            box.value++;
            Box other;
            while ((other = handoff.get()) == null) {
                Thread.onSpinWait();
            }
            other.value++;
        });
        box.value = 1;
        ready.set(1);
        Box other = new Box();
        other.value = 2;
        handoff.set(other);
        reader.join();
    }

    static void atomicRacy() throws Exception {
        Box box = new Box();
        AtomicInteger counter = new AtomicInteger();
        Thread reader = start("atomic-reader", () -> {
            counter.incrementAndGet();
            box.value++;
        });
        box.value = 1; // the counter is touched, but not to publish this
        reader.join();
    }

    // ---- executors and futures ----------------------------------------------------------------

    static void executorCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box box = new Box();
        box.value = 1;
        Future<Integer> future = pool.submit(() -> {
            box.value++;
            return box.value;
        });
        future.get();
        box.value++;
        pool.execute(() -> box.value++);
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
        box.value++;
    }

    static void executorRacy() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box box = new Box();
        Future<?> future = pool.submit(() -> box.value++);
        box.value++; // while the task may run
        future.get();
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);
    }

    static void invokeAllCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        Box[] boxes = {new Box(), new Box()};
        List<Callable<Integer>> tasks = List.of(() -> ++boxes[0].value, () -> ++boxes[1].value);
        for (Future<Integer> done : pool.invokeAll(tasks)) {
            done.get();
        }
        boxes[0].value++;
        boxes[1].value++;
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

    static void scheduledCorrect() throws Exception {
        ScheduledExecutorService pool = Executors.newScheduledThreadPool(1);
        Box box = new Box();
        box.value = 1;
        pool.schedule(() -> box.value++, 1, TimeUnit.MILLISECONDS).get();
        box.value++;
        pool.shutdown();
    }

    static void completableFutureCorrect() throws Exception {
        Box box = new Box();
        box.value = 1;
        int result = CompletableFuture.supplyAsync(() -> ++box.value)
            .thenApply(v -> v + box.value)
            .thenCombine(CompletableFuture.supplyAsync(() -> 3), Integer::sum)
            .join();
        box.value += result;
    }

    static void completableFutureRacy() throws Exception {
        Box box = new Box();
        CompletableFuture<Integer> future = CompletableFuture.supplyAsync(() -> ++box.value);
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

    // ---- queues and concurrent collections -----------------------------------------------------

    static void blockingQueuesCorrect() throws Exception {
        List<BlockingQueue<Box>> queues = List.of(new ArrayBlockingQueue<>(1), new LinkedBlockingQueue<>(),
            new SynchronousQueue<>(), new LinkedTransferQueue<>(),
            new PriorityBlockingQueue<>(1, (a, b) -> Integer.compare(a.fixed, b.fixed)));
        for (BlockingQueue<Box> queue : queues) {
            Thread consumer = start("consumer", () -> queue.take().value++);
            Box box = new Box();
            box.value = 1;
            queue.put(box);
            consumer.join();
        }
    }

    static void blockingQueuesRacy() throws Exception {
        BlockingQueue<Box> queue = new LinkedBlockingQueue<>();
        Thread consumer = start("consumer", () -> queue.take().value++);
        Box box = new Box();
        queue.put(box);
        box.value = 1; // after the hand-off
        consumer.join();
    }

    static void concurrentCollectionsCorrect() throws Exception {
        ConcurrentHashMap<String, Box> map = new ConcurrentHashMap<>();
        ConcurrentLinkedQueue<Box> queue = new ConcurrentLinkedQueue<>();
        CopyOnWriteArrayList<Box> list = new CopyOnWriteArrayList<>();
        Thread consumer = start("collections-consumer", () -> {
            Box fromMap;
            while ((fromMap = map.get("k")) == null) {
                Thread.onSpinWait();
            }
            fromMap.value++;
            Box fromQueue;
            while ((fromQueue = queue.poll()) == null) {
                Thread.onSpinWait();
            }
            fromQueue.value++;
            while (list.isEmpty()) {
                Thread.onSpinWait();
            }
            list.get(0).value++;
        });
        Box a = new Box();
        a.value = 1;
        map.put("k", a);
        Box b = new Box();
        b.value = 1;
        queue.offer(b);
        Box c = new Box();
        c.value = 1;
        list.add(c);
        consumer.join();
    }

    // ---- latches, barriers, semaphores, exchangers --------------------------------------------

    static void latchCorrect() throws Exception {
        Box box = new Box();
        CountDownLatch done = new CountDownLatch(1);
        start("latch-worker", () -> {
            box.value = 3;
            done.countDown();
        });
        done.await();
        box.value++;
    }

    static void latchRacy() throws Exception {
        Box box = new Box();
        CountDownLatch started = new CountDownLatch(1);
        Thread worker = start("latch-worker", () -> {
            started.countDown();
            box.value = 3; // after the count-down the main thread waits for
        });
        started.await();
        box.value++;
        worker.join();
    }

    static void barrierPhaserCorrect() throws Exception {
        Box box = new Box();
        CyclicBarrier barrier = new CyclicBarrier(2);
        Phaser phaser = new Phaser(2);
        Thread other = start("barrier-party", () -> {
            box.value = 1;
            barrier.await();
            barrier.await();
            box.value++;
            phaser.arriveAndAwaitAdvance();
        });
        barrier.await();
        box.value++;
        barrier.await();
        phaser.arriveAndAwaitAdvance();
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

    // ---- thread confinement, wrappers, class init, finals, virtual threads --------------------

    static final ThreadLocal<Box> LOCAL_BOX = ThreadLocal.withInitial(Box::new);

    static void threadLocalCorrect() throws Exception {
        Body use = () -> LOCAL_BOX.get().value++;
        joinAll(start("local-1", use), start("local-2", use));
    }

    static void synchronizedWrapperCorrect() throws Exception {
        List<Box> list = Collections.synchronizedList(new ArrayList<>());
        Thread consumer = start("wrapper-consumer", () -> {
            while (list.isEmpty()) {
                Thread.onSpinWait();
            }
            list.get(0).value++;
        });
        Box box = new Box();
        box.value = 1;
        list.add(box);
        consumer.join();
    }

    static final class Config {
        static final Box DEFAULTS = new Box();

        static {
            DEFAULTS.value = 8080;
        }
    }

    static void classInitCorrect() throws Exception {
        Body read = () -> {
            int port = Config.DEFAULTS.value;
        };
        joinAll(start("init-reader-1", read), start("init-reader-2", read));
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

    static Box racyReference;

    static void finalFieldCorrect() throws Exception {
        Thread reader = start("final-reader", () -> {
            Box seen = racyReference;
            int fixed = seen == null ? 0 : seen.fixed; // a final field: never a race
        });
        Box box = new Box(5);
        int fixed = box.fixed;
        reader.join();
    }

    static void virtualThreadsCorrect() throws Exception {
        if (Runtime.version().feature() < 21) {
            return;
        }
        Box box = new Box();
        box.value = 1;
        Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
            .invoke(null, (Runnable) () -> box.value++);
        virtual.join();
        box.value++;
        ExecutorService perTask = (ExecutorService) Executors.class.getMethod("newVirtualThreadPerTaskExecutor").invoke(null);
        perTask.submit(() -> box.value++).get();
        box.value++;
        perTask.shutdown();
    }

    static void virtualThreadsRacy() throws Exception {
        if (Runtime.version().feature() < 21) {
            Box box = new Box();
            Thread child = start("not-virtual", () -> box.value++);
            box.value++;
            child.join();
            return;
        }
        Box box = new Box();
        Thread virtual = (Thread) Thread.class.getMethod("startVirtualThread", Runnable.class)
            .invoke(null, (Runnable) () -> box.value++);
        box.value++;
        virtual.join();
    }
}
