package dev.weft.runtime;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Lock;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import jdk.internal.vm.annotation.DontInline;
import jdk.internal.vm.annotation.ForceInline;

/**
 * The static entry points that instrumented bytecode calls.
 *
 * <p>Two rules shape every method here. First, the application must behave exactly as without
 * weft: a hook that replaces a call ({@code lock.lock()} becomes {@code Hooks.lock(lock, site)})
 * performs that very call, lets the application's own exceptions through unchanged, and catches
 * everything of weft's own. Second, the common case must cost nanoseconds: an uncontended
 * acquisition only bumps a counter; clocks are read and events written only when a thread really
 * has to wait ("try first, time the wait"). For fair locks a {@code tryLock} would barge ahead of
 * queued threads, so those are acquired as the application asked, and timed only when they look
 * held.
 */
public final class Hooks {
    private static volatile Sink sink;
    /** The key of a thread's interrupt clock, with the thread ({@link SyncClocks#slotOfField}). */
    private static final int INTERRUPT_KEY = Fields.syncKeyOfInstanceField("weft$interrupt");
    /** Whether hooks keep each thread's held locks (for lock order and hold times); off = counting only. */
    private static boolean trackHeldLocks = true;

    private Hooks() {
    }

    /** Installs the sink that turns what hooks see into events. */
    public static void install(Sink newSink) {
        sink = newSink;
    }

    /** The installed sink, or null: read by slow paths only. */
    static Sink sink() {
        return sink;
    }

    /** Whether accesses are checked for races and synchronization updates clocks. */
    private static boolean races;

    /**
     * A thread has released 2^31 times: its logical clock cannot advance. Race detection stops
     * (reported as an internal error) rather than compare clocks that no longer order anything.
     */
    static void clockExhausted() {
        if (races) {
            races = false;
            InternalErrors.hookFailed(new IllegalStateException("a thread's logical clock overflowed: race detection stopped"));
        }
    }

    /** Turns held-lock tracking on or off; called once, before any instrumented code runs. */
    public static void trackHeldLocks(boolean track) {
        trackHeldLocks = track;
    }

    /**
     * Turns race detection on or off; called once, before any instrumented code runs. weft's own
     * state is initialized first: the JDK classes it models are used while it initializes (a
     * {@code ThreadLocal} draws its hash from an {@code AtomicInteger}), and their hooks must
     * find it ready.
     */
    public static void detectRaces(boolean detect) {
        if (detect) {
            Threads.number();
            ThreadStates.current();
            SyncClocks.slotOf(Hooks.class);
            Fields.size();
            AccessSites.size();
            ShadowMap.create().get(0);
            UnshadowedObjects.of(new Object());
            ArrayShadows.size();
            RaceDetector.class.getName();
            ObjectCalls.size();
            ObjectRaces.tracked();
            UnsafeTypes.kindOf(Object.class);
            Threads.name(0, 0);
        }
        races = detect;
    }

    /** Threads race detection has seen so far. */
    public static long threadsSeen() {
        return Threads.seen();
    }

    /** Thread numbers (vector-clock entries) handed out so far: fewer than threads seen when numbers were reused. */
    public static long threadNumbers() {
        return Threads.numbers();
    }

    // ---- field accesses (race detection) ----------------------------------------------------

    /** Before {@code obj.field} is read at {@code site}. */
    public static void getField(Object obj, int fieldId, int site) {
        if (!races) {
            return;
        }
        try {
            ShadowMap shadows = shadowsOf(obj);
            if (shadows != null) {
                RaceDetector.read(raceState(), shadows.get(fieldId), fieldId, site, sink);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** Before {@code obj.field} is written at {@code site}. */
    public static void putField(Object obj, int fieldId, int site) {
        if (!races) {
            return;
        }
        try {
            ShadowMap shadows = shadowsOf(obj);
            if (shadows != null) {
                RaceDetector.write(raceState(), shadows.get(fieldId), fieldId, site, sink);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** The shadows of an object whose field is checked: its own, or kept for it if its class has none. */
    private static ShadowMap shadowsOf(Object obj) {
        if (obj instanceof Shadowed) {
            return ((Shadowed) obj).weft$shadows();
        }
        return obj == null ? null : UnshadowedObjects.of(obj);
    }

    /** Before a static field is read at {@code site}. */
    public static void getStatic(int fieldId, int site) {
        if (!races) {
            return;
        }
        try {
            RaceDetector.read(raceState(), Fields.staticShadow(fieldId), fieldId, site, sink);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** Before a static field is written at {@code site}. */
    public static void putStatic(int fieldId, int site) {
        if (!races) {
            return;
        }
        try {
            RaceDetector.write(raceState(), Fields.staticShadow(fieldId), fieldId, site, sink);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * Before application code calls a method on {@code receiver} at call site {@code callId}
     * ({@link ObjectCalls}). Receivers of classes that are not on weft's list of JDK classes that
     * are not thread-safe cost one comparison with the site's last receiver class.
     */
    public static void objectCall(Object receiver, int callId) {
        if (!races || receiver == null) {
            return; // a null receiver: the call itself throws, as it would have
        }
        try {
            ObjectCalls.Call call = ObjectCalls.get(callId);
            ObjectCalls.Verdict verdict = call.verdict(receiver.getClass());
            if (verdict.kind != UnsafeTypes.UNCHECKED) {
                ObjectRaces.check(raceState(), receiver, call, verdict, sink);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * Before element {@code index} of {@code array} is read at {@code site}; {@code nameId} names
     * where the instrumented code loaded the array from ({@code com.acme.Foo.data[]}), or is -1.
     * The fast path: the site's cached shadow is this array's, and the thread read it in this epoch.
     */
    public static void arrayLoad(Object array, int index, int nameId, int site) {
        if (!races || array == null) {
            return; // a null array: the instruction throws, as it would have
        }
        try {
            ThreadState state = raceState();
            arrayShadow(state, array, nameId, site).read(state, index, site);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** Before element {@code index} of {@code array} is written at {@code site}; as {@link #arrayLoad}. */
    public static void arrayStore(Object array, int index, int nameId, int site) {
        if (!races || array == null) {
            return;
        }
        try {
            ThreadState state = raceState();
            arrayShadow(state, array, nameId, site).write(state, index, site);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /*
     * Memo hooks: the rewriting gives checks in loops a local, the memo, holding what the check
     * last found covered for the rest of the thread's epoch (an array read or written while its
     * shadow is coarse, a field of one object, a static field), and clears it after every
     * instruction that may synchronize (calls, monitors, volatile accesses, class initialization,
     * exception handlers). A check whose memo matches would have ended on FastTrack's same-epoch
     * path: it is skipped with one comparison, inlined into the loop. Otherwise the hook checks as
     * its plain twin does and returns the new memo: the array or object if the access is now
     * covered, else null. Skipping is exact but for one case: a second thread refining the array's
     * shadow meanwhile (threads touching different elements) — its element shadows then miss this
     * thread's skipped accesses, which can hide a race, never invent one.
     */

    /** {@link #arrayLoad} with the site's memo. */
    public static Object arrayLoad(Object array, int index, int nameId, int site, Object memo) {
        return array == memo ? memo : arrayMemo(array, index, nameId, site, false);
    }

    /** {@link #arrayStore} with the site's memo. */
    public static Object arrayStore(Object array, int index, int nameId, int site, Object memo) {
        return array == memo ? memo : arrayMemo(array, index, nameId, site, true);
    }

    /** Checks an element access as {@link #arrayLoad}/{@link #arrayStore} do; the array if the thread's next ones in this epoch are covered. */
    @DontInline // a slow path: the memo hooks stay small enough to inline into loops
    private static Object arrayMemo(Object array, int index, int nameId, int site, boolean write) {
        if (!races || array == null) {
            return null;
        }
        try {
            ThreadState state = raceState();
            ArrayShadow shadow = arrayShadow(state, array, nameId, site);
            if (write) {
                shadow.write(state, index, site);
                return shadow.coversWrites(state) ? array : null;
            }
            shadow.read(state, index, site);
            return shadow.coversReads(state) ? array : null;
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
            return null;
        }
    }

    /**
     * {@link #arrayLoad} with the site's memo, in a covered loop: {@code covered} is the loop's
     * flag, set when the loop's head found every array the loop reads and writes already covered
     * for the thread's epoch ({@link #arrayCovered}) and cleared by anything that may synchronize.
     * It does not change while the loop runs, so the JIT takes the test out of the loop.
     */
    public static Object arrayLoad(Object array, int index, int nameId, int site, Object memo, int covered) {
        return covered != 0 || array == memo ? memo : arrayMemo(array, index, nameId, site, false);
    }

    /** {@link #arrayStore} with the site's memo, in a covered loop (see {@link #arrayLoad(Object, int, int, int, Object, int)}). */
    public static Object arrayStore(Object array, int index, int nameId, int site, Object memo, int covered) {
        return covered != 0 || array == memo ? memo : arrayMemo(array, index, nameId, site, true);
    }

    /**
     * A covered loop's head: {@code covered} and whether the thread's reads ({@code kinds} bit 1)
     * and writes (bit 2) of any element of {@code array} in its current epoch are covered already —
     * its shadow is coarse and the thread read (wrote) it in this epoch. Records nothing. Only the
     * test of {@code covered} is inlined (a head that already failed asks nothing more); the query
     * is {@link #coveredNow}.
     */
    public static int arrayCovered(int covered, Object array, int kinds) {
        return covered == 0 ? 0 : coveredNow(array, kinds);
    }

    /**
     * The query of {@link #arrayCovered}, kept out of line: it runs once per array and loop entry,
     * not per element, so a call costs little, where its body inlined at each of a head's queries
     * (five for a stencil's row) made the compiled method about twice as big, and the kernel
     * measurably slower (ReadMostlyCompute, docs/BENCHMARKS.md).
     */
    @DontInline
    private static int coveredNow(Object array, int kinds) {
        if (!races || array == null) {
            return 0;
        }
        try {
            ThreadState state = raceState();
            ArrayShadow shadow = ArrayShadows.lookUp(state, array); // no site, no cache slot, no name: a query, not an access
            return ((kinds & 1) == 0 || shadow.coversReads(state)) && ((kinds & 2) == 0 || shadow.coversWrites(state))
                ? 1 : 0;
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
            return 0;
        }
    }

    /** {@link #getField} with the site's memo. */
    public static Object getField(Object obj, int fieldId, int site, Object memo) {
        return obj == memo ? memo : fieldMemo(obj, fieldId, site, false);
    }

    /** {@link #putField} with the site's memo. */
    public static Object putField(Object obj, int fieldId, int site, Object memo) {
        return obj == memo ? memo : fieldMemo(obj, fieldId, site, true);
    }

    @DontInline // a slow path: the memo hooks stay small enough to inline into loops
    private static Object fieldMemo(Object obj, int fieldId, int site, boolean write) {
        if (!races) {
            return null;
        }
        try {
            ShadowMap shadows = shadowsOf(obj);
            return shadows != null && checkCovers(shadows.get(fieldId), fieldId, site, write) ? obj : null;
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
            return null;
        }
    }

    /** {@link #getStatic} with the site's memo: any non-null memo says the field is covered. */
    public static Object getStatic(int fieldId, int site, Object memo) {
        return memo != null ? memo : staticMemo(fieldId, site, false);
    }

    /** {@link #putStatic} with the site's memo. */
    public static Object putStatic(int fieldId, int site, Object memo) {
        return memo != null ? memo : staticMemo(fieldId, site, true);
    }

    @DontInline // a slow path: the memo hooks stay small enough to inline into loops
    private static Object staticMemo(int fieldId, int site, boolean write) {
        if (!races) {
            return null;
        }
        try {
            return checkCovers(Fields.staticShadow(fieldId), fieldId, site, write) ? Boolean.TRUE : null;
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
            return null;
        }
    }

    /** Checks an access to {@code shadow}; whether the thread's next ones in this epoch are covered. */
    private static boolean checkCovers(Shadow shadow, int fieldId, int site, boolean write) {
        ThreadState state = raceState();
        if (write) {
            RaceDetector.write(state, shadow, fieldId, site, sink);
        } else {
            RaceDetector.read(state, shadow, fieldId, site, sink);
        }
        return RaceDetector.covers(state, shadow, write);
    }

    /** The shadow of {@code array}: the one the site's cache slot holds for it, else the table's. */
    private static ArrayShadow arrayShadow(ThreadState state, Object array, int nameId, int site) {
        ArrayShadow[] cache = state.arrayCache;
        ArrayShadow shadow;
        if (cache == null || (shadow = cache[site & ArrayShadows.CACHE_MASK]) == null || !shadow.refersTo(array)) {
            shadow = ArrayShadows.find(state, array, nameId, site);
        }
        return shadow;
    }

    /**
     * A static initializer starts: until it ends, the thread's accesses are not recorded. Class
     * initialization orders them before any use of the class by another thread (the JVM's
     * initialization lock), including the objects the initializer builds and publishes in static
     * fields — an idiom weft would otherwise report.
     */
    public static void classInitStarted() {
        if (races) {
            ThreadStates.current().initializing++;
        }
    }

    /** The static initializer started by {@link #classInitStarted} returns. */
    public static void classInitEnded() {
        if (races) {
            ThreadState state = ThreadStates.current();
            if (state.initializing > 0) {
                state.initializing--;
            }
        }
    }

    /** After a volatile field of {@code obj} (null: a static one) was read: an acquire. */
    public static void volatileRead(Object obj, int fieldId) {
        try {
            SyncClocks.acquire(SyncClocks.slotOf(obj, fieldId), raceState());
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** Before a volatile field of {@code obj} (null: a static one) is written: a release. */
    public static void volatileWrite(Object obj, int fieldId) {
        try {
            ThreadState state = raceState();
            publish(state, SyncClocks.slotOf(obj, fieldId));
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * Before application code calls a synchronization primitive weft does not model, at
     * {@code site} ({@link UnmodelledSyncSites}). Reported once per site and thread; after that
     * the hook costs a look-up of the thread's state and a bit test.
     */
    public static void unmodelledSync(int site) {
        if (!races) {
            return;
        }
        try {
            ThreadState state = ThreadStates.current();
            if (state.inside || !state.firstAtUnmodelledSite(site)) {
                return;
            }
            Sink current = sink;
            ThreadState guard;
            if (current != null && (guard = ReentryGuard.enter()) != null) {
                try {
                    current.unmodelledSync(site);
                } finally {
                    ReentryGuard.exit(guard);
                }
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    // ---- synchronization objects of the JDK (called from advice inlined into JDK classes) ---

    /**
     * On entry to a method of a JDK synchronizer, queue, concurrent map, future or atomic:
     * everything the thread did so far is published on that object.
     */
    public static void syncEnter(Object object) {
        objectSync(object, RELEASE);
    }

    /**
     * On entry to a read-modify-write or unclassified method of such an object (an atomic's
     * {@code incrementAndGet}, a map's {@code computeIfAbsent}, a synchronized collection's
     * method): as {@link #syncEnter}, and what others published on the object so far is taken in
     * at once, in the same step ({@link SyncClocks#exchange}). The exit's {@link #syncExit} still
     * takes in what others published meanwhile, and usually finds nothing new.
     */
    public static void syncExchange(Object object) {
        objectSync(object, EXCHANGE);
    }

    /** On exit from such a method: what others published on the object happens before what follows. */
    public static void syncExit(Object object) {
        objectSync(object, ACQUIRE);
    }

    /** {@link #RELEASE}, {@link #EXCHANGE} or {@link #ACQUIRE} on the clock of a modelled object. */
    private static void objectSync(Object object, int how) {
        if (!races || object == null) {
            return;
        }
        try {
            ThreadState state = applicationSyncState();
            if (state != null) {
                syncOn(state, SyncClocks.slotOf(object), how);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * A method of a view of the {@code ConcurrentHashMap} {@code map} (its keys, values or
     * entries) runs: the traversals the thread makes from now on are of that map's elements.
     */
    public static void traversing(Object map) {
        if (!races || map == null) {
            return;
        }
        try {
            raceState().traversedSlot = SyncClocks.slotOf(map);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * A {@code ConcurrentHashMap}, {@code map}, made {@code table}: its first, a pre-sized or a
     * resized table, or one read back from a stream. Traversals of the table, on any thread, are
     * traversals of that map ({@link MapTables}). Also a {@code ConcurrentSkipListMap} that made a
     * spliterator or a sub-map, which do not name it.
     */
    public static void mapTableMade(Object map, Object table) {
        if (!races || map == null || table == null) {
            return;
        }
        try {
            MapTables.made(map, table);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * A {@code ConcurrentHashMap}, {@code map}, begins moving its elements to a larger table (a
     * resize or a thread helping with one; null: it is done). The table is made inside, and the
     * forwarding nodes that lead traversals to it name it ({@link #forwardingMade}).
     */
    public static void mapResizing(Object map) {
        if (!races) {
            return;
        }
        try {
            ThreadStates.current().resizingMap = map;
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * A resize made its forwarding node to {@code nextTable}, before it moves any bin: the next
     * table is noted with the map, so that a traversal led to it knows the map.
     */
    public static void forwardingMade(Object nextTable) {
        if (!races) {
            return;
        }
        try {
            Object map = ThreadStates.current().resizingMap;
            if (map != null && nextTable != null) {
                MapTables.made(map, nextTable);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * {@code traversal}, a {@code ConcurrentSkipListMap}'s spliterator, split off {@code split}
     * (null: nothing), which may run on another thread: it traverses the same map ({@link MapTables}).
     */
    public static void traversalSplit(Object traversal, Object split) {
        if (!races || traversal == null || split == null) {
            return;
        }
        try {
            MapTables.split(ThreadStates.current(), traversal, split);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * A traversal of a {@code ConcurrentHashMap}'s {@code table} reached its next element, which
     * may have been put after the traversal began: what was published on the table's map happens
     * before what follows. Where the table's map is not known, the map the thread last used a
     * view of stands for it; a traversal split to a thread that used no view of it then takes in
     * nothing, and races on elements put meanwhile may be reported falsely.
     */
    public static void traversalAdvanced(Object table) {
        if (!races) {
            return;
        }
        try {
            ThreadState state = applicationSyncState();
            if (state == null) {
                return;
            }
            int slot = table != null ? MapTables.slotOf(state, table) : -1;
            if (slot < 0) {
                slot = state.traversedSlot;
            }
            if (slot >= 0) {
                SyncClocks.acquire(slot, state);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * Before {@code synchronizer}, an {@code AbstractQueuedSynchronizer}, sets its state: for the
     * application's own synchronizers (the JDK's are modelled by their methods), a release.
     */
    public static void applicationSynchronizerReleased(Object synchronizer) {
        if (races && synchronizer != null && synchronizer.getClass().getClassLoader() != null) {
            syncEnter(synchronizer);
        }
    }

    /** After such a synchronizer read its state: an acquire. */
    public static void applicationSynchronizerAcquired(Object synchronizer) {
        if (races && synchronizer != null && synchronizer.getClass().getClassLoader() != null) {
            syncExit(synchronizer);
        }
    }

    /** On exit from {@code Condition.await*}: the lock of {@code synchronizer} is held again. */
    public static void conditionAwaited(Object synchronizer) {
        if (!races || synchronizer == null) {
            return;
        }
        try {
            ThreadState state = applicationSyncState();
            if (state != null) {
                LockClocks.reacquired(state, synchronizer);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * Entering JDK machinery — class loading — that uses concurrent maps and atomics of its own:
     * its synchronization orders nothing the application did, so the models ignore it until
     * {@link #leaveMachinery}. Without this, two threads loading classes through one class loader
     * would look ordered, and their races would hide.
     */
    public static void enterMachinery() {
        if (races) {
            ThreadStates.current().machinery++;
        }
    }

    public static void leaveMachinery() {
        if (races) {
            ThreadState state = ThreadStates.current();
            if (state.machinery > 0) {
                state.machinery--;
            }
        }
    }

    /** {@code Object.wait}: the monitor is released while waiting and taken again after. */
    public static void wait(Object monitor) throws InterruptedException {
        releasedForWait(monitor);
        try {
            monitor.wait();
        } finally {
            acquiredAgain(monitor);
        }
    }

    /** {@code Object.wait(timeout)}. */
    public static void wait(Object monitor, long timeout) throws InterruptedException {
        releasedForWait(monitor);
        try {
            monitor.wait(timeout);
        } finally {
            acquiredAgain(monitor);
        }
    }

    /** {@code Object.wait(timeout, nanos)}. */
    public static void wait(Object monitor, long timeout, int nanos) throws InterruptedException {
        releasedForWait(monitor);
        try {
            monitor.wait(timeout, nanos);
        } finally {
            acquiredAgain(monitor);
        }
    }

    private static void releasedForWait(Object monitor) {
        try {
            released(monitor, true, true);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    private static void acquiredAgain(Object monitor) {
        if (races && monitor != null) {
            try {
                MonitorClocks.acquire(raceState(), monitor);
            } catch (Throwable t) {
                InternalErrors.hookFailed(t);
            }
        }
    }

    /** After {@code thread.join(...)} returned or {@code isAlive()} said false. */
    public static void joined(Thread thread) {
        // not isAlive(), which is modelled and calls this hook: a thread found not alive has this state
        if (!races || thread == null || thread.getState() != Thread.State.TERMINATED) {
            return;
        }
        try {
            Threads.ended(raceState(), thread);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    // ---- monitors -------------------------------------------------------------------------

    /**
     * The current thread has just entered the monitor of {@code lock} at {@code site} (a
     * {@code synchronized} method): as {@link #acquired}, with the site known to be a monitor's.
     */
    public static void monitorEntered(Object lock, int site) {
        holding(lock, site, true);
    }

    /**
     * The current thread is about to enter the monitor of {@code lock} at {@code site} (a
     * {@code synchronized} block). Counted and pushed now; the clock acquire, which needs the
     * monitor held, is left for the thread's next hook ({@link #raceState}).
     */
    public static void monitorEntering(Object lock, int site) {
        if (lock == null) {
            return; // monitorenter throws, as it would have
        }
        try {
            LockSites.get(site).acquired(lock);
            taken(lock, site, 0L, true, false);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** The current thread is about to leave the monitor of {@code lock} (block end or method return). */
    public static void monitorExiting(Object lock) {
        try {
            released(lock, true, false);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    // ---- java.util.concurrent.locks -------------------------------------------------------

    /** Replaces {@code lock.lock()}. */
    public static void lock(Lock lock, int site) {
        lockJuc(lock, site);
    }

    /*
     * The JDK's own lock types get hooks of their own (the call site names the type): each is
     * compiled once, for its one type, as a unit of its own (not inlined into the application's
     * methods): the JIT folds the type tests of the shared body and inlines the lock's own code
     * there, once. One hook for every lock site mixed three types in one profile and was
     * recompiled as each showed up; inlined into each caller, the lock's code and the hook's were
     * compiled again with every method that takes a lock (more compile time, and a larger peak of
     * the compiler's memory).
     */

    /** Replaces {@code reentrantLock.lock()}. */
    @DontInline
    public static void lock(ReentrantLock lock, int site) {
        lockJuc(lock, site);
    }

    /** Replaces {@code readWriteLock.readLock().lock()}. */
    @DontInline
    public static void lock(ReentrantReadWriteLock.ReadLock lock, int site) {
        lockJuc(lock, site);
    }

    /** Replaces {@code readWriteLock.writeLock().lock()}. */
    @DontInline
    public static void lock(ReentrantReadWriteLock.WriteLock lock, int site) {
        lockJuc(lock, site);
    }

    /** {@code lock.lock()}, counted, with its clock acquired; a wait is timed out of line. */
    @ForceInline
    private static void lockJuc(Lock lock, int site) {
        int attempt = firstAttempt(lock);
        if (attempt == HELD) {
            lockWaiting(lock, site);
            return;
        }
        if (attempt == LOOKS_FREE) {
            lock.lock();
        }
        holding(lock, site, false);
    }

    /** {@code lock.lock()} on a lock that looks held: the wait is timed and reported. */
    @DontInline
    private static void lockWaiting(Lock lock, int site) {
        Object token = beginWait(lock);
        long start = System.nanoTime();
        boolean done = false;
        try {
            lock.lock();
            done = true;
        } finally {
            endWait(token, lock, "lock", site, start, done);
        }
    }

    /** Replaces {@code lock.lockInterruptibly()}. */
    public static void lockInterruptibly(Lock lock, int site) throws InterruptedException {
        int attempt = Thread.currentThread().isInterrupted() ? LOOKS_FREE : firstAttempt(lock);
        if (attempt == ACQUIRED) {
            acquired(lock, site);
            return;
        }
        if (attempt == LOOKS_FREE) {
            lock.lockInterruptibly(); // an interrupted thread gets its exception from the lock itself
            acquired(lock, site);
            return;
        }
        Object token = beginWait(lock);
        long start = System.nanoTime();
        boolean done = false;
        try {
            lock.lockInterruptibly();
            done = true;
        } finally {
            endWait(token, lock, "lockInterruptibly", site, start, done);
        }
    }

    /** Replaces {@code lock.tryLock(time, unit)}. */
    public static boolean tryLock(Lock lock, long time, TimeUnit unit, int site) throws InterruptedException {
        int attempt = Thread.currentThread().isInterrupted() ? LOOKS_FREE : firstAttempt(lock);
        if (attempt == ACQUIRED) {
            acquired(lock, site);
            return true;
        }
        if (attempt == LOOKS_FREE) {
            boolean got = lock.tryLock(time, unit);
            if (got) {
                acquired(lock, site);
            }
            return got;
        }
        Object token = beginWait(lock);
        long start = System.nanoTime();
        boolean done = false;
        try {
            done = lock.tryLock(time, unit);
            return done;
        } finally {
            endWait(token, lock, "tryLock", site, start, done);
        }
    }

    /** Replaces {@code lock.tryLock()}: never waits, so it counts and is held, but orders nothing. */
    public static boolean tryLock(Lock lock, int site) {
        boolean got = lock.tryLock();
        if (got) {
            try {
                LockSites.get(site).acquired(lock);
                taken(lock, site, 0L, false, true);
            } catch (Throwable t) {
                InternalErrors.hookFailed(t);
            }
        }
        return got;
    }

    /** Replaces {@code lock.unlock()}. */
    public static void unlock(Lock lock) {
        unlockJuc(lock);
    }

    /** Replaces {@code reentrantLock.unlock()} (see {@link #lock(ReentrantLock, int)}). */
    @DontInline
    public static void unlock(ReentrantLock lock) {
        unlockJuc(lock);
    }

    /** Replaces {@code readWriteLock.readLock().unlock()}. */
    @DontInline
    public static void unlock(ReentrantReadWriteLock.ReadLock lock) {
        unlockJuc(lock);
    }

    /** Replaces {@code readWriteLock.writeLock().unlock()}. */
    @DontInline
    public static void unlock(ReentrantReadWriteLock.WriteLock lock) {
        unlockJuc(lock);
    }

    @ForceInline
    private static void unlockJuc(Lock lock) {
        try {
            releasedJuc(lock);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
        lock.unlock();
    }

    /** Replaces {@code stampedLock.unlockWrite(stamp)}. */
    public static void unlockWrite(StampedLock lock, long stamp) {
        stampReleased(lock);
        lock.unlockWrite(stamp);
    }

    /** Replaces {@code stampedLock.unlockRead(stamp)}. */
    public static void unlockRead(StampedLock lock, long stamp) {
        stampReleased(lock);
        lock.unlockRead(stamp);
    }

    /** Replaces {@code stampedLock.unlock(stamp)}. */
    public static void unlock(StampedLock lock, long stamp) {
        stampReleased(lock);
        lock.unlock(stamp);
    }

    private static void stampReleased(StampedLock lock) {
        try {
            released(lock, false, false);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * After {@code stampedLock.tryOptimisticRead()} returned {@code stamp}: reads are speculative
     * until validated (a zero stamp, returned while a writer holds the lock, never validates).
     */
    public static void optimisticRead(long stamp) {
        if (!races) {
            return;
        }
        try {
            OptimisticReads.started(raceState());
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** After {@code stampedLock.validate(stamp)} returned {@code valid}. */
    public static void optimisticReadValidated(boolean valid) {
        if (!races) {
            return;
        }
        try {
            OptimisticReads.validated(raceState(), valid, sink);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** Replaces {@code stampedLock.writeLock()}. */
    public static long writeLock(StampedLock lock, int site) {
        long stamp = tryWrite(lock);
        if (stamp != 0L) {
            acquired(lock, site);
            return stamp;
        }
        Object token = beginWait(lock);
        long start = System.nanoTime();
        try {
            stamp = lock.writeLock();
            return stamp;
        } finally {
            endWait(token, lock, "writeLock", site, start, stamp != 0L);
        }
    }

    /** Replaces {@code stampedLock.readLock()}. */
    public static long readLock(StampedLock lock, int site) {
        long stamp = tryRead(lock);
        if (stamp != 0L) {
            acquired(lock, site);
            return stamp;
        }
        Object token = beginWait(lock);
        long start = System.nanoTime();
        try {
            stamp = lock.readLock();
            return stamp;
        } finally {
            endWait(token, lock, "readLock", site, start, stamp != 0L);
        }
    }

    private static final int ACQUIRED = 0;
    private static final int LOOKS_FREE = 1;
    private static final int HELD = 2;

    /**
     * Takes {@code lock} at once where a {@code tryLock()} is exactly the lock's own first attempt
     * (non-fair JDK locks); otherwise only looks whether it is held, without touching it.
     */
    @ForceInline
    private static int firstAttempt(Lock lock) {
        boolean mayTry;
        try {
            mayTry = LockIntrospection.mayTryFirst(lock);
        } catch (Throwable t) {
            return LOOKS_FREE; // e.g. a null lock: the application's own call throws as it should
        }
        if (mayTry) {
            return lock.tryLock() ? ACQUIRED : HELD;
        }
        return looksHeld(lock) ? HELD : LOOKS_FREE;
    }

    @ForceInline
    private static boolean looksHeld(Lock lock) {
        try {
            if (lock instanceof ReentrantLock) {
                ReentrantLock reentrant = (ReentrantLock) lock;
                return (reentrant.isLocked() && !reentrant.isHeldByCurrentThread()) || reentrant.hasQueuedThreads();
            }
            if (lock instanceof java.util.concurrent.locks.ReentrantReadWriteLock.ReadLock) {
                // a reader waits while another thread writes, or behind queued threads (a writer)
                Thread writer = LockIntrospection.owner(lock);
                return (writer != null && writer != Thread.currentThread()) || LockIntrospection.hasQueuedThreads(lock);
            }
            return false;
        } catch (Throwable t) {
            return false;
        }
    }

    private static long tryWrite(StampedLock lock) {
        return lock == null ? 0L : lock.tryWriteLock();
    }

    private static long tryRead(StampedLock lock) {
        return lock == null ? 0L : lock.tryReadLock();
    }

    private static void acquired(Object lock, int site) {
        try {
            LockSites.get(site).acquired(lock);
            taken(lock, site, 0L, true, true);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * Pushes a held lock, after reporting the lock-order edges it makes when {@code orders}.
     * With race detection the lock's clock is acquired now if {@code held}, or at the thread's
     * next hook if the lock is about to be taken.
     */
    private static void taken(Object lock, int site, long acquiredAt, boolean orders, boolean held) {
        if (!trackHeldLocks) {
            return;
        }
        ThreadState state = raceState();
        int slot = -1;
        if (races) {
            if (LockSites.get(site).isMonitor()) {
                // a monitor's clock is the object's (even a ReentrantLock used with synchronized)
                slot = held ? MonitorClocks.acquire(state, lock) : MonitorClocks.entering(state, lock);
            } else {
                LockClocks.acquired(state, lock);
            }
        }
        pushTaken(state, lock, site, acquiredAt, orders, slot);
    }

    /**
     * The current thread holds {@code lock}, taken at {@code site}: counted, its clock acquired (a
     * monitor's, or a j.u.c. lock's), pushed. One body for {@link #monitorEntered} and the j.u.c.
     * lock hooks, inlined into each with {@code monitor} a constant.
     */
    @ForceInline
    private static void holding(Object lock, int site, boolean monitor) {
        try {
            LockSites.get(site).acquired(lock);
            if (!trackHeldLocks) {
                return;
            }
            ThreadState state = raceState();
            int slot = -1;
            if (races) {
                if (monitor) {
                    slot = MonitorClocks.acquire(state, lock);
                } else {
                    LockClocks.acquired(state, lock);
                }
            }
            pushTaken(state, lock, site, 0L, true, slot);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** Pushes a held lock, after reporting the lock-order edges it makes when {@code orders}. */
    private static void pushTaken(ThreadState state, Object lock, int site, long acquiredAt, boolean orders, int slot) {
        if (orders && state.held > 0) {
            LockOrder.taken(state, lock, site, sink);
        }
        state.push(lock, site, acquiredAt, slot);
    }

    /** Publishes the thread's clock on a synchronization slot; later accesses start a new step. */
    static void publish(ThreadState state, int slot) {
        SyncClocks.publish(slot, state);
    }

    /**
     * The current thread's state, once it has acquired the clock of a monitor it was about to
     * enter at its previous hook (it holds that monitor by now).
     */
    private static ThreadState raceState() {
        ThreadState state = ThreadStates.current();
        MonitorClocks.acquirePending(state);
        return state;
    }

    /**
     * Publishes the thread's clock on {@code lock}, a monitor or a StampedLock; pops it from the
     * held locks unless it stays held (wait).
     */
    private static void released(Object lock, boolean monitor, boolean staysHeld) {
        if (!trackHeldLocks || lock == null) {
            return;
        }
        ThreadState state = raceState();
        int index = state.indexOf(lock);
        if (races) {
            if (monitor) {
                MonitorClocks.release(state, lock, index >= 0 ? state.slots[index] : -1);
            } else {
                publish(state, SyncClocks.slotOf(lock));
            }
        }
        if (index >= 0 && !staysHeld) {
            state.removeAt(index);
        }
    }

    /**
     * Pops a j.u.c. lock about to be unlocked. A hold that began with a wait (its start time is
     * known without an extra clock read) and ends with threads queued is a blocking hold: the
     * convoy that contention builds. Uncontended holds are never timed.
     */
    @ForceInline
    private static void releasedJuc(Lock lock) {
        if (!trackHeldLocks) {
            return;
        }
        ThreadState state = raceState();
        if (races) {
            LockClocks.releasing(state, lock);
        }
        int index = state.indexOf(lock);
        if (index < 0) {
            return;
        }
        long since = state.since[index];
        if (since != 0L && LockIntrospection.hasQueuedThreads(lock)) {
            LockSites.get(state.sites[index]).blockingHold(System.nanoTime() - since);
        }
        state.removeAt(index);
    }

    private static Object beginWait(Object lock) {
        Sink current = sink;
        if (current == null || lock == null) {
            return null;
        }
        ThreadState guard = ReentryGuard.enter();
        if (guard == null) {
            return null;
        }
        try {
            return current.beginContended(lock, LockIntrospection.owner(lock));
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
            return null;
        } finally {
            ReentryGuard.exit(guard);
        }
    }

    private static void endWait(Object token, Object lock, String operation, int site, long start, boolean acquired) {
        ThreadState guard = null;
        try {
            long waited = System.nanoTime() - start;
            LockSite lockSite = LockSites.get(site);
            lockSite.waited(waited);
            if (acquired) {
                lockSite.acquired(lock);
                taken(lock, site, System.nanoTime(), true, true);
            }
            Sink current = sink;
            if (token != null && current != null && (guard = ReentryGuard.enter()) != null) {
                current.endContended(token, lock, operation, lockSite);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        } finally {
            if (guard != null) {
                ReentryGuard.exit(guard);
            }
        }
    }

    // ---- threads --------------------------------------------------------------------------

    /**
     * Called on entry to {@code Thread.start}. Returns a token for {@link #threadStarted}, or null
     * when this start is nested in another (e.g. {@code start()} calling {@code start(container)})
     * or happens inside weft.
     */
    public static Object threadStarting(Thread child) {
        ThreadState token = null;
        try {
            if (races) {
                raceState(); // a monitor entered just before the start is held: its clock goes to the child too
            }
            token = ReentryGuard.enter();
            if (token != null && races) {
                Threads.starting(token, child);
            }
            return token;
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
            if (token != null) {
                ReentryGuard.exit(token);
            }
            return null;
        }
    }

    /** Called when {@code Thread.start} returns or throws. */
    public static void threadStarted(Object startToken, Thread started, Throwable thrown) {
        if (!(startToken instanceof ThreadState)) {
            return;
        }
        ThreadState token = (ThreadState) startToken;
        try {
            Sink current = sink;
            if (thrown == null && current != null) {
                current.threadStarted(started);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        } finally {
            ReentryGuard.exit(token);
        }
    }

    // ---- VarHandles and machinery pauses (models of JDK idioms; advice inlined into JDK classes) ---

    /** A directed hook's way ({@link #objectSync}, {@link #varHandleSync} and kin): publishes what the thread did so far. */
    public static final int RELEASE = 0;
    /** Publishes and takes in at once (a read-modify-write's entry, {@link SyncClocks#publishExchange}). */
    public static final int EXCHANGE = 1;
    /** Takes in what others published (a read that acquires; a read-modify-write's exit). */
    public static final int ACQUIRE = 2;

    /**
     * Around a {@code VarHandle} access that orders ({@link #RELEASE} before a volatile or release
     * write, {@link #EXCHANGE} before a read-modify-write, {@link #ACQUIRE} after a volatile or
     * acquire read or a read-modify-write), on the field's clock. {@code holder} is the field's
     * object, or the array or buffer of an element; null for a static field.
     */
    public static void varHandleSync(Object handle, Object holder, int how) {
        if (!races || handle == null) {
            return;
        }
        try {
            ThreadState state = applicationSyncState();
            if (state != null) {
                syncOn(state, VarHandleKeys.slot(handle, holder, state), how);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** After an atomic field updater was made for the volatile field {@code field} of {@code owner}. */
    public static void fieldUpdaterMade(Object updater, Class<?> owner, String field) {
        if (!races) {
            return;
        }
        try {
            FieldUpdaterKeys.made(updater, owner, field);
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * Around an atomic field updater's operation on the field of {@code holder}, as
     * {@link #varHandleSync} around a {@code VarHandle}'s: on the field's clock, as its volatile
     * reads and writes.
     */
    public static void fieldUpdaterSync(Object updater, Object holder, int how) {
        if (!races || updater == null) {
            return;
        }
        try {
            ThreadState state = applicationSyncState();
            if (state != null) {
                syncOn(state, FieldUpdaterKeys.slot(updater, holder), how);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /**
     * A thread's interrupt ({@link #RELEASE}, before {@code thread.interrupt()}) and where it is
     * found ({@link #ACQUIRE}: {@code isInterrupted()} or {@code interrupted()} returned true, an
     * {@code InterruptedException} was made on it): the interrupt synchronizes-with its finding
     * (JLS 17.4.4), on the thread's interrupt clock.
     */
    public static void interruptSync(Thread thread, int how) {
        if (!races || thread == null) {
            return;
        }
        try {
            ThreadState state = applicationSyncState();
            if (state != null) {
                syncOn(state, SyncClocks.slotOfField(thread, INTERRUPT_KEY), how);
            }
        } catch (Throwable t) {
            InternalErrors.hookFailed(t);
        }
    }

    /** The thread's state when its synchronization counts (not inside weft, not in JDK machinery), else null. */
    private static ThreadState applicationSyncState() {
        ThreadState state = raceState();
        return state.inside || state.machinery > 0 ? null : state;
    }

    /** {@link #RELEASE}, {@link #EXCHANGE} or {@link #ACQUIRE} on {@code slot}, unless it is none ({@link VarHandleKeys#IGNORED}). */
    private static void syncOn(ThreadState state, int slot, int how) {
        if (slot == VarHandleKeys.IGNORED) {
            return;
        }
        if (how == RELEASE) {
            publish(state, slot);
        } else if (how == EXCHANGE) {
            SyncClocks.publishExchange(slot, state);
        } else {
            SyncClocks.acquire(slot, state);
        }
    }

    /**
     * JDK machinery is about to run the application's code (a rejected task that the caller
     * runs): until {@link #resumeMachinery}, the thread's synchronization counts again.
     *
     * @return the machinery depth to restore
     */
    public static int suspendMachinery() {
        if (!races) {
            return 0;
        }
        ThreadState state = ThreadStates.current();
        int depth = state.machinery;
        state.machinery = 0;
        return depth;
    }

    /** The application's code started by {@link #suspendMachinery} is done. */
    public static void resumeMachinery(int depth) {
        if (races && depth > 0) {
            ThreadStates.current().machinery = depth;
        }
    }
}
