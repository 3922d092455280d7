package dev.weft.runtime;

import java.util.Arrays;

/**
 * A vector clock: one logical time per thread, indexed by the thread's weft id
 * ({@link ThreadState#tid}). Missing entries are zero. Not thread-safe: a thread's own clock is
 * touched only by that thread; clocks of synchronization objects are guarded by {@link SyncClocks}
 * or by the monitor they belong to ({@link MonitorClocks}).
 *
 * <p>Joins and copies cost one step per thread weft has numbered, so they run only up to the
 * highest entry ever set ({@code size}), not over the array's spare capacity.
 */
class VectorClock {
    private int[] times;
    /** One past the highest index ever set: entries from here on are zero. */
    private int size;
    /**
     * Counts the changes made other than by {@link #advance}: a thread's clock whose count stands
     * still has changed only in its own entry (see {@link ThreadState#published}).
     */
    private int changes;

    VectorClock() {
        times = new int[8];
    }

    private VectorClock(int[] times, int size) {
        this.times = times;
        this.size = size;
    }

    int get(int tid) {
        return tid < size ? times[tid] : 0;
    }

    void set(int tid, int time) {
        advance(tid, time);
        changes++;
    }

    /** Raises the entry of {@code epoch}'s thread to its time, if that is later ({@link Epochs#NONE}: nothing). */
    void raiseTo(long epoch) {
        if (epoch != Epochs.NONE && get(Epochs.tid(epoch)) < Epochs.time(epoch)) {
            set(Epochs.tid(epoch), Epochs.time(epoch));
        }
    }

    /** Sets a thread's own entry in its clock: a time step, not counted as a change. */
    void advance(int tid, int time) {
        if (tid >= times.length) {
            times = Arrays.copyOf(times, Math.max(tid + 1, times.length * 2));
        }
        times[tid] = time;
        if (tid >= size) {
            size = tid + 1;
        }
    }

    /** How many changes other than {@link #advance} the clock has had (it wraps; compared for equality only). */
    int changes() {
        return changes;
    }

    /** This clock becomes the element-wise maximum of itself and {@code other}. */
    void join(VectorClock other) {
        join(other.times, other.size);
    }

    /** This clock becomes the element-wise maximum of itself and the first {@code theirSize} of {@code theirs}. */
    void join(int[] theirs, int theirSize) {
        if (theirSize > times.length) {
            times = Arrays.copyOf(times, Math.max(theirSize, times.length * 2));
        }
        int[] mine = times;
        boolean grew = false;
        for (int i = 0; i < theirSize; i++) {
            if (theirs[i] > mine[i]) {
                mine[i] = theirs[i];
                grew = true;
            }
        }
        if (theirSize > size) {
            size = theirSize;
        }
        if (grew) {
            changes++;
        }
    }

    /**
     * Joins a clock published by a release ({@link ThreadState#published}): {@code theirs}, with
     * the releasing thread {@code tid}'s own entry raised to {@code time}, which must be later
     * than this clock's entry. Returns whether this clock was within the released one before, but
     * for entry {@code own}.
     */
    boolean joinReleased(int[] theirs, int tid, int time, int own) {
        int theirSize = theirs.length;
        if (theirSize > times.length) {
            times = Arrays.copyOf(times, Math.max(theirSize, times.length * 2));
        }
        int[] mine = times;
        boolean covered = true;
        for (int i = 0; i < theirSize; i++) {
            int t = theirs[i];
            int m = mine[i];
            if (t > m) {
                mine[i] = t;
            } else if (m > t && i != own && i != tid) {
                covered = false;
            }
        }
        for (int i = theirSize; i < size && covered; i++) {
            if (mine[i] != 0 && i != own && i != tid) {
                covered = false;
            }
        }
        if (theirSize > size) {
            size = theirSize;
        }
        set(tid, time); // a change in any case: the entry was earlier
        return covered;
    }

    /** An immutable copy of the clock's entries (up to its size), to be shared. */
    int[] snapshot() {
        return Arrays.copyOf(times, size);
    }

    /** {@link #soleEntryBeyond}: the clock has no entry beyond the copy's but the owner's. */
    static final int NONE_BEYOND = -1;
    /** {@link #soleEntryBeyond}: the clock has entries beyond the copy's in more than one other thread. */
    static final int MANY_BEYOND = -2;

    /**
     * Which entry, other than {@code own}, this clock has later than {@code copy}, an earlier
     * {@link #snapshot} of it: the thread's index, {@link #NONE_BEYOND} or {@link #MANY_BEYOND}.
     * Clocks only grow, so an entry differs from the copy's only by being later.
     */
    int soleEntryBeyond(int[] copy, int own) {
        int found = NONE_BEYOND;
        int[] mine = times;
        for (int i = 0; i < size; i++) {
            if (i != own && mine[i] != (i < copy.length ? copy[i] : 0)) {
                if (found != NONE_BEYOND) {
                    return MANY_BEYOND;
                }
                found = i;
            }
        }
        return found;
    }

    /**
     * As {@link #join}; returns whether this clock was within {@code other} before (no entry
     * greater than {@code other}'s), so that it is now equal to it.
     */
    boolean joinCovered(VectorClock other) {
        int theirSize = other.size;
        if (theirSize > times.length) {
            times = Arrays.copyOf(times, Math.max(theirSize, times.length * 2));
        }
        int[] theirs = other.times;
        int[] mine = times;
        boolean covered = true;
        boolean grew = false;
        for (int i = 0; i < theirSize; i++) {
            int t = theirs[i];
            int m = mine[i];
            if (t > m) {
                mine[i] = t;
                grew = true;
            } else if (m > t) {
                covered = false;
            }
        }
        if (grew) {
            changes++;
        }
        for (int i = theirSize; i < size && covered; i++) {
            if (mine[i] != 0) {
                covered = false;
            }
        }
        if (theirSize > size) {
            size = theirSize;
        }
        return covered;
    }

    /** This clock becomes a copy of {@code other}. */
    void copyFrom(VectorClock other) {
        int theirSize = other.size;
        if (theirSize > times.length) {
            times = new int[Math.max(theirSize, times.length * 2)];
        }
        System.arraycopy(other.times, 0, times, 0, theirSize);
        if (size > theirSize) {
            Arrays.fill(times, theirSize, size, 0);
        }
        size = theirSize;
        changes++;
    }

    VectorClock copy() {
        return new VectorClock(times.clone(), size);
    }
}
