package dev.weft.runtime;

/**
 * One place in application code that acquires a lock, with its acquisition counters.
 *
 * <p>Counting must cost about a nanosecond, so counters are plain {@code long}s striped by thread:
 * each thread adds to the stripe its id selects, and stripes sit a cache line apart so that two
 * threads hammering one site do not share a line. Two threads whose ids share a stripe can lose an
 * increment if they count the same site in the same instant: the totals are lower bounds, exact in
 * practice for up to {@value #STRIPES} live threads.
 *
 * <p>The stripes (1.1 KB) are allocated when the site first counts, not when it is registered: an
 * application has many lock sites that never run (every class transformed registers its sites),
 * and a few MB of counters made up front would be live heap from the start. They are made under
 * the site's lock, so two threads counting a site for the first time at once share one array.
 */
public final class LockSite {
    static final int STRIPES = 16;
    private static final int PAD = 8; // longs per 64-byte cache line
    private static final int ACQUIRED = 0;
    private static final int CONTENDED = 1;
    private static final int WAITED = 2;
    private static final int BLOCKING_HOLDS = 3;
    private static final int BLOCKING_HOLD_NANOS = 4;

    private final String kind;
    private final String className;
    private final String methodName;
    private volatile int line;
    /** The stripes, made at the site's first count ({@link #counters()}); null until then. */
    private long[] counters;
    private final boolean monitor;
    private String lockClass; // first lock class seen; a benign race sets it once or twice

    LockSite(String kind, String className, String methodName, int line) {
        this.kind = kind;
        this.className = className;
        this.methodName = methodName;
        this.line = line;
        this.monitor = "monitor".equals(kind); // WeftEvents.LockKinds.MONITOR: the runtime cannot see the schema
    }

    void acquired(Object lock) {
        counters()[stripe() + ACQUIRED]++;
        if (lockClass == null) {
            lockClass = lock.getClass().getName();
        }
    }

    void waited(long nanos) {
        long[] counts = counters();
        int stripe = stripe();
        counts[stripe + CONTENDED]++;
        counts[stripe + WAITED] += nanos;
    }

    /** A hold taken here ended with other threads queued for the lock. */
    void blockingHold(long nanos) {
        long[] counts = counters();
        int stripe = stripe();
        counts[stripe + BLOCKING_HOLDS]++;
        counts[stripe + BLOCKING_HOLD_NANOS] += nanos;
    }

    boolean isMonitor() {
        return monitor;
    }

    private static int stripe() {
        return PAD + (((int) Thread.currentThread().getId()) & (STRIPES - 1)) * PAD;
    }

    private long[] counters() {
        long[] counts = counters;
        return counts != null ? counts : madeCounters();
    }

    private synchronized long[] madeCounters() {
        if (counters == null) {
            counters = new long[(STRIPES + 1) * PAD];
        }
        return counters;
    }

    private long sum(int counter) {
        long[] counts = counters;
        long sum = 0;
        for (int stripe = 1; counts != null && stripe <= STRIPES; stripe++) {
            sum += counts[stripe * PAD + counter];
        }
        return sum;
    }

    /** {@code monitor} or {@code juc}, as in the event schema. */
    public String kind() {
        return kind;
    }

    public String className() {
        return className;
    }

    public String methodName() {
        return methodName;
    }

    public int line() {
        return line;
    }

    /** Sets the line of a site registered before its method's first line was known. */
    public void firstLine(int lineNumber) {
        if (line < 0) {
            line = lineNumber;
        }
    }

    /** Class of the first lock seen here, or null if the site never ran. */
    public String lockClass() {
        return lockClass;
    }

    public long acquisitions() {
        return sum(ACQUIRED);
    }

    public long contended() {
        return sum(CONTENDED);
    }

    public long waitNanos() {
        return sum(WAITED);
    }

    public long blockingHolds() {
        return sum(BLOCKING_HOLDS);
    }

    public long blockingHoldNanos() {
        return sum(BLOCKING_HOLD_NANOS);
    }
}
