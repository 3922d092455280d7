package dev.weft.runtime;

import dev.weft.cli.testing.WeftTestEvents;
import dev.weft.schema.WeftEvents;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * A stand-in for the agent's lock hooks, for tests: scenario code calls {@link #entered} right
 * after it takes a lock and {@link #exited} before it lets go, where the agent's rewritten bytecode
 * calls its hooks, and this class commits weft's {@code LockOrder} events as the agent does: once
 * per pair of lock instances, from every lock held to the one just taken.
 *
 * <p>It lives in weft's runtime package (in the test tree only) so that, like the agent's hooks,
 * its frames in an event's stack are weft's own and the CLI skips them: the stacks the CLI sees
 * are then the same as in a real recording.
 */
public final class TestLockHooks {
    private static final Set<String> SEEN_PAIRS = ConcurrentHashMap.newKeySet();
    private static final ThreadLocal<List<Held>> HELD = ThreadLocal.withInitial(ArrayList::new);

    private TestLockHooks() {
    }

    /** The current thread has just taken {@code lock} (a monitor) at the line that called this. */
    public static void entered(Object lock) {
        StackWalker.StackFrame site = StackWalker.getInstance()
                .walk(frames -> frames.filter(frame -> !frame.getClassName().equals(TestLockHooks.class.getName()))
                        .findFirst().orElseThrow());
        List<Held> held = HELD.get();
        Held taken = new Held(lock, site);
        for (Held outer : held) {
            if (outer.lock != lock && SEEN_PAIRS.add(id(outer.lock) + ">" + id(lock))) {
                commitEdge(outer, taken, held);
            }
        }
        held.add(taken);
    }

    /** The current thread is about to let go of {@code lock}. */
    public static void exited(Object lock) {
        List<Held> held = HELD.get();
        for (int i = held.size() - 1; i >= 0; i--) {
            if (held.get(i).lock == lock) {
                held.remove(i);
                return;
            }
        }
    }

    private static void commitEdge(Held first, Held second, List<Held> held) {
        WeftTestEvents.LockOrder event = new WeftTestEvents.LockOrder();
        event.firstLockId = id(first.lock);
        event.firstLockClass = first.lock.getClass().getName();
        event.firstLockKind = WeftEvents.LockKinds.MONITOR;
        event.firstSiteClass = first.site.getClassName();
        event.firstSiteMethod = first.site.getMethodName();
        event.firstSiteLine = first.site.getLineNumber();
        event.secondLockId = id(second.lock);
        event.secondLockClass = second.lock.getClass().getName();
        event.secondLockKind = WeftEvents.LockKinds.MONITOR;
        event.secondSiteClass = second.site.getClassName();
        event.secondSiteMethod = second.site.getMethodName();
        event.secondSiteLine = second.site.getLineNumber();
        event.heldLockIds = held.stream().map(h -> String.valueOf(id(h.lock))).collect(Collectors.joining(","));
        event.commit();
    }

    private static long id(Object lock) {
        return System.identityHashCode(lock);
    }

    private record Held(Object lock, StackWalker.StackFrame site) {
    }
}
