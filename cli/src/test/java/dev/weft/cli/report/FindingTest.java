package dev.weft.cli.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class FindingTest {
    @Test
    void fingerprintSurvivesLinesMovingButNotAnotherField() {
        Finding before = race("com.acme.Counter.count", 42);
        Finding afterEdit = race("com.acme.Counter.count", 57);
        Finding otherField = race("com.acme.Counter.total", 42);

        assertThat(before.fingerprint()).hasSize(16).isEqualTo(afterEdit.fingerprint());
        assertThat(otherField.fingerprint()).isNotEqualTo(before.fingerprint());
    }

    @Test
    void aRuleMayGiveItsOwnFingerprint() {
        Finding finding = new Finding("deadlock", Severity.ERROR, null, "m", null, "cycle:a>b>a", 1, List.of());

        assertThat(finding.fingerprint()).isEqualTo("cycle:a>b>a");
    }

    @Test
    void ruleIdsAreKebabCase() {
        assertThatThrownBy(() -> new Finding("DataRace", Severity.ERROR, null, "m", null, null, 1, List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("kebab-case");
    }

    @Test
    void frameReadsLikeAJavaStackTraceLine() {
        assertThat(new Frame("com.acme.Outer$Inner", "run", 12)).hasToString("com.acme.Outer$Inner.run(Outer.java:12)");
        assertThat(new Frame("com.acme.Outer", "run", -1)).hasToString("com.acme.Outer.run(Outer.java)");
        assertThat(new Frame("com.acme.Outer", "run", 12).shortForm()).isEqualTo("Outer.run:12");
    }

    private static Finding race(String field, int line) {
        return new Finding("data-race", Severity.ERROR, field, "m", null, null, 1,
                List.of(new Location(new Frame("com.acme.Counter", "increment", line), "worker-1")));
    }
}
