package dev.weft.runtime;

import java.lang.ref.WeakReference;
import java.util.Map;
import java.util.WeakHashMap;

/**
 * Which clock an atomic field updater's operations use: the clock of the volatile field it
 * updates, on the object it is given — the one that field's reads and writes in application code
 * and {@code VarHandle}s on it use ({@link SyncClocks#slotOfField}), so a value set through an
 * updater and read as a plain volatile field (or the other way round) orders what it publishes.
 *
 * <p>The JDK's updaters ({@code AtomicReferenceFieldUpdater}, {@code AtomicIntegerFieldUpdater},
 * {@code AtomicLongFieldUpdater}) keep only the field's offset, so the field's name is noted when
 * an updater is made: their {@code newUpdater} factories are modelled and call {@link #made}.
 * Updaters on the JDK's own classes are left out (the JDK's machinery). An updater made before
 * weft was attached to a running program is not noted: its field is read from the updater itself
 * the first time it is used ({@link UpdaterFields}).
 *
 * <p>Updaters are few (one per field, usually in a static final field) and used often: each
 * operation looks its updater up in a small direct-mapped cache of immutable entries (the JDK's
 * own updaters too, as ignored), and only a miss asks the table of made updaters, which holds them
 * weakly.
 */
final class FieldUpdaterKeys {
    /** The updater updates no field weft keeps a clock for. */
    static final int IGNORED = VarHandleKeys.IGNORED;
    private static final int CACHE = 256;
    /** Entries are immutable: a racy reader sees a whole entry or an older one. */
    private static final Known[] RECENT = new Known[CACHE];
    /** Updaters made on application classes, with their fields' keys (guarded by itself). */
    private static final Map<Object, Integer> MADE = new WeakHashMap<>();

    private FieldUpdaterKeys() {
    }

    /** An updater was made for the volatile field {@code field} of {@code owner}. */
    static void made(Object updater, Class<?> owner, String field) {
        if (updater == null || owner == null || field == null || isJdk(owner)) {
            return;
        }
        Integer key = Fields.syncKeyOfInstanceField(field);
        synchronized (MADE) {
            MADE.put(updater, key);
        }
    }

    /** The slot of an operation of {@code updater} on {@code holder}, or {@link #IGNORED}. */
    static int slot(Object updater, Object holder) {
        if (holder == null) {
            return IGNORED;
        }
        int index = (System.identityHashCode(updater) * 0x9E3779B9 >>> 24) & (CACHE - 1);
        Known recent = RECENT[index];
        int key;
        if (recent != null && recent.get() == updater) {
            key = recent.key;
        } else {
            key = keyOf(updater);
            RECENT[index] = new Known(updater, key);
        }
        return key == IGNORED ? IGNORED : SyncClocks.slotOfField(holder, key);
    }

    /**
     * The key of the field {@code updater} updates: noted when it was made, or, for an updater made
     * before weft was attached, read from the updater once ({@link UpdaterFields}) and noted then.
     */
    private static int keyOf(Object updater) {
        Integer made;
        synchronized (MADE) {
            made = MADE.get(updater);
        }
        if (made != null) {
            return made;
        }
        ThreadState guard = ReentryGuard.enter(); // reading the updater uses reflection, which may use updaters
        if (guard == null) {
            return IGNORED;
        }
        String field;
        try {
            field = UpdaterFields.nameOf(updater);
        } finally {
            ReentryGuard.exit(guard);
        }
        int key = field == null ? IGNORED : Fields.syncKeyOfInstanceField(field);
        synchronized (MADE) {
            MADE.put(updater, key);
        }
        return key;
    }

    static boolean isJdk(Class<?> type) {
        ClassLoader loader = type.getClassLoader();
        return loader == null || loader == ClassLoader.getPlatformClassLoader();
    }

    /** An updater and its field's key ({@link #IGNORED}: none), held weakly. */
    private static final class Known extends WeakReference<Object> {
        final int key;

        Known(Object updater, int key) {
            super(updater);
            this.key = key;
        }
    }
}
