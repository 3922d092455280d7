package dev.weft.cli.report;

import dev.weft.schema.WeftEvents;

/**
 * What kind of lock a contention entry is about. {@link #PARK} is a {@code java.util.concurrent}
 * lock seen only through JFR's {@code jdk.ThreadPark}: no owner, no acquisition count.
 * {@link #WAIT} is not a lock acquisition at all but time spent in {@code Object.wait()}, waiting to
 * be notified: it is reported beside contention, never mixed into it. {@link #CLASS_LOADING} is the
 * JVM's class loading and initialization: a thread waiting for another to finish loading or
 * initializing a class it needs — real time lost, but not on a lock of the program's, so it is
 * listed after the program's locks.
 */
public enum LockKind {
    MONITOR(WeftEvents.LockKinds.MONITOR),
    JUC(WeftEvents.LockKinds.JUC),
    PARK("park"),
    WAIT("wait"),
    CLASS_LOADING("class-loading");

    private final String id;

    LockKind(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** Whether threads of this kind waited to acquire a lock (all kinds but {@link #WAIT}). */
    public boolean isLockContention() {
        return this != WAIT;
    }

    /** The kind named by weft's {@code lockKind} field, or null for a value this CLI does not know. */
    public static LockKind fromWeft(String lockKind) {
        for (LockKind kind : values()) {
            if (kind.id.equals(lockKind)) {
                return kind;
            }
        }
        return null;
    }

    @Override
    public String toString() {
        return id;
    }
}
