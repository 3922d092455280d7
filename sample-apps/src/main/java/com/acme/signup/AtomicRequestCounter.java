package com.acme.signup;

import java.util.concurrent.atomic.AtomicLong;

/** The fixed variant's request counter: increments are atomic, so none are lost. */
final class AtomicRequestCounter implements RequestCounter {

    private final AtomicLong requestsServed = new AtomicLong();

    @Override
    public void increment() {
        requestsServed.incrementAndGet();
    }

    @Override
    public long value() {
        return requestsServed.get();
    }
}
