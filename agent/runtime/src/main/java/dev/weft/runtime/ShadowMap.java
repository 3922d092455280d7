package dev.weft.runtime;

import java.util.concurrent.atomic.AtomicReferenceFieldUpdater;

/**
 * What weft keeps of one object: the shadows of its fields, by weft field id, and the clock of its
 * monitor. Each instrumented application class gets a private field holding its objects' map (see
 * {@code weft$shadows()}), installed by compare-and-set ({@link #install}): threads that use an
 * object for the first time at once agree on one map, so no release stored in a map is ever lost
 * to another (a lost monitor release would make the next owner report a race that is not one).
 *
 * <p>Most objects have few fields, and the ones two threads share are touched by both on every
 * operation: each object weft keeps for them is a cache line that moves between cores. So the map
 * is itself the shadow of the first field the object had checked, and keeps up to {@value #CHAIN}
 * more in a chain ({@link FieldShadow#next}, newest first) that starts in the map: a look-up reads
 * the map and the shadows it passes, which the access then writes anyway. Only an object with more
 * fields gets a table, an open-addressed array of its further shadows (each shadow names its
 * field, so the array needs no keys). Shadows are published with their field set (final, or for
 * the map's own one, set once under the map's lock from the default that means none) and are never
 * removed or replaced, so a lock-free reader that finds a shadow finds the field's one shadow; one
 * that misses it (a racing insertion) asks again under the map's lock.
 *
 * <p>The monitor's clock sits here too ({@link MonitorClocks}): the epoch of its last release and
 * the releaser's published clock, written and read only by the monitor's owners.
 */
public final class ShadowMap extends Shadow {
    /** Shadows kept in the chain (besides the map's own) before the map moves them to a table. */
    static final int CHAIN = 4;
    private static final int FIRST_TABLE = 16;

    /**
     * The id plus one of the field whose shadow the map is itself, the first the object had
     * checked; 0 (the value a racy reader of a fresh map may see): none yet.
     */
    private int ownField;
    /** The shadows while there are at most {@link #CHAIN}, newest first; unused once {@link #table} is set. */
    private volatile FieldShadow chain;
    /** All shadows by field id, once there are more than {@link #CHAIN}; else null. */
    private volatile FieldShadow[] table;
    /** Shadows in the table (guarded by the map's lock). */
    private int tableSize;
    /** The epoch of the monitor's last release ({@link Epochs#NONE}: never released); see {@link MonitorClocks}. */
    long monitorRelease;
    /**
     * The releaser's clock at that release, but for the releaser's own entry and for
     * {@link #monitorExtra} ({@link ThreadState#publishedBase}).
     */
    int[] monitorClock;
    /** One more entry of the releaser's clock, an epoch beyond {@link #monitorClock}'s, or {@link Epochs#NONE}. */
    long monitorExtra = Epochs.NONE;
    /** The releaser's {@link ThreadState#serial}, and its {@link ThreadState#source} at the release. */
    int monitorReleaser;
    int monitorSource;

    /**
     * The map of {@code owner}, whose class keeps it in the field {@code field} updates: the one
     * already there, or else a fresh one, set only if the field is still empty. Called by injected
     * code on an object's first use.
     */
    public static ShadowMap install(AtomicReferenceFieldUpdater<Object, ShadowMap> field, Object owner) {
        ShadowMap fresh = new ShadowMap();
        return field.compareAndSet(owner, null, fresh) ? fresh : field.get(owner);
    }

    /**
     * A fresh map, which the caller publishes itself ({@link UnshadowedObjects}: with the object's
     * table entry). Injected code calls it only in class files older than Java 5, which cannot name the
     * class an updater needs: concurrent first uses of such an object may each set a map.
     */
    public static ShadowMap create() {
        return new ShadowMap();
    }

    /** The shadow of field {@code fieldId} of the object, created on first use. */
    Shadow get(int fieldId) {
        if (ownField == fieldId + 1) {
            return this;
        }
        FieldShadow[] shadows = table;
        if (shadows == null) {
            for (FieldShadow shadow = chain; shadow != null; shadow = shadow.next) {
                if (shadow.field == fieldId) {
                    return shadow;
                }
            }
        } else {
            int mask = shadows.length - 1;
            for (int i = fieldId & mask; ; i = (i + 1) & mask) {
                FieldShadow shadow = shadows[i];
                if (shadow == null) {
                    break;
                }
                if (shadow.field == fieldId) {
                    return shadow;
                }
            }
        }
        return insert(fieldId);
    }

    private synchronized Shadow insert(int fieldId) {
        if (ownField == 0 || ownField == fieldId + 1) {
            ownField = fieldId + 1; // read without the lock: a reader that sees 0 comes here
            return this;
        }
        FieldShadow[] shadows = table;
        if (shadows == null) {
            int length = 0;
            FieldShadow head = chain;
            for (FieldShadow shadow = head; shadow != null; shadow = shadow.next) {
                if (shadow.field == fieldId) {
                    return shadow;
                }
                length++;
            }
            if (length < CHAIN) {
                FieldShadow shadow = new FieldShadow(fieldId, head);
                chain = shadow;
                return shadow;
            }
            shadows = new FieldShadow[FIRST_TABLE];
            for (FieldShadow shadow = head; shadow != null; shadow = shadow.next) {
                put(shadows, shadow); // the same shadows: a reader still walking the chain finds them too
            }
            tableSize = length;
        } else {
            int mask = shadows.length - 1;
            for (int i = fieldId & mask; shadows[i] != null; i = (i + 1) & mask) {
                if (shadows[i].field == fieldId) {
                    return shadows[i];
                }
            }
            if ((tableSize + 1) * 2 > shadows.length) {
                FieldShadow[] grown = new FieldShadow[shadows.length * 2];
                for (FieldShadow shadow : shadows) {
                    if (shadow != null) {
                        put(grown, shadow);
                    }
                }
                shadows = grown;
            }
        }
        FieldShadow shadow = new FieldShadow(fieldId, null);
        put(shadows, shadow);
        tableSize++;
        table = shadows; // publishes a new table; an old one saw the shadow stored in place, final fields set
        return shadow;
    }

    /** Stores {@code shadow} in the first free place of its field in {@code shadows}. */
    private static void put(FieldShadow[] shadows, FieldShadow shadow) {
        int mask = shadows.length - 1;
        int i = shadow.field & mask;
        while (shadows[i] != null) {
            i = (i + 1) & mask;
        }
        shadows[i] = shadow;
    }
}
