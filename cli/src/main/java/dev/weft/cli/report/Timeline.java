package dev.weft.cli.report;

import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What the threads were doing around the longest single lock wait of the analyzed recordings: a
 * window of time centred on that wait, one row per thread, the intervals in which each was blocked
 * on a lock, waiting (parked, in {@code Object.wait()}), or holding the lock the longest wait was
 * for. Between intervals a thread ran, or did something the recording does not show.
 *
 * <p>Times are nanoseconds from {@link #start()}. Only the HTML report draws it.
 *
 * @param recording the recording the window is from, as an index into {@link Report#recordings()}
 * @param start     the window's start
 * @param spanNanos the window's length
 * @param focus     the longest wait, which the window is centred on
 * @param rows      the focus thread first, then the lock's owner, then the threads that waited most
 * @param idleThreads threads left out because they waited for work the whole window (idle pool threads)
 */
public record Timeline(int recording, Instant start, long spanNanos, Focus focus, List<Row> rows, int idleThreads) {
    public Timeline {
        rows = List.copyOf(rows);
    }

    /**
     * The longest wait.
     *
     * @param owner the thread that held the lock, or null when the recording does not say
     */
    public record Focus(String thread, String owner, String lockClass, Frame site, long startNanos, long waitNanos) {
    }

    /** One thread's intervals, in time order. */
    public record Row(String thread, List<Interval> intervals) {
        public Row {
            intervals = List.copyOf(intervals);
        }
    }

    /** @param detail what the thread waited for or held, e.g. a lock class and site */
    public record Interval(State state, long startNanos, long endNanos, String detail) {
    }

    public enum State {
        /** Waiting to acquire a lock. */
        BLOCKED,
        /** Parked or in {@code Object.wait()}: waiting for work or a signal, not for a lock. */
        WAITING,
        /** Holding the lock of the focus wait (known for its duration, from the waiter's event). */
        HOLDING;

        public String id() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
