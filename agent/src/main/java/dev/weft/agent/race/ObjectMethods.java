package dev.weft.agent.race;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

/**
 * Which calls in application code may be calls on an object that is not thread-safe, and whether
 * each reads or mutates it — decided from the call site alone (owner, name, descriptor), before
 * the program runs. Whether the receiver really is such an object is decided at run time from its
 * class ({@code dev.weft.runtime.UnsafeTypes}): {@code Map.put} on a {@code ConcurrentHashMap} costs
 * the hook a class comparison and nothing more.
 *
 * <p>Reads are listed per family; every other method of the family mutates, so that a method added
 * in a later JDK is a write until listed — except for the {@code Object} methods that touch no
 * state ({@code getClass}, {@code wait}, {@code notify}), which are never hooked. Formatters and
 * parsers mutate: {@code SimpleDateFormat.format} and {@code parse} work in the object's own
 * {@code Calendar} and {@code DecimalFormat} in its digit list, the classic bug. A {@code Calendar}
 * recomputes its fields in {@code get}, so only its pure getters read; nearly every {@code Matcher}
 * method moves the match.
 */
final class ObjectMethods {
    /** A hooked call: its description, whether it writes, and whether it returns its receiver ({@code sb.append(x)}). */
    record Call(String description, boolean writes, boolean returnsReceiver) {
    }

    enum Family { COLLECTION, STRING_BUILDER, FORMAT, CALENDAR, DIGEST, MATCHER }

    private static final Map<String, Family> OWNERS = new HashMap<>();

    static {
        for (String owner : new String[] {
            "java/lang/Iterable", "java/util/Collection", "java/util/SequencedCollection", "java/util/List",
            "java/util/Set", "java/util/SortedSet", "java/util/NavigableSet", "java/util/SequencedSet",
            "java/util/Queue", "java/util/Deque", "java/util/AbstractCollection", "java/util/AbstractList",
            "java/util/AbstractSequentialList", "java/util/AbstractSet", "java/util/AbstractQueue",
            "java/util/ArrayList", "java/util/LinkedList", "java/util/ArrayDeque", "java/util/PriorityQueue",
            "java/util/HashSet", "java/util/LinkedHashSet", "java/util/TreeSet", "java/util/EnumSet",
            "java/util/Map", "java/util/SortedMap", "java/util/NavigableMap", "java/util/SequencedMap",
            "java/util/AbstractMap", "java/util/HashMap", "java/util/LinkedHashMap", "java/util/TreeMap",
            "java/util/WeakHashMap", "java/util/IdentityHashMap", "java/util/EnumMap"}) {
            OWNERS.put(owner, Family.COLLECTION);
        }
        for (String owner : new String[] {
            "java/lang/StringBuilder", "java/lang/AbstractStringBuilder", "java/lang/CharSequence", "java/lang/Appendable"}) {
            OWNERS.put(owner, Family.STRING_BUILDER);
        }
        for (String owner : new String[] {
            "java/text/Format", "java/text/DateFormat", "java/text/NumberFormat", "java/text/SimpleDateFormat",
            "java/text/DecimalFormat", "java/text/ChoiceFormat", "java/text/MessageFormat",
            "java/text/CompactNumberFormat"}) {
            OWNERS.put(owner, Family.FORMAT);
        }
        OWNERS.put("java/util/Calendar", Family.CALENDAR);
        OWNERS.put("java/util/GregorianCalendar", Family.CALENDAR);
        OWNERS.put("java/security/MessageDigest", Family.DIGEST);
        OWNERS.put("java/util/regex/Matcher", Family.MATCHER);
        OWNERS.put("java/util/regex/MatchResult", Family.MATCHER);
    }

    /** {@code Object}'s final methods: they read no state of the object. */
    private static final Set<String> NEVER = Set.of("getClass", "wait", "notify", "notifyAll");

    private static final Set<String> COLLECTION_READS = Set.of(
        "size", "isEmpty", "get", "getOrDefault", "containsKey", "containsValue", "contains", "containsAll",
        "iterator", "listIterator", "spliterator", "descendingIterator", "forEach", "stream", "parallelStream",
        "keySet", "values", "entrySet", "navigableKeySet", "descendingKeySet", "descendingMap", "descendingSet",
        "sequencedKeySet", "sequencedValues", "sequencedEntrySet", "reversed",
        "firstKey", "lastKey", "firstEntry", "lastEntry", "floorKey", "ceilingKey", "lowerKey", "higherKey",
        "floorEntry", "ceilingEntry", "lowerEntry", "higherEntry", "headMap", "tailMap", "subMap",
        "headSet", "tailSet", "subSet", "first", "last", "floor", "ceiling", "lower", "higher",
        "indexOf", "lastIndexOf", "subList", "toArray", "peek", "peekFirst", "peekLast", "element",
        "getFirst", "getLast", "comparator", "clone", "equals", "hashCode", "toString");

    private static final Set<String> STRING_BUILDER_READS = Set.of(
        "length", "charAt", "codePointAt", "codePointBefore", "codePointCount", "offsetByCodePoints", "getChars",
        "indexOf", "lastIndexOf", "substring", "subSequence", "toString", "chars", "codePoints", "capacity",
        "compareTo", "isEmpty", "equals", "hashCode");
    private static final Set<String> STRING_BUILDER_RETURNS_THIS = Set.of(
        "append", "insert", "delete", "deleteCharAt", "replace", "reverse", "appendCodePoint", "repeat");

    private static final Set<String> FORMAT_READS = Set.of(
        "toPattern", "toLocalizedPattern", "clone", "equals", "hashCode", "toString");

    private static final Set<String> CALENDAR_READS = Set.of(
        "getFirstDayOfWeek", "getMinimalDaysInFirstWeek", "isLenient", "getCalendarType", "isWeekDateSupported",
        "getMinimum", "getMaximum", "getGreatestMinimum", "getLeastMaximum", "isSet", "clone", "equals",
        "hashCode", "compareTo", "before", "after", "toString");

    private static final Set<String> DIGEST_READS = Set.of(
        "getAlgorithm", "getDigestLength", "getProvider", "clone", "equals", "hashCode", "toString");

    private static final Set<String> MATCHER_READS = Set.of(
        "pattern", "group", "start", "end", "groupCount", "hitEnd", "requireEnd", "regionStart", "regionEnd",
        "hasTransparentBounds", "hasAnchoringBounds", "toMatchResult", "namedGroups", "hasMatch", "equals",
        "hashCode", "toString");
    private static final Set<String> MATCHER_RETURNS_THIS = Set.of(
        "appendReplacement", "region", "reset", "usePattern", "useAnchoringBounds", "useTransparentBounds");

    private ObjectMethods() {
    }

    /** The hooked call for an {@code invokevirtual}/{@code invokeinterface} instruction, or null if it is not one. */
    static Call classify(String owner, String name, String descriptor) {
        Family family = OWNERS.get(owner);
        if (family == null || NEVER.contains(name) || name.startsWith("<")) {
            return null;
        }
        boolean reads = switch (family) {
            case COLLECTION -> COLLECTION_READS.contains(name);
            case STRING_BUILDER -> STRING_BUILDER_READS.contains(name);
            case FORMAT -> FORMAT_READS.contains(name) || name.startsWith("get") || name.startsWith("is");
            case CALENDAR -> CALENDAR_READS.contains(name);
            case DIGEST -> DIGEST_READS.contains(name);
            case MATCHER -> MATCHER_READS.contains(name);
        };
        boolean returnsReceiver = switch (family) {
            case STRING_BUILDER -> STRING_BUILDER_RETURNS_THIS.contains(name) && descriptor.endsWith(")L" + owner + ";");
            case MATCHER -> MATCHER_RETURNS_THIS.contains(name) && descriptor.endsWith(")L" + owner + ";");
            default -> false;
        };
        return new Call(owner.replace('/', '.') + "." + name, !reads, returnsReceiver);
    }
}
