package dev.weft.runtime;

import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Errors weft caught inside its own hooks or transformations. They never reach the application:
 * they are counted, the first one is kept for the recording's agent-info event, and that is all.
 */
public final class InternalErrors {
    private static final AtomicLong HOOK_ERRORS = new AtomicLong();
    private static final AtomicLong TRANSFORM_ERRORS = new AtomicLong();
    private static final AtomicReference<String> FIRST = new AtomicReference<String>();

    private InternalErrors() {
    }

    static void hookFailed(Throwable t) {
        HOOK_ERRORS.incrementAndGet();
        keepFirst("hook: ", t);
    }

    /** A class could not be transformed and was left as it was. */
    public static void transformFailed(String className, Throwable t) {
        TRANSFORM_ERRORS.incrementAndGet();
        keepFirst("transforming " + className + ": ", t);
    }

    private static void keepFirst(String where, Throwable t) {
        if (FIRST.get() == null) {
            FIRST.compareAndSet(null, where + t);
        }
    }

    public static long hookErrors() {
        return HOOK_ERRORS.get();
    }

    public static long transformErrors() {
        return TRANSFORM_ERRORS.get();
    }

    /** The first error caught, or the empty string. */
    public static String first() {
        String first = FIRST.get();
        return first == null ? "" : first;
    }
}
