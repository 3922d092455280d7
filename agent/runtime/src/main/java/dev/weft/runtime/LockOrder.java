package dev.weft.runtime;

import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Collects the edges of the lock-order graph: "lock B was taken while lock A was held", once per
 * pair of lock instances, so that the CLI can find cycles (potential deadlocks) even in runs that
 * did not hang.
 *
 * <p>The common case, a thread taking the same nested pair again and again, is answered by the
 * thread's own last pair without hashing anything. A new pair is checked against a global set of
 * identity-hash pairs; before it is reported, the outer locks are confirmed to be still held (a
 * {@code synchronized} method left by an exception pops no hook), so an edge is never invented.
 * After {@value #MAX_EDGES} distinct pairs weft stops collecting new ones.
 */
final class LockOrder {
    static final int MAX_EDGES = 100_000;
    /** Pairs seen; a plain set: the JDK's concurrent collections are modelled synchronizers. */
    private static final java.util.HashSet<Long> SEEN = new java.util.HashSet<Long>();

    private LockOrder() {
    }

    /** The current thread, holding what {@code state} says, has just taken {@code inner} at {@code site}. */
    static void taken(ThreadState state, Object inner, int site, Sink sink) {
        if (state.held == 0 || sink == null) {
            return;
        }
        Object outer = state.locks[state.held - 1];
        if (outer == state.lastOuter && inner == state.lastInner) {
            return;
        }
        state.lastOuter = outer;
        state.lastInner = inner;
        if (state.indexOf(inner) >= 0) {
            return; // re-entry cannot block
        }
        int innerId = System.identityHashCode(inner);
        for (int i = state.held - 1; i >= 0; i--) {
            Object held = state.locks[i];
            long pair = ((long) System.identityHashCode(held) << 32) | (innerId & 0xffffffffL);
            boolean known;
            synchronized (SEEN) {
                known = SEEN.contains(pair) || SEEN.size() >= MAX_EDGES;
            }
            if (known) {
                continue;
            }
            if (!stillHeld(held, state.sites[i])) {
                state.removeAt(i);
                continue;
            }
            boolean added;
            synchronized (SEEN) {
                added = SEEN.add(pair);
            }
            if (added) {
                report(sink, held, state.sites[i], inner, site, heldIds(state));
            }
        }
    }

    private static void report(Sink sink, Object outer, int outerSite, Object inner, int innerSite, String heldIds) {
        ThreadState guard = ReentryGuard.enter();
        if (guard == null) {
            return;
        }
        try {
            sink.lockOrder(outer, LockSites.get(outerSite), inner, LockSites.get(innerSite), heldIds);
        } finally {
            ReentryGuard.exit(guard);
        }
    }

    private static boolean stillHeld(Object lock, int site) {
        if (LockSites.get(site).isMonitor()) {
            return Thread.holdsLock(lock);
        }
        if (lock instanceof ReentrantLock) {
            return ((ReentrantLock) lock).isHeldByCurrentThread();
        }
        if (lock instanceof ReentrantReadWriteLock.WriteLock) {
            return ((ReentrantReadWriteLock.WriteLock) lock).isHeldByCurrentThread();
        }
        return true; // read locks and stamped locks have no per-thread owner to ask
    }

    private static String heldIds(ThreadState state) {
        StringBuilder ids = new StringBuilder();
        for (int i = 0; i < state.held; i++) {
            if (i > 0) {
                ids.append(',');
            }
            ids.append(System.identityHashCode(state.locks[i]));
        }
        return ids.toString();
    }
}
