package dev.weft.runtime;

/**
 * A per-thread "inside weft" flag. Writing an event can load classes, take JDK locks or start
 * threads that weft itself instruments; hooks that call out enter the guard first and do nothing
 * when the thread is already inside. Only slow paths (thread start, contended waits) use it: a
 * {@code ThreadLocal} lookup is too costly for every acquisition.
 */
final class ReentryGuard {
    private static final ThreadLocal<boolean[]> INSIDE = new ThreadLocal<boolean[]>() {
        @Override
        protected boolean[] initialValue() {
            return new boolean[1];
        }
    };

    private ReentryGuard() {
    }

    /** Returns the flag to pass to {@link #exit}, or null if this thread is already inside weft. */
    static boolean[] enter() {
        boolean[] inside = INSIDE.get();
        if (inside[0]) {
            return null;
        }
        inside[0] = true;
        return inside;
    }

    static void exit(boolean[] inside) {
        inside[0] = false;
    }
}
