package dev.weft.cli.testing;

import dev.weft.runtime.TestLockHooks;

/**
 * Threads that take two locks nested, in one order or in conflicting orders, one thread after the
 * other so that the test itself never deadlocks, with the lock-order edges reported as the agent
 * reports them (see {@link TestLockHooks}).
 */
public final class LockOrderScenarios {
    public static final String FIRST_THREAD = "orders-a-b";
    public static final String SECOND_THREAD = "orders-b-a";

    private LockOrderScenarios() {
    }

    /** The class of the locks, easy to find in a report. */
    public static final class Account {
    }

    /** "orders-a-b" locks a then b; "orders-b-a" locks b then a: a potential deadlock. */
    public static void inverted() throws InterruptedException {
        Account a = new Account();
        Account b = new Account();
        oneAfterTheOther(() -> transfer(a, b), () -> transfer(b, a));
    }

    /** Both threads lock a then b: no cycle. */
    public static void consistent() throws InterruptedException {
        Account a = new Account();
        Account b = new Account();
        oneAfterTheOther(() -> transfer(a, b), () -> transfer(a, b));
    }

    /** Conflicting orders, but each thread holds one gate lock around both: the gate serializes them. */
    public static void invertedBehindAGate() throws InterruptedException {
        Object gate = new Object();
        Account a = new Account();
        Account b = new Account();
        oneAfterTheOther(() -> behind(gate, a, b), () -> behind(gate, b, a));
    }

    /** Three threads, three locks, each taking "its" lock then the next one's: a cycle of three. */
    public static void rotated() throws InterruptedException {
        Account a = new Account();
        Account b = new Account();
        Account c = new Account();
        oneAfterTheOther(() -> transfer(a, b), () -> transfer(b, c));
        Thread third = new Thread(() -> transfer(c, a), "orders-c-a");
        third.start();
        third.join();
    }

    static void transfer(Account from, Account to) {
        synchronized (from) {
            TestLockHooks.entered(from);
            try {
                synchronized (to) {
                    TestLockHooks.entered(to);
                    TestLockHooks.exited(to);
                }
            } finally {
                TestLockHooks.exited(from);
            }
        }
    }

    private static void behind(Object gate, Account from, Account to) {
        synchronized (gate) {
            TestLockHooks.entered(gate);
            try {
                transfer(from, to);
            } finally {
                TestLockHooks.exited(gate);
            }
        }
    }

    private static void oneAfterTheOther(Runnable first, Runnable second) throws InterruptedException {
        Thread one = new Thread(first, FIRST_THREAD);
        one.start();
        one.join();
        Thread two = new Thread(second, SECOND_THREAD);
        two.start();
        two.join();
    }
}
