package dev.weft.cli.analysis;

/**
 * What to say about a race on an object that is not thread-safe — calls on one {@code HashMap},
 * {@code StringBuilder} or {@code SimpleDateFormat} from threads not ordered by happens-before —
 * rather than on a field: which object (the agent names it {@code com.acme.Cache.entries
 * (java.util.HashMap)}, or {@code java.util.HashMap instance} when no field was seen), which call
 * each side made, and the usual fix for that class.
 */
final class ObjectRaceHints {
    private static final String INSTANCE = " instance";

    private ObjectRaceHints() {
    }

    /** The object's class in the agent's name for it, or null if the name has none. */
    static String classOf(String objectName) {
        if (objectName == null) {
            return null;
        }
        if (objectName.endsWith(INSTANCE)) {
            return objectName.substring(0, objectName.length() - INSTANCE.length());
        }
        int open = objectName.lastIndexOf(" (");
        return open > 0 && objectName.endsWith(")") ? objectName.substring(open + 2, objectName.length() - 1) : null;
    }

    /** {@code com.acme.Cache.entries} of {@code com.acme.Cache.entries (java.util.HashMap)}; null if no field is named. */
    private static String holderOf(String objectName) {
        if (objectName == null || objectName.endsWith(INSTANCE)) {
            return null;
        }
        int open = objectName.lastIndexOf(" (");
        return open > 0 ? objectName.substring(0, open) : null;
    }

    /** {@code write (Map.put)}: the access with the method called, as the code names it, without its package. */
    static String access(String access, String call) {
        if (call == null || call.isEmpty()) {
            return access;
        }
        int method = call.lastIndexOf('.');
        String owner = method > 0 ? call.substring(0, method) : "";
        String simple = owner.substring(owner.lastIndexOf('.') + 1) + call.substring(Math.max(method, 0));
        return (access == null || access.isEmpty() ? "call" : access) + " (" + simple + ")";
    }

    /** The usual fix for a race on {@code name}, the agent's name of an object of {@code className} (may be null). */
    static String fixHint(String name, String className) {
        String simple = className == null ? "" : className.substring(className.lastIndexOf('.') + 1);
        String object = holderOf(name);
        if (object == null) {
            object = simple.isEmpty() ? "the object" : "the " + simple;
        }
        String everyCall = "guard every call on " + object + " with one lock";
        return switch (simple) {
            case "HashMap", "LinkedHashMap", "WeakHashMap", "EnumMap" ->
                    "use a ConcurrentHashMap, or " + everyCall + ", reads and iteration too";
            case "TreeMap" -> "use a ConcurrentSkipListMap, or " + everyCall + ", reads and iteration too";
            case "HashSet", "LinkedHashSet" ->
                    "use ConcurrentHashMap.newKeySet(), or " + everyCall + ", reads and iteration too";
            case "TreeSet" -> "use a ConcurrentSkipListSet, or " + everyCall + ", reads and iteration too";
            case "ArrayList", "LinkedList" -> everyCall
                    + ", reads and iteration too, or use a CopyOnWriteArrayList if it is read far more often than written";
            case "ArrayDeque", "PriorityQueue" -> "use a ConcurrentLinkedDeque or a BlockingQueue"
                    + " (PriorityBlockingQueue), or " + everyCall + ", reads too";
            case "StringBuilder" -> "give each thread its own StringBuilder, or " + everyCall;
            case "SimpleDateFormat" -> "use java.time's DateTimeFormatter (immutable and thread-safe), or one"
                    + " SimpleDateFormat per thread (a ThreadLocal): format and parse change its state";
            case "DecimalFormat", "ChoiceFormat", "MessageFormat", "CompactNumberFormat" -> "create one " + simple
                    + " per use or per thread (a ThreadLocal): format and parse change its state";
            case "GregorianCalendar", "Calendar", "BuddhistCalendar", "JapaneseImperialCalendar" ->
                    "use java.time's immutable types, or one Calendar per thread: even get() recomputes its fields";
            case "MessageDigest" -> "get a MessageDigest per use or per thread (MessageDigest.getInstance, or a"
                    + " ThreadLocal): it holds the running digest";
            case "Matcher" -> "create a Matcher per use from the shared Pattern: a Pattern is thread-safe, a Matcher"
                    + " is not";
            default -> everyCall + ", or give each thread its own";
        };
    }
}
