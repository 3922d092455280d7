package dev.weft.runtime;

/**
 * What weft keeps per thread: the locks it holds, innermost last, with where and (at contended
 * sites) when each was taken. Only its own thread touches it.
 */
final class ThreadState {
    private static final int INITIAL = 8;

    final Thread thread;
    /** weft's number for the thread: its index in vector clocks. */
    final int tid;
    /** The thread's vector clock; its own entry is the current time. */
    final VectorClock clock;
    /** The epoch of the thread's current time, cached: {@code Epochs.of(tid, clock.get(tid))}. */
    long epoch;
    Object[] locks = new Object[INITIAL];
    int[] sites = new int[INITIAL];
    long[] since = new long[INITIAL];
    int held;
    /**
     * A monitor this thread was about to enter at its last hook: its clock is acquired at the
     * thread's next race-relevant hook, when the monitor is surely held (race detection only).
     */
    Object pendingAcquire;
    /** How many static initializers the thread is running (their accesses are not recorded). */
    int initializing;
    /** Whether the thread is running weft's own code (see {@link ReentryGuard}). */
    boolean inside;
    /** How deep the thread is in JDK machinery (class loading) whose synchronization is not the application's. */
    int machinery;
    /**
     * Array shadows by access site ({@link ArrayShadows}): the last array each site saw in this
     * thread, held weakly through its shadow; allocated at the thread's first array access.
     */
    ArrayShadow[] arrayCache;
    /** The array shadow this thread last took from the table (looked at before the table). */
    ArrayShadow lastArray;
    /** The last lock-order pair this thread reported or skipped, to keep hot nested loops cheap. */
    Object lastOuter;
    Object lastInner;

    ThreadState(Thread thread, int tid, VectorClock inherited) {
        this.thread = thread;
        this.tid = tid;
        this.clock = inherited == null ? new VectorClock() : inherited;
        this.clock.set(tid, Math.max(1, this.clock.get(tid)));
        this.epoch = Epochs.of(tid, clock.get(tid));
    }

    /** Starts a new time step after a release, so later accesses are not ordered before it. */
    void tick() {
        int now = clock.get(tid);
        if (now == Integer.MAX_VALUE) {
            Hooks.clockExhausted();
            return;
        }
        int next = now + 1;
        clock.set(tid, next);
        epoch = Epochs.of(tid, next);
    }

    void push(Object lock, int site, long acquiredAt) {
        if (held == locks.length) {
            locks = java.util.Arrays.copyOf(locks, held * 2);
            sites = java.util.Arrays.copyOf(sites, held * 2);
            since = java.util.Arrays.copyOf(since, held * 2);
        }
        locks[held] = lock;
        sites[held] = site;
        since[held] = acquiredAt;
        held++;
    }

    /** Index of the innermost hold of {@code lock}, or -1. */
    int indexOf(Object lock) {
        for (int i = held - 1; i >= 0; i--) {
            if (locks[i] == lock) {
                return i;
            }
        }
        return -1;
    }

    void removeAt(int index) {
        int after = held - index - 1;
        if (after > 0) {
            System.arraycopy(locks, index + 1, locks, index, after);
            System.arraycopy(sites, index + 1, sites, index, after);
            System.arraycopy(since, index + 1, since, index, after);
        }
        held--;
        locks[held] = null;
    }
}
