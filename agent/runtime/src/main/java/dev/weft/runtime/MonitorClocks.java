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
 * that release (each owner acquired it, so the owner's clock covers it: a release is a copy). A
 * thread whose clock already has the releaser's time of that release — it released the monitor
 * last itself, or learned of a later step of the releaser — skips the join, as every publication
 * ends a step of its thread ({@link ThreadState#tick}): its own entry names that one clock.
 *
 * <p>Monitors of other objects (JDK objects, classes, objects of uninstrumented classes) use the
 * hashed slots.
 */
final class MonitorClocks {
    private MonitorClocks() {
    }

    /**
     * The current thread is about to enter {@code monitor}: remembers what to acquire at its next
     * hook, when the monitor is surely held. A hashed slot is computed now, while the monitor is not
     * held, so its identity hash never inflates a held monitor.
     */
    static void entering(ThreadState state, Object monitor) {
        if (monitor instanceof Shadowed) {
            state.pendingMonitor = ((Shadowed) monitor).weft$shadows();
        } else {
            state.pendingSlot = SyncClocks.slotOf(monitor);
            if (monitor.getClass().isArray()) {
                ArrayShadows.locking(state, monitor); // synchronized (array) { array[i]... }
            }
        }
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
    }

    /** The current thread holds {@code monitor}: what its earlier owners did happens before what follows. */
    static void acquire(ThreadState state, Object monitor) {
        if (monitor instanceof Shadowed) {
            acquire(state, ((Shadowed) monitor).weft$shadows());
        } else {
            SyncClocks.acquire(SyncClocks.slotOf(monitor), state);
        }
    }

    private static void acquire(ThreadState state, ShadowMap map) {
        VectorClock clock = map.monitorClock;
        if (clock != null && state.clock.get(map.monitorReleaser) < map.monitorReleaseTime) {
            state.clock.join(clock);
        }
    }

    /** The current thread is about to release {@code monitor} (it still holds it). */
    static void release(ThreadState state, Object monitor) {
        if (monitor instanceof Shadowed) {
            ShadowMap map = ((Shadowed) monitor).weft$shadows();
            VectorClock clock = map.monitorClock;
            if (clock == null) {
                map.monitorClock = state.clock.copy();
            } else {
                clock.copyFrom(state.clock);
            }
            map.monitorReleaser = state.tid;
            map.monitorReleaseTime = state.clock.get(state.tid);
            state.tick();
        } else {
            Hooks.publish(state, SyncClocks.slotOf(monitor));
        }
    }
}
