package dev.weft.runtime;

/**
 * One place in application code that acquires a lock, with its acquisition counters.
 *
 * <p>Counting must cost about a nanosecond, so counters are plain {@code long}s striped by thread:
 * each thread adds to the stripe its id selects, and stripes sit a cache line apart so that two
 * threads hammering one site do not share a line. Two threads whose ids share a stripe can lose an
 * increment if they count the same site in the same instant: the totals are lower bounds, exact in
 * practice for up to {@value #STRIPES} live threads.
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
    private final long[] counters = new long[(STRIPES + 1) * PAD];
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
        counters[stripe() + ACQUIRED]++;
        if (lockClass == null) {
            lockClass = lock.getClass().getName();
        }
    }

    void waited(long nanos) {
        int stripe = stripe();
        counters[stripe + CONTENDED]++;
        counters[stripe + WAITED] += nanos;
    }

    /** A hold taken here ended with other threads queued for the lock. */
    void blockingHold(long nanos) {
        int stripe = stripe();
        counters[stripe + BLOCKING_HOLDS]++;
        counters[stripe + BLOCKING_HOLD_NANOS] += nanos;
    }

    boolean isMonitor() {
        return monitor;
    }

    private static int stripe() {
        return PAD + (((int) Thread.currentThread().getId()) & (STRIPES - 1)) * PAD;
    }

    private long sum(int counter) {
        long sum = 0;
        for (int stripe = 1; stripe <= STRIPES; stripe++) {
            sum += counters[stripe * PAD + counter];
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
