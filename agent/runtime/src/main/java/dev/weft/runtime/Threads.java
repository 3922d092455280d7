package dev.weft.runtime;

import java.util.Map;
import java.util.WeakHashMap;

/**
 * Every thread weft has seen: its number (vector-clock index), its name for reports, and the
 * clocks that link threads — a started thread begins with its parent's clock, a joined thread's
 * final clock flows into the joiner. Start and join are rare enough for one lock.
 *
 * <p>Numbers are reused. Vector clocks have one entry per number, so a service that runs each
 * task on a new thread (a virtual thread per task) would otherwise make every join and copy cost
 * as many steps as threads it ever started. A starting thread takes over the number of an ended
 * thread whose every recorded access it already knows of — its parent joined that thread, or
 * took what it published after its last access (a future's result, a queue element) — and
 * continues that number's time. Then an access of the ended thread that looks ordered before a
 * later access, through the newcomer's times, really is: the newcomer started after it. A
 * thread racing with one that ended keeps its own number. Reports name the thread of an access
 * by number and time (the number's last two owners are remembered).
 */
final class Threads {
    /** How many numbers a registering thread looks at for one it can take over. */
    private static final int PROBES = 4;
    private static final Map<Thread, VectorClock> INHERITED = new WeakHashMap<Thread, VectorClock>();
    /** Each numbered thread's clock (the clock, unlike the state, does not refer back to the thread). */
    private static final Map<Thread, VectorClock> CLOCKS = new WeakHashMap<Thread, VectorClock>();
    private static Owner[] owners = new Owner[64];
    private static int count;
    private static int seen;
    private static int probe;
    /** Numbers, names and clocks are kept only for race detection: without it, nothing grows per thread. */
    private static boolean numbered;

    private Threads() {
    }

    /** The thread that holds a number now, from which time on, and the one that held it before. */
    private static final class Owner {
        final ThreadState state;
        final String name;
        final int since;
        final String previousName;
        final int previousSince;

        Owner(ThreadState state, Owner previous) {
            this.state = state;
            this.name = state.thread.getName();
            this.since = state.clock.get(state.tid);
            this.previousName = previous == null ? null : previous.name;
            this.previousSince = previous == null ? 0 : previous.since;
        }

        /**
         * Whether a thread starting with clock {@code inherited} may take over this number: the
         * owner has ended (which orders its last steps before this check) and {@code inherited}
         * covers the last step in which it recorded an access.
         */
        boolean canBeTakenOverWith(VectorClock inherited) {
            // its state, not isAlive(): that is modelled, and finding a thread ended there would order it
            if (inherited == null || state.thread.getState() != Thread.State.TERMINATED) {
                return false;
            }
            int now = state.clock.get(state.tid);
            int lastAccess = state.accessedThisStep ? now : now - 1;
            return inherited.get(state.tid) >= lastAccess;
        }
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
        seen++;
        VectorClock inherited = INHERITED.remove(thread);
        int tid = numberToTakeOver(inherited);
        Owner previous = tid >= 0 ? owners[tid] : null;
        if (tid < 0) {
            tid = count++;
            if (tid == owners.length) {
                owners = java.util.Arrays.copyOf(owners, tid * 2);
            }
        }
        // a fresh clock, allocated by the registering thread itself: the inherited copy was
        // allocated by the parent, and threads started in a row had their clocks side by side in
        // its memory, sharing cache lines that each of them writes at every release
        VectorClock clock = new VectorClock();
        if (inherited != null) {
            clock.copyFrom(inherited);
        }
        if (previous != null) {
            clock.set(tid, Math.max(clock.get(tid), previous.state.clock.get(tid)) + 1);
        }
        ThreadState state = new ThreadState(thread, tid, clock);
        owners[tid] = new Owner(state, previous);
        CLOCKS.put(thread, state.clock);
        return state;
    }

    /** A number among the next few in turn that a thread starting with {@code inherited} may take over, or -1. */
    private static int numberToTakeOver(VectorClock inherited) {
        for (int i = 0; inherited != null && i < PROBES && count > 0; i++) {
            probe = (probe + 1) % count;
            if (owners[probe] != null && owners[probe].canBeTakenOverWith(inherited)) {
                return probe;
            }
        }
        return -1;
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

    static synchronized int seen() {
        return seen;
    }

    static synchronized int numbers() {
        return count;
    }

    /** The name of the thread that held number {@code tid} at {@code time}. */
    static synchronized String name(int tid, int time) {
        Owner owner = tid >= 0 && tid < count ? owners[tid] : null;
        if (owner == null) {
            return "?";
        }
        if (time >= owner.since) {
            return owner.name;
        }
        return owner.previousName != null && time >= owner.previousSince ? owner.previousName : "an ended thread";
    }
}
