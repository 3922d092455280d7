package com.acme.it.races;

import java.lang.invoke.VarHandle;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Races whose reports need more than the racing access's own stack, for the report's details:
 * {@code ReportDetails locks} — one side holds a {@code ReentrantLock}, the other none, and the
 * earlier access's stack is only seen when its site runs again; {@code ReportDetails fences} —
 * threads that hand data over through memory fences and a spin loop, which weft does not model.
 *
 * <p>Threads take turns by watching each other's {@code Thread.getState()} (and parking blocker),
 * which orders nothing in weft's model (nor in Java's): the races stay races, in a fixed order.
 */
public final class ReportDetails {
    private ReportDetails() {
    }

    /** An account whose balance is written under a lock and read without it. */
    static final class Account {
        private final ReentrantLock lock = new ReentrantLock();
        long balance;
        String memo;

        void deposit(long amount) {
            lock.lock(); // SITE:deposit-lock
            try {
                balance += amount; // SITE:deposit-write
            } finally {
                lock.unlock();
            }
        }

        long peek() {
            return balance; // SITE:peek-read
        }

        void writeMemo(String text) {
            memo = text; // SITE:memo-write
        }

        String readMemo() {
            return memo; // SITE:memo-read
        }
    }

    /** Data handed over through a plain flag between a release fence and an acquire fence. */
    static final class Handoff {
        int data;
        boolean ready;

        void publish(int value) {
            data = value;
            VarHandle.releaseFence(); // SITE:release-fence
            ready = true;
        }

        int await() {
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (System.nanoTime() < deadline) {
                VarHandle.acquireFence(); // SITE:acquire-fence
                if (ready) {
                    break;
                }
                Thread.onSpinWait(); // SITE:spin-wait
            }
            return data;
        }
    }

    public static void main(String[] args) throws Exception {
        switch (args.length == 1 ? args[0] : "") {
            case "locks" -> locks();
            case "fences" -> fences();
            default -> {
                System.err.println("usage: ReportDetails locks|fences");
                System.exit(2);
            }
        }
    }

    /**
     * "depositor" deposits under the account's lock and writes a memo, then waits; "auditor" reads the
     * balance and the memo without the lock (two races, reported by the auditor) and lets the
     * depositor go on, which deposits once more — ordered after the audit by the latch, so no race,
     * but the deposit's site runs again and its stack is taken. The memo is never written again.
     */
    private static void locks() throws InterruptedException {
        Account account = new Account();
        CountDownLatch audited = new CountDownLatch(1);
        Thread depositor = new Thread(() -> {
            account.deposit(10);
            account.writeMemo("first deposit");
            awaitQuietly(audited);
            account.deposit(20);
        }, "depositor");
        Thread auditor = new Thread(() -> {
            waitUntilWaiting(depositor);
            long balance = account.peek();
            String memo = account.readMemo();
            System.out.println("audited " + balance + " (" + memo + ")");
            audited.countDown();
        }, "auditor");
        depositor.start();
        auditor.start();
        depositor.join();
        auditor.join();
    }

    /** "publisher" publishes through a release fence, "subscriber" spins and reads after an acquire fence. */
    private static void fences() throws InterruptedException {
        Handoff handoff = new Handoff();
        Thread subscriber = new Thread(() -> System.out.println("received " + handoff.await()), "subscriber");
        Thread publisher = new Thread(() -> {
            waitUntilSpinning(subscriber);
            handoff.publish(42);
        }, "publisher");
        subscriber.start();
        publisher.start();
        publisher.join();
        subscriber.join();
    }

    /**
     * Until {@code thread} is parked in a synchronizer (here: the latch), polled through its state
     * and blocker: nothing that orders memory.
     */
    private static void waitUntilWaiting(Thread thread) {
        while (thread.getState() != Thread.State.WAITING || LockSupport.getBlocker(thread) == null) {
            sleep();
        }
    }

    /** A little while after {@code thread} has started spinning. */
    private static void waitUntilSpinning(Thread thread) {
        while (thread.getState() == Thread.State.NEW) {
            sleep();
        }
        sleep();
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void sleep() {
        try {
            Thread.sleep(20);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
