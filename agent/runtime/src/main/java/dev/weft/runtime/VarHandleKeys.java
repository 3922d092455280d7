package dev.weft.runtime;

import java.lang.invoke.VarHandle;
import java.lang.ref.ReferenceQueue;
import java.util.List;
import java.util.Optional;

/**
 * Which synchronization clock a {@code VarHandle} access uses: the very clock a plain
 * {@code getfield}/{@code putfield} of the same volatile field uses ({@link SyncClocks#slotOfField}),
 * so a field written through a handle and read as a volatile field (or the other way round) is
 * ordered as the memory model says; for array elements and byte-buffer views, the array or buffer.
 *
 * <p>A handle knows its field only by offset; its name comes from {@code describeConstable()}
 * (reflection, so once per handle: a direct-mapped cache sits in front of a weak identity
 * table). Handles on fields of the JDK's own classes are ignored: the JDK's synchronizers are
 * modelled by what their methods promise, and their internal compare-and-sets would otherwise
 * order threads that only happen to share a JDK object (so are handles on arrays of the JDK's
 * own types, such as the fork/join pool's queues).
 */
final class VarHandleKeys {
    /** The handle needs no clock (a JDK field). */
    static final int IGNORED = Integer.MIN_VALUE;
    private static final int KIND_INSTANCE = 0;
    private static final int KIND_STATIC = 1;
    private static final int KIND_ELEMENT = 2;
    private static final int KIND_IGNORED = 3;
    private static final int CACHE = 1024;
    /** Entries are immutable: a racy read sees a whole entry or an older one. */
    private static final Entry[] RECENT = new Entry[CACHE];
    private static final WeakIdentityTable DESCRIBED = new WeakIdentityTable(new Describer());

    private VarHandleKeys() {
    }

    /**
     * The slot of an access through {@code handle} to {@code holder} (the object of an instance
     * field, the array or buffer of an element; ignored for a static field), or {@link #IGNORED}.
     */
    static int slot(Object handle, Object holder, ThreadState state) {
        Entry entry = entry(handle, state);
        if (entry == null) {
            return IGNORED;
        }
        switch (entry.kind) {
            case KIND_INSTANCE:
                return holder == null ? IGNORED : SyncClocks.slotOfField(holder, entry.key);
            case KIND_STATIC:
                return SyncClocks.slotOfField(null, entry.key);
            case KIND_ELEMENT:
                return holder == null ? IGNORED : SyncClocks.slotOf(holder);
            default:
                return IGNORED;
        }
    }

    private static Entry entry(Object handle, ThreadState state) {
        int index = (System.identityHashCode(handle) * 0x9E3779B9 >>> 22) & (CACHE - 1);
        Entry recent = RECENT[index];
        if (recent != null && recent.get() == handle) {
            return recent;
        }
        ThreadState guard = ReentryGuard.enter(); // describing uses reflection, which may use handles
        if (guard == null) {
            return null;
        }
        try {
            Entry described = (Entry) DESCRIBED.get(handle);
            if (described != null) {
                RECENT[index] = described;
            }
            return described;
        } finally {
            ReentryGuard.exit(guard);
        }
    }

    /** What a handle accesses, keyed weakly by the handle. */
    private static final class Entry extends WeakIdentityTable.Entry {
        final int kind;
        final int key;

        Entry(Object handle, ReferenceQueue<Object> queue, int kind, int key) {
            super(handle, queue);
            this.kind = kind;
            this.key = key;
        }
    }

    private static final class Describer implements WeakIdentityTable.Factory {
        @Override
        public WeakIdentityTable.Entry create(Object handle, ReferenceQueue<Object> queue) {
            int kind;
            int key = 0;
            try {
                String implementation = handle.getClass().getName();
                VarHandle varHandle = (VarHandle) handle;
                if (implementation.contains("$FieldInstance")) {
                    List<Class<?>> coordinates = varHandle.coordinateTypes();
                    Class<?> receiver = coordinates.isEmpty() ? null : coordinates.get(0);
                    if (receiver == null || isJdk(receiver)) {
                        kind = KIND_IGNORED;
                    } else {
                        kind = KIND_INSTANCE;
                        key = Fields.syncKeyOfInstanceField(fieldName(varHandle, receiver));
                    }
                } else if (implementation.contains("$FieldStatic") || implementation.contains("LazyInitializing")) {
                    String qualified = staticFieldName(varHandle);
                    if (qualified == null || isJdkName(qualified)) {
                        kind = KIND_IGNORED;
                    } else {
                        kind = KIND_STATIC;
                        key = Fields.syncKeyOfStaticField(qualified);
                    }
                } else {
                    List<Class<?>> coordinates = varHandle.coordinateTypes();
                    Class<?> array = coordinates.isEmpty() ? null : coordinates.get(0);
                    kind = array != null && isJdkInternalArray(array) ? KIND_IGNORED : KIND_ELEMENT;
                }
            } catch (Throwable t) {
                InternalErrors.hookFailed(t);
                kind = KIND_IGNORED;
            }
            return new Entry(handle, queue, kind, key);
        }

        private static boolean isJdk(Class<?> type) {
            ClassLoader loader = type.getClassLoader();
            return loader == null || loader == ClassLoader.getPlatformClassLoader();
        }

        /**
         * An array of a JDK type outside {@code java.lang} ({@code ForkJoinTask[]}, the fork/join
         * pool's queues): the JDK's own; arrays of primitives, {@code Object}, {@code String} and
         * the application's types are the application's.
         */
        private static boolean isJdkInternalArray(Class<?> array) {
            Class<?> component = array.getComponentType();
            while (component != null && component.isArray()) {
                component = component.getComponentType();
            }
            return component != null && !component.isPrimitive() && isJdk(component)
                && !component.getName().startsWith("java.lang.");
        }

        private static boolean isJdkName(String name) {
            return name.startsWith("java.") || name.startsWith("jdk.") || name.startsWith("sun.")
                || name.startsWith("com.sun.");
        }

        /**
         * The name of an instance field. {@code describeConstable} finds only fields the receiver
         * type declares; an inherited one is looked for by type up the superclasses, and must be
         * the only volatile candidate (else "", a key of its own).
         */
        private static String fieldName(VarHandle handle, Class<?> receiver) {
            try {
                Optional<VarHandle.VarHandleDesc> described = handle.describeConstable();
                if (described.isPresent()) {
                    return described.get().constantName();
                }
            } catch (Throwable notDeclaredThere) {
                // inherited: InternalError("Field not found at offset")
            }
            String found = null;
            for (Class<?> type = receiver.getSuperclass(); type != null; type = type.getSuperclass()) {
                for (java.lang.reflect.Field field : type.getDeclaredFields()) {
                    int modifiers = field.getModifiers();
                    if (!java.lang.reflect.Modifier.isStatic(modifiers) && field.getType() == handle.varType()
                        && java.lang.reflect.Modifier.isVolatile(modifiers)) {
                        if (found != null) {
                            return "";
                        }
                        found = field.getName();
                    }
                }
            }
            return found == null ? "" : found;
        }

        /** {@code pkg.Class.field} of a static field handle, or null. */
        private static String staticFieldName(VarHandle handle) {
            Optional<VarHandle.VarHandleDesc> described = handle.describeConstable();
            if (described.isEmpty()) {
                return null;
            }
            VarHandle.VarHandleDesc desc = described.get();
            List<java.lang.constant.ConstantDesc> arguments = desc.bootstrapArgsList();
            if (arguments.isEmpty() || !(arguments.get(0) instanceof java.lang.constant.ClassDesc)) {
                return null;
            }
            String descriptor = ((java.lang.constant.ClassDesc) arguments.get(0)).descriptorString();
            if (!descriptor.startsWith("L")) {
                return null;
            }
            return descriptor.substring(1, descriptor.length() - 1).replace('/', '.') + "." + desc.constantName();
        }
    }
}
