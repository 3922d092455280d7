package dev.weft.runtime;

import jdk.internal.vm.annotation.DontInline;

/**
 * Finds an array's {@link ArrayShadow}: first in the accessing thread's cache, then in a
 * {@link WeakIdentityTable}.
 *
 * <p>The cache is per thread and per access site ({@link ThreadState#arrayCache}, indexed by the
 * site number): a loop that reads five arrays keeps each site's array in its own slot, where a
 * one-entry "last array" cache would miss on every access (sites 512 apart share a slot). Slots
 * hold the shadows, which are the table's entries and refer to their arrays weakly, so the cache
 * keeps no array alive.
 *
 * <p>The table holds at most {@value WeakIdentityTable#MAX_YOUNG} arrays per segment that only one
 * thread has looked up and {@value WeakIdentityTable#MAX_OLD} that a second thread has (64 segments,
 * {@value WeakIdentityTable#MAX_ENTRIES} arrays in all); a full generation is dropped whole, and its
 * arrays start afresh at their next access, their history lost (a race with an access from before
 * can be missed, never invented). {@link #dropped()} counts them for the agent-info event.
 *
 * <p>Before the table, a miss looks at the last {@value #RECENT} arrays the thread looked up: a new
 * array read at two sites (a request's fields) costs one table lookup, not two, and so does a request
 * read again after the thread locked and updated another array (its session) in between.
 *
 * <p>{@link #find} is the slow path of the hooks: never inlined (the annotation counts in boot-loader
 * classes), or a hook that inlined it would grow too big to be inlined into the application's loops.
 *
 * <p>Races are reported under the name the instrumented code gave the array — the field it was
 * loaded from, {@code com.acme.Foo.data[]} — or, while no access named it, its type:
 * {@code int[] (element)}.
 */
public final class ArrayShadows {
    static final int CACHE_SLOTS = 512;
    static final int CACHE_MASK = CACHE_SLOTS - 1;
    /** How many of its last table results a thread looks at before the table. */
    static final int RECENT = 4;

    private static final WeakIdentityTable TABLE = new WeakIdentityTable(new WeakIdentityTable.Factory() {
        @Override
        public WeakIdentityTable.Entry create(Object key, java.lang.ref.ReferenceQueue<Object> queue) {
            return new ArrayShadow(key, queue, java.lang.reflect.Array.getLength(key), ThreadStates.current().tid);
        }
    });
    /** Names of array types, {@code int[] (element)}, by type name; a plain map under its own lock. */
    private static final java.util.HashMap<String, Integer> TYPE_NAMES = new java.util.HashMap<String, Integer>();

    private ArrayShadows() {
    }

    /**
     * The shadow of {@code array} (not null), which the thread's cache slot for {@code site} did not
     * hold; now it does.
     */
    @DontInline
    static ArrayShadow find(ThreadState thread, Object array, int nameId, int site) {
        ArrayShadow shadow = lookUp(thread, array);
        if (!shadow.named) {
            if (nameId >= 0) {
                shadow.nameId = nameId;
                shadow.named = true;
            } else if (shadow.nameId < 0) {
                shadow.nameId = typeName(array.getClass());
            }
        }
        thread.arrayCache[site & CACHE_MASK] = shadow;
        return shadow;
    }

    /**
     * The shadow of {@code array}: one of the thread's recent ones from the table, else one of its
     * pinned ones, else the table's; it becomes the most recent.
     */
    static ArrayShadow lookUp(ThreadState thread, Object array) {
        ArrayShadow[] recent = thread.recentArrays;
        if (recent == null) {
            recent = new ArrayShadow[RECENT];
            thread.recentArrays = recent;
            thread.arrayCache = new ArrayShadow[CACHE_SLOTS];
        }
        ArrayShadow shadow = null;
        for (int i = 0; i < RECENT; i++) {
            ArrayShadow candidate = recent[i];
            if (candidate != null && candidate.refersTo(array)) {
                shadow = candidate;
                break;
            }
        }
        if (shadow == null) {
            shadow = pinnedOrTable(thread, array);
            for (int i = RECENT - 1; i > 0; i--) {
                recent[i] = recent[i - 1]; // not System.arraycopy: its collector barrier is a call out of line
            }
            recent[0] = shadow;
        }
        if (!shadow.shared && shadow.firstTid != thread.tid) {
            shadow.shared = true;
            TABLE.keep(shadow); // a second thread: old generation
        }
        return shadow;
    }

    /**
     * The table's shadow of {@code array}, looked for first among the pinned shadows the thread took
     * from the table before ({@link ThreadState#pinnedArrays}, by the table's hash): a session locked
     * request after request is found without the table's segment, bucket and chain, each a cache line
     * that other threads' inserts move to their cores. Only pinned shadows are kept there: the table
     * never drops them while their arrays live, so the one found is the table's.
     */
    private static ArrayShadow pinnedOrTable(ThreadState thread, Object array) {
        int hash = WeakIdentityTable.hashOf(array);
        ArrayShadow[] pinned = thread.pinnedArrays;
        int slot = hash & (PINNED_SLOTS - 1);
        if (pinned != null) {
            ArrayShadow candidate = pinned[slot];
            if (candidate != null && candidate.refersTo(array)) {
                return candidate;
            }
        }
        ArrayShadow shadow = (ArrayShadow) TABLE.get(array, hash);
        if (shadow.pinned) {
            if (pinned == null) {
                pinned = new ArrayShadow[PINNED_SLOTS];
                thread.pinnedArrays = pinned;
            }
            pinned[slot] = shadow;
        }
        return shadow;
    }

    /** Slots of a thread's {@link ThreadState#pinnedArrays}, allocated when it first finds a pinned shadow. */
    static final int PINNED_SLOTS = 8192;

    /**
     * The clock of {@code array}'s monitor ({@link MonitorClocks}), kept in a map beside the array's
     * shadow, whose accesses look it up anyway: null if the table has no room to pin one more
     * shadow, and the monitor's clock is a hashed slot's.
     *
     * <p>A monitor's clock must never be lost while its array lives — a fresh one would order
     * nothing, and races would be reported that the monitor prevents — so the shadow that holds it
     * is {@linkplain WeakIdentityTable#pin pinned} in the table first, under the shadow's lock, and
     * the clock is set once: every thread that asks finds that one shadow and that one clock. A
     * thread whose cache still holds a shadow the table dropped takes the table's.
     *
     * <p>Called first while the thread is about to enter the monitor, not holding it: the array's
     * identity hash is taken then (taken from a held monitor, it is a call into the VM and, the first
     * time, inflates the monitor), and the accesses in the block find the shadow as the thread's
     * last one. Then again when it holds it, and when it releases it: those find it as one of the
     * thread's recent ones.
     */
    static ShadowMap monitorOf(ThreadState thread, Object array) {
        ArrayShadow shadow = lookUp(thread, array);
        for (int tries = 0; tries < PIN_TRIES; tries++) {
            ShadowMap monitor = shadow.monitor != null ? shadow.monitor : pinWithMonitor(shadow);
            if (monitor != null) {
                return monitor;
            }
            ArrayShadow current = (ArrayShadow) TABLE.get(array);
            if (current == shadow) {
                return null; // in the table, but its segment pins no more
            }
            shadow = current; // the thread's shadow had been dropped: the table's
        }
        return null;
    }

    /** How often {@link #monitorOf} looks for a shadow still in the table before it gives up (generations dropped meanwhile). */
    private static final int PIN_TRIES = 4;

    /** The monitor clock of {@code shadow}, made when the table pins it; null if the table would not. */
    private static ShadowMap pinWithMonitor(ArrayShadow shadow) {
        synchronized (shadow) {
            if (shadow.monitor == null && TABLE.pin(shadow)) {
                shadow.monitor = new ShadowMap();
            }
            return shadow.monitor;
        }
    }

    /**
     * The name of elements of arrays of {@code type}, e.g. {@code int[] (element)}, registered once.
     * A small cache by the type's identity hash keeps recent types with their names (each an
     * immutable pair, so a reader never pairs one type with another's name; the type held weakly):
     * a program that allocates arrays per request names each of them, and building the string and
     * taking the lock every time cost a tenth of its run.
     */
    static int typeName(Class<?> type) {
        int index = System.identityHashCode(type) & (TYPE_NAME_CACHE.length - 1);
        TypeName cached = TYPE_NAME_CACHE[index];
        if (cached != null && cached.get() == type) {
            return cached.id;
        }
        int id = registerTypeName(type);
        TYPE_NAME_CACHE[index] = new TypeName(type, id);
        return id;
    }

    /** Recently named array types and their names; plain slots (a stale or lost pair only costs a lookup). */
    private static final TypeName[] TYPE_NAME_CACHE = new TypeName[16];

    /** An array type, held weakly (weft keeps no application class loader alive), and its name. */
    private static final class TypeName extends java.lang.ref.WeakReference<Class<?>> {
        final int id;

        TypeName(Class<?> type, int id) {
            super(type);
            this.id = id;
        }
    }

    private static int registerTypeName(Class<?> type) {
        String name = type.getTypeName() + " (element)";
        synchronized (TYPE_NAMES) {
            Integer id = TYPE_NAMES.get(name);
            if (id == null) {
                id = Integer.valueOf(Fields.register(name, false));
                TYPE_NAMES.put(name, id);
            }
            return id.intValue();
        }
    }

    /** Arrays whose shadows the table dropped when a segment was full (for the agent-info event). */
    public static long dropped() {
        return TABLE.dropped();
    }

    /** Arrays in the table (live or not yet purged). */
    static int size() {
        return TABLE.size();
    }
}
