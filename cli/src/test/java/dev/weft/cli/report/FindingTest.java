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
        assertThat(new Frame("com.acme.Outer$Inner", "run", 12).withoutPackage())
                .isEqualTo("Outer$Inner.run(Outer.java:12)");
    }

    @Test
    void aFindingIsInDependenciesOnlyWhenEveryLocationIsInALibrary() {
        Location h2 = new Location(new Frame("org.h2.mvstore.Page", "setKey", 88), "db-1");
        Location spring = new Location(new Frame("org.springframework.beans.Cache", "put", 10), "db-2");
        Location ours = new Location(new Frame("com.acme.Repository", "save", 31), "db-2");

        assertThat(finding(h2, spring).inDependencies()).isTrue();
        assertThat(finding(h2, ours).inDependencies()).as("the application has a part in it").isFalse();
        assertThat(finding().inDependencies()).as("nowhere is not in a library").isFalse();
        assertThat(finding(new Location(new Frame("org.h2x.Lookalike", "run", 1), "t")).inDependencies())
                .as("prefixes are whole packages").isFalse();
    }

    private static Finding finding(Location... locations) {
        return new Finding("data-race", Severity.ERROR, "f", "m", null, null, 1, List.of(locations));
    }

    private static Finding race(String field, int line) {
        return new Finding("data-race", Severity.ERROR, field, "m", null, null, 1,
                List.of(new Location(new Frame("com.acme.Counter", "increment", line), "worker-1")));
    }
}
