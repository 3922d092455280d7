package dev.weft.runtime;

/** Vector clocks as plain arrays of times, which the clock tests compare against. */
final class ClockEntries {
    private ClockEntries() {
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
