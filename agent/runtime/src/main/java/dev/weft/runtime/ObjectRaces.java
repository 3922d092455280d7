package dev.weft.runtime;

/**
 * Races on objects that are not thread-safe, checked at the application's calls on them: each
 * object is one location whose shadow lives in a {@link WeakIdentityTable} (the JDK's classes
 * cannot carry a shadow field), a mutating call is a write and any other call a read, and FastTrack
 * ({@link RaceDetector}) decides with the threads' vector clocks as for fields. The JDK's own use
 * of such objects is not seen: only the application's calls are hooked.
 *
 * <p>Each thread remembers the last object it called, so a loop of calls on one object looks its
 * shadow up once. An object is named in reports by the field it was loaded from where a call site
 * knows it — {@code com.acme.Cache.entries (java.util.HashMap)} — or else by its class,
 * {@code java.util.HashMap instance}; the first call site that knows a field names the object for
 * good, so that both sides of a race report it under one name.
 */
final class ObjectRaces {
    private static final WeakIdentityTable SHADOWS = new WeakIdentityTable(new WeakIdentityTable.Factory() {
        @Override
        public WeakIdentityTable.Entry create(Object key, java.lang.ref.ReferenceQueue<Object> queue) {
            return new ObjectShadow(key, queue);
        }
    });
    /** Report names to their {@link Fields} numbers; a plain map (the concurrent ones are modelled). */
    private static final java.util.HashMap<String, Integer> NAMES = new java.util.HashMap<String, Integer>();

    private ObjectRaces() {
    }

    /** Checks the current thread's call on {@code receiver}, of a class {@code verdict} says is checked. */
    static void check(ThreadState state, Object receiver, ObjectCalls.Call call, ObjectCalls.Verdict verdict, Sink sink) {
        if (state.initializing > 0) {
            return; // class initialization orders it before every other use
        }
        ObjectShadow shadow = state.lastObject;
        if (shadow == null || shadow.get() != receiver) {
            shadow = (ObjectShadow) SHADOWS.get(receiver);
            if (shadow == null) {
                return; // the table is full: unchecked, a race missed at worst
            }
            state.lastObject = shadow;
        }
        int name = shadow.nameId;
        if (name < 0 || (!shadow.namedByHolder && call.holder != null)) {
            name = verdict.nameId;
            shadow.nameId = name;
            shadow.namedByHolder = call.holder != null;
        }
        if (call.writes || verdict.kind == UnsafeTypes.EVERY_CALL_WRITES) {
            RaceDetector.write(state, shadow.shadow, name, call.site, sink);
        } else {
            RaceDetector.read(state, shadow.shadow, name, call.site, sink);
        }
    }

    /** The number of the report name for objects of {@code type} loaded from {@code holder} (may be null). */
    static int nameId(String holder, Class<?> type) {
        String name = holder == null ? type.getName() + " instance" : holder + " (" + type.getName() + ")";
        synchronized (NAMES) {
            Integer id = NAMES.get(name);
            if (id == null) {
                id = Integer.valueOf(Fields.register(name, false));
                NAMES.put(name, id);
            }
            return id.intValue();
        }
    }

    /** Objects whose shadows are kept (live, or collected and not yet purged). */
    static int tracked() {
        return SHADOWS.size();
    }
}
