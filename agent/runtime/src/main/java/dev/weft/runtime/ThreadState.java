package dev.weft.runtime;

/**
 * What weft keeps per thread: the locks it holds, innermost last, with where and (at contended
 * sites) when each was taken. Only its own thread touches it.
 */
final class ThreadState {
    private static final int INITIAL = 8;

    final Thread thread;
    Object[] locks = new Object[INITIAL];
    int[] sites = new int[INITIAL];
    long[] since = new long[INITIAL];
    int held;
    /** The last lock-order pair this thread reported or skipped, to keep hot nested loops cheap. */
    Object lastOuter;
    Object lastInner;

    ThreadState(Thread thread) {
        this.thread = thread;
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
