package com.acme.transfers;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** What the test classes of the small project do with {@link Accounts}. */
final class TransferScenarios {
    private TransferScenarios() {
    }

    /** Thread "forward" locks a then b, thread "backward" b then a: a potential deadlock that does not happen. */
    static void bothWays() throws InterruptedException {
        Accounts a = new Accounts(100);
        Accounts b = new Accounts(100);
        onThread("forward", () -> Accounts.transfer(a, b, 30));
        onThread("backward", () -> Accounts.transfer(b, a, 10));
        assertEquals(80, a.balance());
        assertEquals(120, b.balance());
    }

    /** Two threads, both locking a then b. */
    static void oneWay() throws InterruptedException {
        Accounts a = new Accounts(100);
        Accounts b = new Accounts(100);
        onThread("first", () -> Accounts.transfer(a, b, 30));
        onThread("second", () -> Accounts.transfer(a, b, 10));
        assertEquals(60, a.balance());
    }

    /** Runs {@code body} on a new thread and waits for it: threads one after the other, so nothing hangs. */
    private static void onThread(String name, Runnable body) throws InterruptedException {
        Thread thread = new Thread(body, name);
        thread.start();
        thread.join();
    }
}
