package dev.weft.runtime;

/** Plain vector clocks (arrays of times), which the clock tests compare weft's against, and the simulated threads they run. */
final class ClockEntries {
    private ClockEntries() {
    }

    /**
     * Simulated threads numbered 0 to {@code reference.length - 1}, each with its plain clock
     * ({@code reference[t]}, square) holding its starting time.
     */
    static ThreadState[] threads(int[][] reference) {
        ThreadState[] threads = new ThreadState[reference.length];
        for (int t = 0; t < threads.length; t++) {
            threads[t] = new ThreadState(Thread.currentThread(), t, null);
            reference[t][t] = threads[t].clock.get(t);
        }
        return threads;
    }

    /** The first {@code count} entries of {@code clock}. */
    static int[] of(VectorClock clock, int count) {
        int[] entries = new int[count];
        for (int i = 0; i < count; i++) {
            entries[i] = clock.get(i);
        }
        return entries;
    }

    /** {@code into} becomes the element-wise maximum of itself and {@code from}. */
    static void joinInto(int[] into, int[] from) {
        for (int i = 0; i < into.length; i++) {
            into[i] = Math.max(into[i], from[i]);
        }
    }
}
