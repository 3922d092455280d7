package dev.weft.cli.report;

import dev.weft.schema.WeftEvents;

/**
 * What kind of lock a contention entry is about. {@link #PARK} is a {@code java.util.concurrent}
 * lock seen only through JFR's {@code jdk.ThreadPark}: no owner, no acquisition count.
 * {@link #WAIT} is not a lock acquisition at all but time spent in {@code Object.wait()}, waiting to
 * be notified: it is reported beside contention, never mixed into it.
 */
public enum LockKind {
    MONITOR(WeftEvents.LockKinds.MONITOR),
    JUC(WeftEvents.LockKinds.JUC),
    PARK("park"),
    WAIT("wait");

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
