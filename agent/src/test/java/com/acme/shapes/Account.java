package com.acme.shapes;

/** A plain application class, given shadows by {@code ShadowInjectorTest}. */
public class Account {
    public long balance;
    public int operations;

    public void deposit(long amount) {
        balance += amount;
        operations++;
    }
}
