package dev.weft.runtime;

/**
 * Errors weft caught inside its own hooks or transformations. They never reach the application:
 * they are counted, the first one is kept for the recording's agent-info event, and that is all.
 * (Plain synchronized counters: the JDK's atomics are modelled synchronizers whose hooks could
 * land back here.)
 */
public final class InternalErrors {
    private static long hookErrors;
    private static long transformErrors;
    private static String first;

    private InternalErrors() {
    }

    static synchronized void hookFailed(Throwable t) {
        hookErrors++;
        keepFirst("hook: ", t);
    }

    /** A class could not be transformed and was left as it was. */
    public static synchronized void transformFailed(String className, Throwable t) {
        transformErrors++;
        keepFirst("transforming " + className + ": ", t);
    }

    private static void keepFirst(String where, Throwable t) {
        if (first == null) {
            first = where + t;
        }
    }

    public static synchronized long hookErrors() {
        return hookErrors;
    }

    public static synchronized long transformErrors() {
        return transformErrors;
    }

    /** The first error caught, or the empty string. */
    public static synchronized String first() {
        return first == null ? "" : first;
    }
}
