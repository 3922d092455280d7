package dev.weft.runtime;

import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;

/**
 * The field an atomic field updater updates, read from the updater itself: for updaters whose
 * making weft did not see, because they were made before weft was attached to the running
 * program (a library's {@code static final} updaters, made when its class was initialized).
 *
 * <p>The JDK's updaters ({@code AtomicIntegerFieldUpdaterImpl}, {@code AtomicLongFieldUpdater}'s
 * {@code CASUpdater} and {@code LockedUpdater}, {@code AtomicReferenceFieldUpdaterImpl}) keep the
 * field's declaring class in {@code tclass} and its offset in {@code offset}, and no name: the
 * field is the volatile instance field of {@code tclass} at that offset, asked of the JDK's
 * {@code Unsafe}. The agent opens {@code java.util.concurrent.atomic} and exports
 * {@code jdk.internal.misc} to this module at start-up; where either was refused, or an updater is
 * of another kind (a class of the program's own), the answer is "unknown", and the updater's
 * operations order nothing, as an unmodelled primitive's would not.
 *
 * <p>Asked once per updater (its answer is kept beside the updaters whose making was seen), so the
 * reflection here costs nothing on the operations' path.
 */
final class UpdaterFields {
    private static final String ATOMIC_PACKAGE = "java.util.concurrent.atomic.";

    private UpdaterFields() {
    }

    /**
     * The name of the field {@code updater} updates, or null if it is not known or belongs to a
     * class of the JDK (whose updaters are its machinery, see {@link FieldUpdaterKeys}).
     */
    static String nameOf(Object updater) {
        Class<?> type = updater.getClass();
        if (type.getClassLoader() != null || !type.getName().startsWith(ATOMIC_PACKAGE)) {
            return null;
        }
        try {
            Class<?> holder = (Class<?>) declared(type, "tclass").get(updater);
            long offset = declared(type, "offset").getLong(updater);
            return FieldUpdaterKeys.isJdk(holder) ? null : fieldAt(holder, offset);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null; // not opened to weft, or a JDK whose updaters keep their field otherwise
        }
    }

    private static String fieldAt(Class<?> holder, long offset) throws ReflectiveOperationException {
        for (Field field : holder.getDeclaredFields()) {
            int modifiers = field.getModifiers();
            if (Modifier.isVolatile(modifiers) && !Modifier.isStatic(modifiers)
                && Offsets.OF_FIELD.invoke(Offsets.UNSAFE, field).equals(offset)) {
                return field.getName();
            }
        }
        return null;
    }

    /** The field {@code name} that {@code type} or one of its superclasses declares, made accessible. */
    private static Field declared(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            try {
                Field field = c.getDeclaredField(name);
                field.setAccessible(true);
                return field;
            } catch (NoSuchFieldException e) {
                // declared higher up
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    /** The JDK's {@code Unsafe} and its {@code objectFieldOffset(Field)}, looked up once, on first need. */
    private static final class Offsets {
        static final Object UNSAFE;
        static final Method OF_FIELD;

        static {
            Object unsafe = null;
            Method ofField = null;
            try {
                Class<?> unsafeType = Class.forName("jdk.internal.misc.Unsafe");
                unsafe = unsafeType.getMethod("getUnsafe").invoke(null);
                ofField = unsafeType.getMethod("objectFieldOffset", Field.class);
            } catch (ReflectiveOperationException | RuntimeException e) {
                // not exported to weft: every question's answer is "unknown" (OF_FIELD null throws, caught)
            }
            UNSAFE = unsafe;
            OF_FIELD = ofField;
        }
    }
}
