package com.acme.signup;

/** The buggy variant's request counter: a plain global that every worker bumps. */
final class UnguardedRequestCounter implements RequestCounter {

    // BUG (checklist: global variables are either read-only or have access properly controlled):
    // every worker runs requestsServed++ (read, add, write) on this static field without a lock,
    // so two workers can read the same value and one of the increments is lost.
    static long requestsServed;

    UnguardedRequestCounter() {
        requestsServed = 0; // one live server per JVM; start each server from zero
    }

    @Override
    public void increment() {
        requestsServed++;
    }

    @Override
    public long value() {
        return requestsServed;
    }
}
