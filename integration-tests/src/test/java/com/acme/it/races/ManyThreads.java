package com.acme.it.races;

import java.util.concurrent.CountDownLatch;

/**
 * A program that runs each piece of work on a new thread, one after another, as a service with a
 * thread (or virtual thread) per task does: weft reuses the numbers of ended threads. "correct"
 * orders every thread after the previous one (start and join); "racy" then lets two named
 * threads race, whose names the report must give, not those of the ended threads whose numbers
 * they may have taken over.
 */
public final class ManyThreads {
    private static final int THREADS = 5_000;
    private static int counter;
    private static int contested;

    private ManyThreads() {
    }

    public static void main(String[] args) throws Exception {
        for (int i = 0; i < THREADS; i++) {
            Thread worker = new Thread(ManyThreads::increment, "task-" + i);
            worker.start();
            worker.join();
        }
        if (counter != THREADS) {
            throw new AssertionError("counter " + counter);
        }
        if (args.length > 0 && args[0].equals("racy")) {
            CountDownLatch bothStarted = new CountDownLatch(2);
            Thread a = new Thread(() -> race(bothStarted), "racer-a");
            Thread b = new Thread(() -> race(bothStarted), "racer-b");
            a.start();
            b.start();
            a.join();
            b.join();
        }
    }

    private static void increment() {
        counter++;
    }

    private static void race(CountDownLatch bothStarted) {
        bothStarted.countDown();
        try {
            bothStarted.await();
            for (int i = 0; i < 1000; i++) {
                contested++;
                Thread.sleep(0, 1000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
