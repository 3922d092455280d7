package dev.weft.runtime;

import dev.weft.cli.testing.WeftTestEvents;
import dev.weft.schema.WeftEvents.Accesses;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.WeakHashMap;

/**
 * A stand-in for the agent's race detector, for tests: scenario code calls {@link #read} or
 * {@link #write} where the agent's rewritten bytecode would check a field access, and this class
 * commits weft's {@code DataRace} events as the agent does, from the accessing thread, with the
 * accessing thread's stack and the site and thread of the earlier access.
 *
 * <p>It knows no happens-before at all: every access that conflicts with the last access of another
 * thread (one of them a write) is a race. Scenarios decide what races by the order in which their
 * threads take turns, and may declare everything so far ordered ({@link #orderEverything}).
 *
 * <p>As the agent does, it tells the locks the accessing thread holds (those it was told of, with
 * {@link #acquired} and {@link #released}), arms the site of a race's earlier access so that the
 * next access there commits an {@code AccessStack} event, and reports calls of synchronization weft
 * does not model ({@link #unmodelled}) once per site and thread. Like {@link TestLockHooks}, it
 * lives in weft's runtime package (in the test tree only) so that the CLI drops its frames as it
 * drops the agent's.
 */
public final class TestRaceHooks {
    private static final Map<Object, Map<String, FieldShadow>> SHADOWS = new WeakHashMap<>();
    private static final Map<Thread, List<HeldLock>> HELD = new WeakHashMap<>();
    private static final Set<String> ARMED = new HashSet<>();
    private static final Set<String> STACKS_TAKEN = new HashSet<>();
    private static final Set<String> UNMODELLED_SEEN = new HashSet<>();

    private TestRaceHooks() {
    }

    /** The current thread has taken {@code lock} at the calling line. */
    public static synchronized void acquired(Object lock) {
        HELD.computeIfAbsent(Thread.currentThread(), thread -> new ArrayList<>()).add(new HeldLock(lock, callerSite()));
    }

    /** The current thread has released {@code lock}. */
    public static synchronized void released(Object lock) {
        List<HeldLock> held = HELD.getOrDefault(Thread.currentThread(), List.of());
        for (int index = held.size() - 1; index >= 0; index--) {
            if (held.get(index).lock() == lock) {
                held.remove(index);
                return;
            }
        }
    }

    /** The current thread calls {@code primitive} (e.g. {@code VarHandle.releaseFence}) at the calling line. */
    public static synchronized void unmodelled(String primitive) {
        StackWalker.StackFrame site = callerSite();
        if (!UNMODELLED_SEEN.add(Thread.currentThread().getId() + " " + siteKey(site))) {
            return;
        }
        WeftTestEvents.UnmodelledSync event = new WeftTestEvents.UnmodelledSync();
        event.primitive = primitive;
        event.siteClass = site.getClassName();
        event.siteMethod = site.getMethodName();
        event.siteLine = site.getLineNumber();
        event.commit();
    }

    /** A new recording starts: as in a new run, no site is armed or has given its stack yet. */
    public static synchronized void newRun() {
        SHADOWS.clear();
        ARMED.clear();
        STACKS_TAKEN.clear();
        UNMODELLED_SEEN.clear();
    }

    /** Everything every thread did so far happens before what any thread does next: no race with it. */
    public static synchronized void orderEverything() {
        SHADOWS.clear();
    }

    /** The current thread reads {@code field} (as {@code pkg.Class.field}) of {@code owner} at the calling line. */
    public static void read(Object owner, String field) {
        access(owner, field, false);
    }

    /** The current thread writes {@code field} of {@code owner} at the calling line. */
    public static void write(Object owner, String field) {
        access(owner, field, true);
    }

    /**
     * The current thread calls {@code call} ({@code java.util.Map.put}) on {@code object}, an object
     * that is not thread-safe, named {@code name} in reports, at the calling line.
     */
    public static void call(Object object, String name, String call, boolean write) {
        access(object, name, write, call);
    }

    private static void access(Object owner, String field, boolean write) {
        access(owner, field, write, null);
    }

    private static synchronized void access(Object owner, String field, boolean write, String call) {
        Access now = new Access(Thread.currentThread().getName(), write, callerSite(), call);
        if (ARMED.remove(siteKey(now.site))) {
            commitStack(field, now);
        }
        FieldShadow shadow = SHADOWS.computeIfAbsent(owner, o -> new HashMap<>())
                .computeIfAbsent(field, f -> new FieldShadow());
        Access earlier = shadow.conflictingWith(now);
        if (earlier != null) {
            commit(field, now, earlier);
            if (STACKS_TAKEN.add(siteKey(earlier.site))) {
                ARMED.add(siteKey(earlier.site));
            }
        }
        shadow.record(now);
    }

    private static String siteKey(StackWalker.StackFrame site) {
        return site.getClassName() + "." + site.getMethodName() + ":" + site.getLineNumber();
    }

    /** The locks the current thread holds, as the agent tells them: {@code class@hex site}, one a line. */
    private static String heldLocks() {
        StringBuilder text = new StringBuilder();
        for (HeldLock held : HELD.getOrDefault(Thread.currentThread(), List.of())) {
            if (text.length() > 0) {
                text.append('\n');
            }
            text.append(held.lock().getClass().getName()).append('@')
                    .append(Integer.toHexString(System.identityHashCode(held.lock()))).append(' ')
                    .append(siteKey(held.site()));
        }
        return text.toString();
    }

    private static void commitStack(String field, Access now) {
        WeftTestEvents.AccessStack event = new WeftTestEvents.AccessStack();
        event.field = field;
        event.access = now.write ? Accesses.WRITE : Accesses.READ;
        event.siteClass = now.site.getClassName();
        event.siteMethod = now.site.getMethodName();
        event.siteLine = now.site.getLineNumber();
        event.heldLocks = heldLocks();
        event.commit();
    }

    private static StackWalker.StackFrame callerSite() {
        return StackWalker.getInstance()
                .walk(frames -> frames.filter(frame -> !frame.getClassName().equals(TestRaceHooks.class.getName()))
                        .findFirst().orElseThrow());
    }

    private static void commit(String field, Access now, Access earlier) {
        WeftTestEvents.DataRace event = new WeftTestEvents.DataRace();
        event.field = field;
        event.access = now.write ? Accesses.WRITE : Accesses.READ;
        event.siteClass = now.site.getClassName();
        event.siteMethod = now.site.getMethodName();
        event.siteLine = now.site.getLineNumber();
        event.otherThread = earlier.thread;
        event.otherAccess = earlier.write ? Accesses.WRITE : Accesses.READ;
        event.otherSiteClass = earlier.site.getClassName();
        event.otherSiteMethod = earlier.site.getMethodName();
        event.otherSiteLine = earlier.site.getLineNumber();
        event.heldLocks = heldLocks();
        event.call = now.call;
        event.otherCall = earlier.call;
        event.commit();
    }

    private record HeldLock(Object lock, StackWalker.StackFrame site) {
    }

    private record Access(String thread, boolean write, StackWalker.StackFrame site, String call) {
    }

    /** The last write and the last read of one field of one object. */
    private static final class FieldShadow {
        private Access lastWrite;
        private Access lastRead;

        /** The other thread's earlier access that {@code now} races with, or null. */
        Access conflictingWith(Access now) {
            if (byOtherThread(lastWrite, now)) {
                return lastWrite;
            }
            return now.write && byOtherThread(lastRead, now) ? lastRead : null;
        }

        void record(Access now) {
            if (now.write) {
                lastWrite = now;
            } else {
                lastRead = now;
            }
        }

        private static boolean byOtherThread(Access earlier, Access now) {
            return earlier != null && !earlier.thread.equals(now.thread);
        }
    }
}
