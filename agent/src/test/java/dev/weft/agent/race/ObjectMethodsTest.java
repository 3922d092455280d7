package dev.weft.agent.race;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Which application calls are checked as calls on objects that may not be thread-safe, and which mutate. */
class ObjectMethodsTest {

    @Test
    void collectionReadsAreReadsAndEverythingElseMutates() {
        assertThat(writes("java/util/Map", "get", "(Ljava/lang/Object;)Ljava/lang/Object;")).isFalse();
        assertThat(writes("java/util/Map", "containsKey", "(Ljava/lang/Object;)Z")).isFalse();
        assertThat(writes("java/util/HashMap", "size", "()I")).isFalse();
        assertThat(writes("java/util/List", "iterator", "()Ljava/util/Iterator;")).isFalse();
        assertThat(writes("java/lang/Iterable", "forEach", "(Ljava/util/function/Consumer;)V")).isFalse();
        assertThat(writes("java/util/Collection", "stream", "()Ljava/util/stream/Stream;")).isFalse();
        assertThat(writes("java/util/NavigableMap", "ceilingEntry", "(Ljava/lang/Object;)Ljava/util/Map$Entry;"))
            .isFalse();
        assertThat(writes("java/util/Deque", "peekFirst", "()Ljava/lang/Object;")).isFalse();

        assertThat(writes("java/util/Map", "put", "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;")).isTrue();
        assertThat(writes("java/util/Map", "computeIfAbsent",
            "(Ljava/lang/Object;Ljava/util/function/Function;)Ljava/lang/Object;")).isTrue();
        assertThat(writes("java/util/Map", "merge",
            "(Ljava/lang/Object;Ljava/lang/Object;Ljava/util/function/BiFunction;)Ljava/lang/Object;")).isTrue();
        assertThat(writes("java/util/List", "add", "(Ljava/lang/Object;)Z")).isTrue();
        assertThat(writes("java/util/List", "sort", "(Ljava/util/Comparator;)V")).isTrue();
        assertThat(writes("java/util/ArrayList", "clear", "()V")).isTrue();
        assertThat(writes("java/util/Deque", "poll", "()Ljava/lang/Object;")).isTrue();
        assertThat(writes("java/util/ArrayDeque", "push", "(Ljava/lang/Object;)V")).isTrue();
        assertThat(writes("java/util/Queue", "offer", "(Ljava/lang/Object;)Z")).isTrue();
        assertThat(writes("java/util/Collection", "removeIf", "(Ljava/util/function/Predicate;)Z")).isTrue();
        assertThat(writes("java/util/List", "aMethodOfAFutureJdk", "()V")).as("unknown: a write").isTrue();
    }

    @Test
    void stringBuilderMutatorsWriteAndReturnTheirReceiver() {
        ObjectMethods.Call append = ObjectMethods.classify("java/lang/StringBuilder", "append",
            "(Ljava/lang/String;)Ljava/lang/StringBuilder;");
        assertThat(append.writes()).isTrue();
        assertThat(append.returnsReceiver()).isTrue();
        assertThat(append.description()).isEqualTo("java.lang.StringBuilder.append");
        assertThat(writes("java/lang/StringBuilder", "setLength", "(I)V")).isTrue();
        assertThat(writes("java/lang/StringBuilder", "reverse", "()Ljava/lang/StringBuilder;")).isTrue();
        assertThat(writes("java/lang/Appendable", "append", "(C)Ljava/lang/Appendable;")).isTrue();
        assertThat(writes("java/lang/StringBuilder", "length", "()I")).isFalse();
        assertThat(writes("java/lang/StringBuilder", "toString", "()Ljava/lang/String;")).isFalse();
        assertThat(writes("java/lang/CharSequence", "charAt", "(I)C")).isFalse();
        assertThat(ObjectMethods.classify("java/lang/StringBuilder", "length", "()I").returnsReceiver()).isFalse();
    }

    @Test
    void formattingAndParsingMutateAFormat() {
        assertThat(writes("java/text/DateFormat", "format", "(Ljava/util/Date;)Ljava/lang/String;")).isTrue();
        assertThat(writes("java/text/SimpleDateFormat", "parse", "(Ljava/lang/String;)Ljava/util/Date;")).isTrue();
        assertThat(writes("java/text/Format", "format", "(Ljava/lang/Object;)Ljava/lang/String;")).isTrue();
        assertThat(writes("java/text/NumberFormat", "format", "(D)Ljava/lang/String;")).isTrue();
        assertThat(writes("java/text/DecimalFormat", "setMaximumFractionDigits", "(I)V")).isTrue();
        assertThat(writes("java/text/SimpleDateFormat", "toPattern", "()Ljava/lang/String;")).isFalse();
        assertThat(writes("java/text/DecimalFormat", "getMaximumFractionDigits", "()I")).isFalse();
        assertThat(writes("java/text/DateFormat", "isLenient", "()Z")).isFalse();
    }

    @Test
    void calendarsRecomputeInGetDigestsAndMatchersMutateAsTheyWork() {
        assertThat(writes("java/util/Calendar", "get", "(I)I")).as("get() completes the fields").isTrue();
        assertThat(writes("java/util/Calendar", "getTime", "()Ljava/util/Date;")).isTrue();
        assertThat(writes("java/util/GregorianCalendar", "add", "(II)V")).isTrue();
        assertThat(writes("java/util/Calendar", "getFirstDayOfWeek", "()I")).isFalse();
        assertThat(writes("java/security/MessageDigest", "update", "([B)V")).isTrue();
        assertThat(writes("java/security/MessageDigest", "digest", "()[B")).isTrue();
        assertThat(writes("java/security/MessageDigest", "getAlgorithm", "()Ljava/lang/String;")).isFalse();
        assertThat(writes("java/util/regex/Matcher", "find", "()Z")).isTrue();
        assertThat(writes("java/util/regex/Matcher", "matches", "()Z")).isTrue();
        assertThat(writes("java/util/regex/Matcher", "group", "(I)Ljava/lang/String;")).isFalse();
        assertThat(ObjectMethods.classify("java/util/regex/Matcher", "reset",
            "(Ljava/lang/CharSequence;)Ljava/util/regex/Matcher;").returnsReceiver()).isTrue();
    }

    @Test
    void otherOwnersAndStatelessObjectMethodsAreNotChecked() {
        assertThat(ObjectMethods.classify("java/util/concurrent/ConcurrentHashMap", "put",
            "(Ljava/lang/Object;Ljava/lang/Object;)Ljava/lang/Object;")).as("thread-safe by its type").isNull();
        assertThat(ObjectMethods.classify("java/util/Vector", "add", "(Ljava/lang/Object;)Z")).isNull();
        assertThat(ObjectMethods.classify("java/lang/StringBuffer", "append",
            "(Ljava/lang/String;)Ljava/lang/StringBuffer;")).isNull();
        assertThat(ObjectMethods.classify("java/lang/String", "length", "()I")).isNull();
        assertThat(ObjectMethods.classify("java/lang/Object", "toString", "()Ljava/lang/String;")).isNull();
        assertThat(ObjectMethods.classify("com/acme/Cache", "put", "(Ljava/lang/Object;)V")).isNull();
        assertThat(ObjectMethods.classify("java/util/HashMap", "getClass", "()Ljava/lang/Class;")).isNull();
        assertThat(ObjectMethods.classify("java/util/ArrayList", "notifyAll", "()V")).isNull();
    }

    private static boolean writes(String owner, String name, String descriptor) {
        ObjectMethods.Call call = ObjectMethods.classify(owner, name, descriptor);
        assertThat(call).as(owner + "." + name).isNotNull();
        return call.writes();
    }
}
