package com.acme.it;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Deadlocks two threads ({@code monitors}: on two monitors; {@code locks}: on two ReentrantLocks),
 * waits until the agent can have noticed, then leaves with {@code System.exit(0)} as a watchdog
 * or an impatient operator would.
 */
public final class Deadlocker {
    public static void main(String[] args) throws InterruptedException {
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        Runnable[] bodies = args[0].equals("locks") ? reentrantLocks(bothHoldOne) : monitors(bothHoldOne);
        Thread alice = new Thread(bodies[0], "alice");
        Thread bob = new Thread(bodies[1], "bob");
        alice.setDaemon(true);
        bob.setDaemon(true);
        alice.start();
        bob.start();
        Thread.sleep(Long.parseLong(args[1]));
        System.out.println("giving up on alice and bob");
        System.exit(0);
    }

    private static Runnable[] monitors(CountDownLatch bothHoldOne) {
        Object left = new Object();
        Object right = new Object();
        return new Runnable[] {
            () -> {
                synchronized (left) {
                    await(bothHoldOne);
                    synchronized (right) {
                        Thread.onSpinWait();
                    }
                }
            },
            () -> {
                synchronized (right) {
                    await(bothHoldOne);
                    synchronized (left) {
                        Thread.onSpinWait();
                    }
                }
            },
        };
    }

    private static Runnable[] reentrantLocks(CountDownLatch bothHoldOne) {
        ReentrantLock left = new ReentrantLock();
        ReentrantLock right = new ReentrantLock();
        return new Runnable[] {() -> crossed(left, right, bothHoldOne), () -> crossed(right, left, bothHoldOne)};
    }

    private static void crossed(ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        mine.lock();
        try {
            await(bothHoldOne);
            theirs.lock();
            theirs.unlock();
        } finally {
            mine.unlock();
        }
    }

    private static void await(CountDownLatch latch) {
        latch.countDown();
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
