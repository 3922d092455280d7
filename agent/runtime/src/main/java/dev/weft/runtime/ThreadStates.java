package dev.weft.runtime;

/**
 * Finds the current thread's {@link ThreadState} in a couple of nanoseconds.
 *
 * <p>A {@code ThreadLocal} lookup on every acquisition would dominate the hooks' cost, so states
 * sit in a table indexed by thread id; a slot is trusted only if it names the current thread, and
 * otherwise the thread-local (the source of truth) refills it. Two live threads whose ids share a
 * slot just take turns through the slow path. The table keeps at most {@value #SLOTS} ended
 * threads' states reachable until their slot is reused.
 */
final class ThreadStates {
    private static final int SLOTS = 4096;
    private static final ThreadState[] TABLE = new ThreadState[SLOTS];
    private static final ThreadLocal<ThreadState> STATES = new ThreadLocal<ThreadState>() {
        @Override
        protected ThreadState initialValue() {
            return Threads.register(Thread.currentThread());
        }
    };

    private ThreadStates() {
    }

    static ThreadState current() {
        Thread thread = Thread.currentThread();
        int slot = (int) thread.getId() & (SLOTS - 1);
        ThreadState state = TABLE[slot];
        if (state != null && state.thread == thread) {
            return state;
        }
        state = STATES.get();
        TABLE[slot] = state;
        return state;
    }
}
