package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import java.util.List;
import org.junit.jupiter.api.Test;

class DataRaceRuleTest {
    @Test
    void aRaceOnAFieldIsFixedWithALockOrAVolatile() {
        assertThat(DataRaceRule.fixHint("com.acme.Counter.count")).isEqualTo("guard every access to"
                + " com.acme.Counter.count with one lock, or make it volatile/atomic if it is an independent value");
    }

    @Test
    void aRaceOnArrayElementsIsFixedWithALockOrAnAtomicArrayNeverAVolatileField() {
        assertThat(DataRaceRule.fixHint("com.acme.Stats.counts[]")).isEqualTo("guard every access to"
                + " com.acme.Stats.counts[] with one lock, or use an atomic array (AtomicIntegerArray, AtomicLongArray,"
                + " AtomicReferenceArray) if its elements are independent values; a volatile array field does not"
                + " make its elements volatile");
        assertThat(DataRaceRule.fixHint("int[] (element)")).startsWith("guard every access to int[] (element) with"
                + " one lock, or use an atomic array");
        assertThat(DataRaceRule.fixHint("com.acme.Grid.cells[][]")).contains("atomic array");
    }

    @Test
    void arrayElementNamesAreTold() {
        assertThat(DataRaceRule.isArrayElement("com.acme.Stats.counts[]")).isTrue();
        assertThat(DataRaceRule.isArrayElement("java.lang.Object[] (element)")).isTrue();
        assertThat(DataRaceRule.isArrayElement("com.acme.Stats.counts")).isFalse();
        assertThat(DataRaceRule.isArrayElement(null)).isFalse();
    }

    @Test
    void theMessageNamesTheArray() {
        List<Location> accesses = List.of(
                new Location(new Frame("com.acme.Stats", "add", 3), "w", "write", List.of(), List.of(), null),
                new Location(new Frame("com.acme.Stats", "get", 9), "r", "read", List.of(), List.of(), null));

        assertThat(DataRaceRule.message("com.acme.Stats.counts[]", accesses, 2, false))
                .startsWith("data race on com.acme.Stats.counts[]: write by thread \"w\" at Stats.add(");
    }
}
