package dev.weft.runtime;

import java.util.Arrays;

/**
 * A vector clock: one logical time per thread, indexed by the thread's weft id
 * ({@link ThreadState#tid}). Missing entries are zero. Not thread-safe: a thread's own clock is
 * touched only by that thread; clocks of synchronization objects are guarded by {@link SyncClocks}.
 */
final class VectorClock {
    private int[] times;

    VectorClock() {
        times = new int[8];
    }

    private VectorClock(int[] times) {
        this.times = times;
    }

    int get(int tid) {
        return tid < times.length ? times[tid] : 0;
    }

    void set(int tid, int time) {
        if (tid >= times.length) {
            times = Arrays.copyOf(times, Math.max(tid + 1, times.length * 2));
        }
        times[tid] = time;
    }

    /** This clock becomes the element-wise maximum of itself and {@code other}. */
    void join(VectorClock other) {
        int[] theirs = other.times;
        if (theirs.length > times.length) {
            times = Arrays.copyOf(times, theirs.length);
        }
        int[] mine = times;
        for (int i = 0; i < theirs.length; i++) {
            if (theirs[i] > mine[i]) {
                mine[i] = theirs[i];
            }
        }
    }

    VectorClock copy() {
        return new VectorClock(times.clone());
    }
}
