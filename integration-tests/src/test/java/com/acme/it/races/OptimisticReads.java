package com.acme.it.races;

import java.util.concurrent.locks.StampedLock;

/**
 * StampedLock's optimistic read, as its documentation writes it: "correct" has a writer move a
 * point under the write lock while a reader reads it optimistically and retries under the read
 * lock when validation fails — racy by design, correct by validation. "racy" has a second
 * writer that moves the point without the lock, so a read that validates saw a write no lock
 * ordered.
 */
public final class OptimisticReads {
    private final StampedLock lock = new StampedLock();
    private double x;
    private double y;

    private OptimisticReads() {
    }

    public static void main(String[] args) throws Exception {
        OptimisticReads point = new OptimisticReads();
        boolean racy = args[0].equals("racy");
        Thread writer = new Thread(() -> {
            for (int i = 0; i < 20_000; i++) {
                if (racy && i == 10_000) {
                    point.moveWithoutTheLock(1, 1);
                } else {
                    point.move(1, 1);
                }
            }
        }, "writer");
        Thread reader = new Thread(() -> {
            double sum = 0;
            for (int i = 0; i < 20_000; i++) {
                sum += point.distanceFromOrigin();
            }
            if (sum < 0) {
                throw new AssertionError();
            }
        }, "reader");
        writer.start();
        reader.start();
        writer.join();
        reader.join();
        if (racy) {
            point.moveWithoutTheLock(1, 1); // after the join: ordered, not a race of its own
            Thread late = new Thread(() -> point.distanceFromOrigin(), "late-reader");
            Thread unlocked = new Thread(() -> point.moveWithoutTheLock(2, 2), "unlocked-writer");
            unlocked.start();
            Thread.sleep(200);
            late.start();
            unlocked.join();
            late.join();
        }
    }

    void move(double dx, double dy) {
        long stamp = lock.writeLock();
        try {
            x += dx;
            y += dy;
        } finally {
            lock.unlockWrite(stamp);
        }
    }

    void moveWithoutTheLock(double dx, double dy) {
        x += dx;
        y += dy;
    }

    double distanceFromOrigin() {
        long stamp = lock.tryOptimisticRead();
        double currentX = x;
        double currentY = y;
        if (!lock.validate(stamp)) {
            stamp = lock.readLock();
            try {
                currentX = x;
                currentY = y;
            } finally {
                lock.unlockRead(stamp);
            }
        }
        return Math.sqrt(currentX * currentX + currentY * currentY);
    }
}
