package com.acme.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * One hot monitor and one hot ReentrantLock: a holder thread keeps each for 200 ms, three times,
 * while a waiter thread queues for it — by far the worst contention of the run.
 */
public final class HotLocks {
    static final Object HOT_MONITOR = new Object();
    static final ReentrantLock HOT_LOCK = new ReentrantLock();

    public static void main(String[] args) throws InterruptedException {
        for (int round = 0; round < 3; round++) {
            contend("monitor", HotLocks::holdMonitor, HotLocks::touchMonitor);
            contend("lock", HotLocks::holdLock, HotLocks::touchLock);
        }
        System.out.println("hot locks done");
    }

    private static void contend(String kind, Runnable hold, Runnable touch) throws InterruptedException {
        CountDownLatch held = new CountDownLatch(1);
        Thread holder = new Thread(() -> {
            held.countDown();
            hold.run();
        }, "holder-" + kind);
        holder.start();
        held.await();
        Thread.sleep(20); // the holder is inside by now
        Thread waiter = new Thread(touch, "waiter-" + kind);
        waiter.start();
        holder.join();
        waiter.join();
    }

    private static void holdMonitor() {
        synchronized (HOT_MONITOR) {
            pause();
        }
    }

    private static void touchMonitor() {
        synchronized (HOT_MONITOR) { // SITE:hot-monitor
            Thread.onSpinWait();
        }
    }

    private static void holdLock() {
        HOT_LOCK.lock();
        try {
            pause();
        } finally {
            HOT_LOCK.unlock();
        }
    }

    private static void touchLock() {
        HOT_LOCK.lock(); // SITE:hot-lock
        try {
            Thread.onSpinWait();
        } finally {
            HOT_LOCK.unlock();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(200); // a round whose waiter starts late on a loaded machine still leaves 150 ms
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
