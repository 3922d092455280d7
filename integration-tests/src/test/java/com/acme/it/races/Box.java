package com.acme.it.races;

/** The shared state of one idiom: a plain field, and a final one that can never race. */
public final class Box {
    public int value;
    public final int fixed;

    public Box() {
        this(0);
    }

    public Box(int fixed) {
        this.fixed = fixed;
    }
}
