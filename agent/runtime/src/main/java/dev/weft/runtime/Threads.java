package dev.weft.runtime;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Every thread weft has seen: its number (vector-clock index), its name for reports, and the
 * clocks that link threads — a started thread begins with its parent's clock, a joined thread's
 * final clock flows into the joiner. Threads are held weakly; start and join are rare enough for
 * one lock.
 */
final class Threads {
    private static final Map<Thread, VectorClock> INHERITED = new WeakHashMap<Thread, VectorClock>();
    /** Each numbered thread's clock (the clock, unlike the state, does not refer back to the thread). */
    private static final Map<Thread, VectorClock> CLOCKS = new WeakHashMap<Thread, VectorClock>();
    private static String[] names = new String[64];
    private static int count;
    /** Numbers, names and clocks are kept only for race detection: without it, nothing grows per thread. */
    private static boolean numbered;

    private Threads() {
    }

    /** Keeps numbers, names and clocks from now on; called once, when race detection is turned on. */
    static synchronized void number() {
        numbered = true;
    }

    /** Creates the state of the current thread, starting from its parent's clock if it has one. */
    static synchronized ThreadState register(Thread thread) {
        if (!numbered) {
            return new ThreadState(thread, 0, null);
        }
        int tid = count++;
        if (tid == names.length) {
            names = java.util.Arrays.copyOf(names, tid * 2);
        }
        names[tid] = thread.getName();
        ThreadState state = new ThreadState(thread, tid, INHERITED.remove(thread));
        CLOCKS.put(thread, state.clock);
        return state;
    }

    /** {@code parent} is starting {@code child}: everything the parent did so far happens before the child. */
    static void starting(ThreadState parent, Thread child) {
        synchronized (Threads.class) {
            INHERITED.put(child, parent.clock.copy());
        }
        parent.tick();
    }

    /** {@code joiner} saw {@code ended} terminate (join returned, isAlive was false). */
    static void ended(ThreadState joiner, Thread ended) {
        VectorClock clock;
        synchronized (Threads.class) {
            clock = CLOCKS.get(ended);
        }
        if (clock != null && clock != joiner.clock) {
            joiner.clock.join(clock);
        }
    }

    static synchronized String name(int tid) {
        return tid >= 0 && tid < count ? names[tid] : "?";
    }
}
