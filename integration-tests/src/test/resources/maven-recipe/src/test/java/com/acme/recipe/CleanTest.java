package com.acme.recipe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/** Two threads take the same two locks, always in the same order: nothing for weft to report. */
class CleanTest {
    private final ReentrantLock outer = new ReentrantLock();
    private final ReentrantLock inner = new ReentrantLock();
    private int count;

    @Test
    void twoThreadsTakeTwoLocksInOneOrder() throws InterruptedException {
        Thread first = new Thread(this::add, "first");
        Thread second = new Thread(this::add, "second");
        first.start();
        second.start();
        first.join();
        second.join();

        assertEquals(2000, count);
    }

    private void add() {
        for (int i = 0; i < 1000; i++) {
            outer.lock();
            try {
                inner.lock();
                try {
                    count++;
                } finally {
                    inner.unlock();
                }
            } finally {
                outer.unlock();
            }
        }
    }
}
