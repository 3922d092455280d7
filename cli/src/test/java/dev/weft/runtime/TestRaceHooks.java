package dev.weft.runtime;

import dev.weft.cli.testing.WeftTestEvents;
import dev.weft.schema.WeftEvents.Accesses;
import java.util.HashMap;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * A stand-in for the agent's race detector, for tests: scenario code calls {@link #read} or
 * {@link #write} where the agent's rewritten bytecode would check a field access, and this class
 * commits weft's {@code DataRace} events as the agent does, from the accessing thread, with the
 * accessing thread's stack and the site and thread of the earlier access.
 *
 * <p>It knows no happens-before at all: every access that conflicts with the last access of another
 * thread (one of them a write) is a race. Scenarios decide what races by the order in which their
 * threads take turns. Like {@link TestLockHooks}, it lives in weft's runtime package (in the test
 * tree only) so that the CLI drops its frames as it drops the agent's.
 */
public final class TestRaceHooks {
    private static final Map<Object, Map<String, FieldShadow>> SHADOWS = new WeakHashMap<>();

    private TestRaceHooks() {
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
        FieldShadow shadow = SHADOWS.computeIfAbsent(owner, o -> new HashMap<>())
                .computeIfAbsent(field, f -> new FieldShadow());
        Access earlier = shadow.conflictingWith(now);
        if (earlier != null) {
            commit(field, now, earlier);
        }
        shadow.record(now);
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
        event.call = now.call;
        event.otherCall = earlier.call;
        event.commit();
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
