package dev.weft.runtime;

/**
 * FastTrack's epochs: one access as "time {@code c} of thread {@code t}", packed in a long so a
 * shadow can hold the last write (and, while reads are ordered, the last read) in one field.
 * An access at epoch {@code c@t} happens before a thread whose clock {@code C} has
 * {@code C[t] >= c}.
 */
final class Epochs {
    static final long NONE = 0L;
    private static final int TID_SHIFT = 40;
    private static final long TIME_MASK = (1L << TID_SHIFT) - 1;

    private Epochs() {
    }

    static long of(int tid, int time) {
        return ((long) (tid + 1) << TID_SHIFT) | (time & TIME_MASK);
    }

    static int tid(long epoch) {
        return (int) (epoch >>> TID_SHIFT) - 1;
    }

    static int time(long epoch) {
        return (int) (epoch & TIME_MASK);
    }

    /** Whether the access at {@code epoch} happens before (or is of) the thread with {@code clock}. */
    static boolean happensBefore(long epoch, VectorClock clock) {
        return epoch == NONE || time(epoch) <= clock.get(tid(epoch));
    }

    /**
     * As {@link #happensBefore}, for the thread now at epoch {@code now} with {@code clock}: an
     * access of its own thread number is answered without the clock. It is the thread's own earlier
     * access, or one of a thread whose number it took over, whose time it continues (see
     * {@link Threads}): either way no later than its clock's own entry. The common case of a thread
     * in a new step touching what it touched in an earlier one.
     */
    static boolean happensBefore(long epoch, long now, VectorClock clock) {
        return epoch >>> TID_SHIFT == now >>> TID_SHIFT || happensBefore(epoch, clock);
    }
}
