package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ObjectRaceHintsTest {

    @Test
    void theObjectsClassIsReadFromEitherFormOfItsName() {
        assertThat(ObjectRaceHints.classOf("com.acme.Cache.entries (java.util.HashMap)")).isEqualTo("java.util.HashMap");
        assertThat(ObjectRaceHints.classOf("java.util.ArrayList instance")).isEqualTo("java.util.ArrayList");
        assertThat(ObjectRaceHints.classOf("com.acme.Counter.count")).isNull();
        assertThat(ObjectRaceHints.classOf(null)).isNull();
    }

    @Test
    void theAccessNamesTheCallWithoutItsPackage() {
        assertThat(ObjectRaceHints.access("write", "java.util.Map.put")).isEqualTo("write (Map.put)");
        assertThat(ObjectRaceHints.access("read", "java.text.SimpleDateFormat.toPattern"))
                .isEqualTo("read (SimpleDateFormat.toPattern)");
        assertThat(ObjectRaceHints.access("read", null)).isEqualTo("read");
        assertThat(ObjectRaceHints.access(null, "java.util.List.add")).isEqualTo("call (List.add)");
    }

    @Test
    void eachClassGetsItsUsualFix() {
        assertThat(ObjectRaceHints.fixHint("com.acme.Cache.entries (java.util.HashMap)", "java.util.HashMap"))
                .isEqualTo("use a ConcurrentHashMap, or guard every call on com.acme.Cache.entries with one lock,"
                        + " reads and iteration too");
        assertThat(ObjectRaceHints.fixHint("java.util.ArrayList instance", "java.util.ArrayList"))
                .startsWith("guard every call on the ArrayList with one lock, reads and iteration too, or use a"
                        + " CopyOnWriteArrayList");
        assertThat(ObjectRaceHints.fixHint("com.acme.Dates.FORMAT (java.text.SimpleDateFormat)",
                "java.text.SimpleDateFormat")).startsWith("use java.time's DateTimeFormatter");
        assertThat(ObjectRaceHints.fixHint("java.util.GregorianCalendar instance", "java.util.GregorianCalendar"))
                .contains("even get() recomputes its fields");
        assertThat(ObjectRaceHints.fixHint("java.util.regex.Matcher instance", "java.util.regex.Matcher"))
                .contains("a Pattern is thread-safe, a Matcher is not");
        assertThat(ObjectRaceHints.fixHint("com.acme.Registry.map (com.acme.MyMap)", "com.acme.MyMap"))
                .isEqualTo("guard every call on com.acme.Registry.map with one lock, or give each thread its own");
    }
}
