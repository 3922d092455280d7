package com.acme.transfers;

/** The code under test of the small test project: a transfer locks both accounts, the source first. */
public final class Accounts {
    private long balance;

    public Accounts(long balance) {
        this.balance = balance;
    }

    /** Locks {@code from}, then {@code to}: two transfers in opposite directions take them in opposite orders. */
    public static void transfer(Accounts from, Accounts to, long amount) {
        synchronized (from) {
            synchronized (to) {
                from.balance -= amount;
                to.balance += amount;
            }
        }
    }

    public synchronized long balance() {
        return balance;
    }
}
