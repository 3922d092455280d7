package dev.weft.runtime;

/**
 * The clocks of {@code synchronized} monitors, for race detection.
 *
 * <p>A monitor of an application object keeps its clock in the object's own {@link ShadowMap}
 * rather than in the hashed {@link SyncClocks}: exact (no slot shared with another object, so no
 * spurious ordering), free of locks of weft's own (only the monitor's owner ever touches the
 * clock, and the monitor itself orders one owner's release before the next owner's acquire), and
 * without the identity hash of a held monitor (which makes the JVM inflate it).
 *
 * <p>Since only the owner touches it, a monitor's clock is exactly its last releaser's clock at
 * that release (each owner acquired it, so the owner's clock covers it). A release does not copy
 * that clock: it writes the map's fields — the epoch of the release and the releaser's published
 * clock ({@link ThreadState#published}), an immutable copy that all the thread's releases share
 * until its clock changes in another entry than its own — so it writes no vector, and an acquire
 * reads a copy that other owners may have read before. The copy's own entry may be older than the
 * release; an acquire raises it to the release's time ({@link VectorClock#joinReleased}). A thread
 * whose clock already has that time — it released the monitor last itself, or learned of a later
 * step of the releaser — skips the join, as every publication ends a step of its thread
 * ({@link ThreadState#tick}): its own entry names that one clock.
 *
 * <p>A release also records the releaser's serial and its source ({@link ThreadState#source}): a
 * thread whose clock covered the releaser's but for the releaser's own entry. An acquiring thread
 * that is that source, and whose own source is the releaser, reads no copy at all: everything the
 * releaser knew of others it knows, so the join only raises the releaser's entry, and the releaser
 * still knows all it knows of others, so it stays its source. Two threads that hand monitors back
 * and forth thus never read each other's clocks; a third thread's step that either learns makes
 * its clock change otherwise, its source unknown, and the next acquire from it a full join.
 *
 * <p>Such an acquire changes the clock in the releaser's entry, which would make the thread's next
 * release copy its clock (at every operation, for two threads taking turns on objects). Instead
 * the thread keeps its published copy and that one entry beside it ({@link ThreadState#raise}); a
 * release stores both ({@link ShadowMap#monitorExtra}) and an acquire that joins the copy raises
 * the entry too, so the pair is still exactly the releaser's clock.
 *
 * <p>A monitor of an array keeps its clock in the same kind of map, beside the array's shadow
 * ({@link ArrayShadows#monitorOf}), which the accesses in the block look up anyway: no hashed slot,
 * so no lock of weft's own and no vector copy per release. The shadow is pinned in the table, so
 * the clock lives as long as the array. When the table pins no more shadows, an array's monitor
 * falls back to its hashed slot; from then on ({@link #hashedArrayMonitors}) every acquire of an
 * array's monitor also takes in the slot. Whether an array has a map is settled while its monitor
 * is held (a map, once made, stays): a release goes to the map if the array has one then, else to
 * the slot; an acquire takes in the map if there is one, and the slot if any release ever went to
 * one. Either way it takes in the last release.
 *
 * <p>Monitors of other objects (JDK objects, classes, objects of uninstrumented classes) use the
 * hashed slots.
 */
final class MonitorClocks {
    /**
     * Whether the clock of some array's monitor was released into a hashed slot (the table pinned
     * no more shadows); set before that release, so an acquire that the monitor orders after it
     * reads it set.
     */
    private static volatile boolean hashedArrayMonitors;

    private MonitorClocks() {
    }

    /**
     * The current thread is about to enter {@code monitor}: remembers what to acquire at its next
     * hook, when the monitor is surely held. A hashed slot is computed now, while the monitor is not
     * held, so its identity hash never inflates a held monitor; it is returned (-1: the monitor
     * has a shadow, or is an array's) for the held-lock stack, from which its release takes it. An
     * array's clock is looked up (and made) now for the same reason; which clock the acquire takes
     * in is settled at the acquire.
     */
    static int entering(ThreadState state, Object monitor) {
        if (monitor.getClass().isArray()) { // asked first: an interface test of an array class misses slowly
            ArrayShadows.monitorOf(state, monitor); // synchronized (array) { array[i]... }
            state.pendingArray = monitor;
            return -1;
        }
        if (monitor instanceof Shadowed) {
            state.pendingMonitor = ((Shadowed) monitor).weft$shadows();
            return -1;
        }
        int slot = SyncClocks.slotOf(monitor);
        state.pendingSlot = slot;
        return slot;
    }

    /** Acquires the monitor the thread announced in {@link #entering}, if any. */
    static void acquirePending(ThreadState state) {
        ShadowMap map = state.pendingMonitor;
        if (map != null) {
            state.pendingMonitor = null;
            acquire(state, map);
        }
        int slot = state.pendingSlot;
        if (slot >= 0) {
            state.pendingSlot = -1;
            SyncClocks.acquire(slot, state);
        }
        Object array = state.pendingArray;
        if (array != null) {
            state.pendingArray = null;
            acquireArray(state, array);
        }
    }

    /**
     * The current thread holds {@code monitor}: what its earlier owners did happens before what
     * follows. Returns the monitor's hashed slot, -1 if it has a shadow or is an array's.
     */
    static int acquire(ThreadState state, Object monitor) {
        if (monitor.getClass().isArray()) {
            acquireArray(state, monitor);
            return -1;
        }
        if (monitor instanceof Shadowed) {
            acquire(state, ((Shadowed) monitor).weft$shadows());
            return -1;
        }
        int slot = SyncClocks.slotOf(monitor);
        SyncClocks.acquire(slot, state);
        return slot;
    }

    /** The current thread holds the monitor of {@code array}: takes in its map's clock, or its slot's, or both. */
    private static void acquireArray(ThreadState state, Object array) {
        ShadowMap map = ArrayShadows.monitorOf(state, array);
        if (map != null) {
            acquire(state, map);
        }
        if (map == null || hashedArrayMonitors) {
            SyncClocks.acquire(SyncClocks.slotOf(array), state);
        }
    }

    private static void acquire(ThreadState state, ShadowMap map) {
        long released = map.monitorRelease;
        if (released == Epochs.NONE) {
            return;
        }
        int releaser = Epochs.tid(released);
        int time = Epochs.time(released);
        VectorClock clock = state.clock;
        if (clock.get(releaser) >= time) {
            return;
        }
        int serial = map.monitorReleaser;
        boolean fromSource = serial != 0 && state.source() == serial;
        if (fromSource && map.monitorSource == state.serial) {
            // what the releaser knew of others this thread knows: only the releaser's time is new,
            // and the releaser still knows all this thread knows of others
            state.raise(releaser, time);
        } else {
            boolean covered = clock.joinReleased(map.monitorClock, releaser, time, state.tid);
            clock.raiseTo(map.monitorExtra);
            if (!covered && !fromSource) {
                return; // the clock changed: its source is unknown now
            }
        }
        state.sourceIs(serial);
    }

    /** The current thread is about to release {@code monitor} (it still holds it). */
    static void release(ThreadState state, Object monitor) {
        release(state, monitor, -1);
    }

    /**
     * The current thread is about to release {@code monitor} (it still holds it); {@code slot} is
     * its hashed slot if known (-1: it has a map, is an array's, or is computed here).
     */
    static void release(ThreadState state, Object monitor, int slot) {
        if (slot >= 0) { // a known slot is a monitor's without a map
            Hooks.publish(state, slot);
            return;
        }
        boolean array = monitor.getClass().isArray();
        ShadowMap map = array ? ArrayShadows.monitorOf(state, monitor)
            : monitor instanceof Shadowed ? ((Shadowed) monitor).weft$shadows() : null;
        if (map != null) {
            map.monitorClock = state.publishedBase();
            map.monitorExtra = state.publishedExtra();
            map.monitorReleaser = state.serial;
            map.monitorSource = state.source();
            map.monitorRelease = state.epoch;
            state.tick();
            return;
        }
        if (array && !hashedArrayMonitors) {
            hashedArrayMonitors = true;
        }
        Hooks.publish(state, SyncClocks.slotOf(monitor));
    }
}
