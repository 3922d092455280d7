package com.acme.recipe;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * Passes, and leaves two threads deadlocked behind it: only weft's gate can fail the build. The
 * threads are daemons, so the test JVM still exits when the tests are done.
 */
class DeadlockTest {
    @Test
    void twoThreadsTakeTwoLocksInOppositeOrders() throws InterruptedException {
        ReentrantLock left = new ReentrantLock();
        ReentrantLock right = new ReentrantLock();
        CountDownLatch bothHoldOne = new CountDownLatch(2);
        start("alice", left, right, bothHoldOne);
        start("bob", right, left, bothHoldOne);

        assertTrue(bothHoldOne.await(10, TimeUnit.SECONDS));
        Thread.sleep(1500); // time for the agent's deadlock check (every 200 ms in MavenRecipeIT)
    }

    private static void start(String name, ReentrantLock mine, ReentrantLock theirs, CountDownLatch bothHoldOne) {
        Thread thread = new Thread(() -> {
            mine.lock();
            try {
                bothHoldOne.countDown();
                bothHoldOne.await();
                theirs.lock();
                theirs.unlock();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                mine.unlock();
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
    }
}
