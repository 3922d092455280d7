package dev.weft.runtime;

/**
 * The "inside weft" flag of the current thread. Writing an event can load classes, take JDK
 * locks, use concurrent collections or start threads that weft itself instruments; hooks that
 * call out enter the guard first and do nothing when the thread is already inside — and the
 * synchronization models ignore what weft's own code does, so that it adds no ordering between
 * the application's threads.
 */
final class ReentryGuard {
    private ReentryGuard() {
    }

    /** Returns the thread's state to pass to {@link #exit}, or null if it is already inside weft. */
    static ThreadState enter() {
        ThreadState state = ThreadStates.current();
        if (state.inside) {
            return null;
        }
        state.inside = true;
        return state;
    }

    static void exit(ThreadState state) {
        state.inside = false;
    }
}
