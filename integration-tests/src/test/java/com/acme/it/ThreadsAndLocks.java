package com.acme.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;

/**
 * Starts threads every way the agent must see (plain, nested, executor, virtual on JDK 21+) and
 * takes every kind of lock it must count, then makes one monitor and one ReentrantLock wait for a
 * known owner. Lines tagged {@code SITE:} are looked up by the tests.
 */
public final class ThreadsAndLocks {
    static final Object MONITOR = new Object();
    static final ReentrantLock LOCK = new ReentrantLock();
    static final ReentrantReadWriteLock READ_WRITE = new ReentrantReadWriteLock();
    static final StampedLock STAMPED = new StampedLock();
    static final Object HOT_MONITOR = new Object();
    static final ReentrantLock HOT_LOCK = new ReentrantLock();
    static final ReentrantLock SHARED = new ReentrantLock();
    static long counter;

    public static void main(String[] args) throws Exception {
        Thread plain = new Thread(ThreadsAndLocks::takeEveryLock, "plain-1"); // SITE:start-plain
        plain.start();
        plain.join();

        Thread spawner = new Thread(ThreadsAndLocks::spawnGrandchild, "spawner");
        spawner.start();
        spawner.join();

        ExecutorService pool = Executors.newFixedThreadPool(2, named("pool-worker-"));
        pool.submit(ThreadsAndLocks::takeEveryLock).get(); // SITE:submit
        pool.shutdown();
        pool.awaitTermination(10, TimeUnit.SECONDS);

        startVirtualThreadIfSupported();

        holdWhileAnotherWaits();
        contendOneSite();
        System.out.println("counter=" + counter);
    }

    static void takeEveryLock() {
        synchronized (MONITOR) { // SITE:monitor-block
            counter++;
        }
        synchronizedMethod();
        LOCK.lock(); // SITE:reentrant-lock
        try {
            counter++;
        } finally {
            LOCK.unlock();
        }
        READ_WRITE.readLock().lock(); // SITE:read-lock
        READ_WRITE.readLock().unlock();
        READ_WRITE.writeLock().lock(); // SITE:write-lock
        READ_WRITE.writeLock().unlock();
        long stamp = STAMPED.writeLock(); // SITE:stamped-write
        STAMPED.unlockWrite(stamp);
    }

    static synchronized void synchronizedMethod() {
        counter++; // SITE:synchronized-method
    }

    static void spawnGrandchild() {
        Thread grandchild = new Thread(() -> counter++, "grandchild"); // SITE:start-grandchild
        grandchild.start();
        try {
            grandchild.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void startVirtualThreadIfSupported() throws Exception {
        try {
            Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
            Class<?> builderType = Class.forName("java.lang.Thread$Builder");
            builder = builderType.getMethod("name", String.class).invoke(builder, "virtual-1");
            Thread virtual = (Thread) builderType.getMethod("start", Runnable.class)
                .invoke(builder, (Runnable) ThreadsAndLocks::takeEveryLock);
            virtual.join();
        } catch (NoSuchMethodException e) {
            // JDK 17-20: no virtual threads
        }
    }

    /** "hot-holder" holds each hot lock for 200 ms while "hot-waiter" waits for it. */
    static void holdWhileAnotherWaits() throws InterruptedException {
        CountDownLatch held = new CountDownLatch(2);
        Thread holder = new Thread(() -> {
            synchronized (HOT_MONITOR) { // SITE:hot-monitor-holder
                held.countDown();
                pause(200);
            }
            HOT_LOCK.lock();
            try {
                held.countDown();
                pause(200);
            } finally {
                HOT_LOCK.unlock();
            }
        }, "hot-holder");
        Thread waiter = new Thread(() -> {
            awaitCount(held, 1);
            synchronized (HOT_MONITOR) { // SITE:hot-monitor
                counter++;
            }
            awaitCount(held, 0);
            HOT_LOCK.lock(); // SITE:hot-lock
            try {
                counter++;
            } finally {
                HOT_LOCK.unlock();
            }
        }, "hot-waiter");
        holder.start();
        waiter.start();
        holder.join();
        waiter.join();
    }

    /** Three threads take SHARED at one site 200 times each, holding it ~50 us: contention. */
    static void contendOneSite() throws InterruptedException {
        Thread[] threads = new Thread[3];
        for (int i = 0; i < threads.length; i++) {
            threads[i] = new Thread(() -> {
                for (int round = 0; round < 200; round++) {
                    SHARED.lock(); // SITE:shared-lock
                    try {
                        long until = System.nanoTime() + 50_000;
                        while (System.nanoTime() < until) {
                            Thread.onSpinWait();
                        }
                    } finally {
                        SHARED.unlock();
                    }
                }
            }, "contender-" + i);
            threads[i].start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
    }

    private static void awaitCount(CountDownLatch latch, long count) {
        while (latch.getCount() > count) {
            Thread.onSpinWait();
        }
        pause(20); // the holder is now inside and stays 200 ms
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static ThreadFactory named(String prefix) {
        AtomicInteger next = new AtomicInteger(1);
        return task -> new Thread(task, prefix + next.getAndIncrement());
    }
}
