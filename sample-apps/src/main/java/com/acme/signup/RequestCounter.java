package com.acme.signup;

/** Counts the requests answered by all workers together. */
interface RequestCounter {

    void increment();

    long value();
}
