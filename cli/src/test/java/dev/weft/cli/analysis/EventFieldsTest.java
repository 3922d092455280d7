package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class EventFieldsTest {
    @Test
    void arrayClassesReadAsInJavaSource() {
        assertThat(EventFields.sourceName("[I")).isEqualTo("int[]");
        assertThat(EventFields.sourceName("[[J")).isEqualTo("long[][]");
        assertThat(EventFields.sourceName("[Ljava.lang.String;")).isEqualTo("java.lang.String[]");
        assertThat(EventFields.sourceName("java.lang.Object")).isEqualTo("java.lang.Object");
        assertThat(EventFields.sourceName("com.acme.Outer$Inner")).isEqualTo("com.acme.Outer$Inner");
    }
}
