package com.acme.signup;

import java.util.Arrays;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The most recently signed-up names, newest first, each name at most once (signing up again moves a name to the
 * front). Guarded by a {@link ReentrantLock}; every worker records once per signup, so under load workers now and
 * then wait here. (Same code in both variants.)
 */
public final class RecentSignups {

    public static final int CAPACITY = 32;

    private final ReentrantLock lock = new ReentrantLock();
    private final String[] newestFirst = new String[CAPACITY]; // guarded by lock
    private int size;                                          // guarded by lock

    public void record(String name) {
        lock.lock();
        try {
            moveToFront(name);
        } finally {
            lock.unlock();
        }
    }

    public List<String> newestFirst() {
        lock.lock();
        try {
            return List.of(Arrays.copyOf(newestFirst, size));
        } finally {
            lock.unlock();
        }
    }

    /** Caller holds {@link #lock}. Drops the name's old position (or the oldest name when full) and puts it first. */
    private void moveToFront(String name) {
        int old = indexOf(name);
        int shifted = old >= 0 ? old : Math.min(size, CAPACITY - 1);
        System.arraycopy(newestFirst, 0, newestFirst, 1, shifted);
        newestFirst[0] = name;
        if (old < 0 && size < CAPACITY) {
            size++;
        }
    }

    private int indexOf(String name) {
        for (int i = 0; i < size; i++) {
            if (newestFirst[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }
}
