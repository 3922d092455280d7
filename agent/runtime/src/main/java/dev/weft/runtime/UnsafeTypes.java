package dev.weft.runtime;

import java.security.MessageDigest;
import java.text.ChoiceFormat;
import java.text.CompactNumberFormat;
import java.text.DecimalFormat;
import java.text.MessageFormat;
import java.text.SimpleDateFormat;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Calendar;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedList;
import java.util.PriorityQueue;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.WeakHashMap;
import java.util.regex.Matcher;

/**
 * Which objects weft checks as one shared location when application code calls them: those of
 * the JDK classes that are documented not to be thread-safe, and their subclasses (the JDK's, as
 * {@code LinkedHashMap} or {@code GregorianCalendar}, and the application's). The thread-safe
 * relatives are never on the list and never reached through it: {@code Hashtable},
 * {@code Properties}, {@code Vector}, {@code Stack}, {@code StringBuffer}, the
 * {@code Collections.synchronized*} and unmodifiable wrappers, the concurrent collections.
 *
 * <p>A call site sees few receiver classes, so each site keeps its last answer
 * ({@link ObjectCalls}); the rare miss asks this class, which keeps a small direct-mapped cache of
 * answers before it walks a class's superclasses.
 */
final class UnsafeTypes {
    /** Not one of the listed classes: calls on it are not checked. */
    static final int UNCHECKED = 0;
    /** Checked; each call is a read or a write as the call site says. */
    static final int CHECKED = 1;
    /** Checked, every call a write: {@code WeakHashMap} expunges collected entries even in {@code get}. */
    static final int EVERY_CALL_WRITES = 2;

    private static final Class<?>[] TYPES = {
        HashMap.class, TreeMap.class, IdentityHashMap.class, EnumMap.class, WeakHashMap.class,
        ArrayList.class, LinkedList.class, ArrayDeque.class, PriorityQueue.class,
        HashSet.class, TreeSet.class, EnumSet.class,
        StringBuilder.class,
        SimpleDateFormat.class, DecimalFormat.class, ChoiceFormat.class, MessageFormat.class, CompactNumberFormat.class,
        Calendar.class, MessageDigest.class, Matcher.class,
    };
    private static final int CACHE_SIZE = 256;
    private static final Known[] CACHE = new Known[CACHE_SIZE];

    private UnsafeTypes() {
    }

    /** An answer kept: immutable, so racy publication through the cache array is safe. */
    private static final class Known {
        final Class<?> type;
        final int kind;

        Known(Class<?> type, int kind) {
            this.type = type;
            this.kind = kind;
        }
    }

    /** {@link #UNCHECKED}, {@link #CHECKED} or {@link #EVERY_CALL_WRITES} for objects of {@code type}. */
    static int kindOf(Class<?> type) {
        int slot = System.identityHashCode(type) & (CACHE_SIZE - 1);
        Known known = CACHE[slot];
        if (known != null && known.type == type) {
            return known.kind;
        }
        int kind = classify(type);
        CACHE[slot] = new Known(type, kind);
        return kind;
    }

    private static int classify(Class<?> type) {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) {
            for (int i = 0; i < TYPES.length; i++) {
                if (TYPES[i] == c) {
                    return c == WeakHashMap.class ? EVERY_CALL_WRITES : CHECKED;
                }
            }
        }
        return UNCHECKED;
    }
}
