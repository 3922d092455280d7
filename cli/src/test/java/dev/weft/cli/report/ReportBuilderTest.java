package dev.weft.cli.report;

import static dev.weft.cli.testing.SampleReports.TOOL;
import static dev.weft.cli.testing.SampleReports.contention;
import static dev.weft.cli.testing.SampleReports.finding;
import static dev.weft.cli.testing.SampleReports.objectWait;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.testing.SampleReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportBuilderTest {
    @Test
    void summaryCountsFindingsBySeverityAndAppliesTheGate() {
        Report report = new ReportBuilder(TOOL)
                .addFinding(finding("data-race", Severity.WARNING))
                .addFinding(finding("lock-order-inversion", Severity.WARNING))
                .addFinding(finding("unused-lock", Severity.INFO))
                .build(Gate.WARNING);

        assertThat(report.summary()).isEqualTo(new Summary(3, 0, 2, 1, Gate.WARNING, true, 0, 0, false));
    }

    @Test
    void findingsComeWorstFirstAndContentionMostWaitFirst() {
        Report report = new ReportBuilder(TOOL)
                .addFinding(finding("unused-lock", Severity.INFO))
                .addFinding(finding("deadlock", Severity.ERROR))
                .addFinding(finding("data-race", Severity.WARNING))
                .addContention(contention("com.acme.Small", 1_000))
                .addContention(contention("com.acme.Large", 9_000_000))
                .build(Gate.ERROR);

        assertThat(report.findings()).extracting(Finding::rule).containsExactly("deadlock", "data-race", "unused-lock");
        assertThat(report.contention()).extracting(ContentionEntry::lockClass)
                .containsExactly("com.acme.Large", "com.acme.Small");
    }

    @Test
    void timeInObjectWaitComesAfterLockContentionHoweverLong() {
        Report report = new ReportBuilder(TOOL)
                .addContention(objectWait("com.acme.Queue", 900_000_000))
                .addContention(contention("com.acme.Small", 1_000))
                .build(Gate.ERROR);

        assertThat(report.contention()).extracting(ContentionEntry::lockClass)
                .containsExactly("com.acme.Small", "com.acme.Queue");
    }

    @Test
    void smallerFindingsOfOneRuleComeFirst() {
        Finding twoLocations = SampleReports.deadlock();
        Finding oneLocation = new Finding("deadlock", Severity.ERROR, null, "m", null, null, 1,
                twoLocations.locations().subList(0, 1));

        Report report = new ReportBuilder(TOOL).addFinding(twoLocations).addFinding(oneLocation).build(Gate.ERROR);

        assertThat(report.findings()).containsExactly(oneLocation, twoLocations);
    }

    @Test
    void findingsOfOneRuleAndSizeComeMostFrequentFirstThenByField() {
        Finding rareA = race("com.acme.A.a", 1, "com.acme.A");
        Finding frequentB = race("com.acme.B.b", 9, "com.acme.B");
        Finding frequentA = race("com.acme.A.z", 9, "com.acme.A");

        Report report = new ReportBuilder(TOOL).addFinding(rareA).addFinding(frequentB).addFinding(frequentA)
                .build(Gate.ERROR);

        assertThat(report.findings()).containsExactly(frequentA, frequentB, rareA);
    }

    @Test
    void findingsWhollyInDependenciesComeLastAndDoNotFailTheGateUnlessAskedTo() {
        Finding inLibrary = race("org.h2.Page.keys", 50, "org.h2.Page");
        Finding ours = finding("lock-order-inversion", Severity.WARNING);

        Report report = new ReportBuilder(TOOL).addFinding(inLibrary).addFinding(ours).build(Gate.ERROR);

        assertThat(report.findings()).containsExactly(ours, inLibrary);
        assertThat(report.summary()).isEqualTo(new Summary(2, 1, 1, 0, Gate.ERROR, false, 0, 1, false));
        assertThat(report.summary().judges(inLibrary)).isFalse();
        Report gated = report.withDependenciesGated();
        assertThat(gated.summary().gateFailed()).isTrue();
        assertThat(gated.summary().fails(inLibrary)).isTrue();
        assertThat(gated.withoutAccepted(finding -> finding == ours, null).summary())
                .as("a baseline keeps the dependencies gated")
                .isEqualTo(new Summary(1, 1, 0, 0, Gate.ERROR, true, 1, 1, true));
    }

    @Test
    void gateLevelsFailOnTheirSeverityAndWorse() {
        assertThat(Gate.ERROR.failsOn(Severity.ERROR)).isTrue();
        assertThat(Gate.ERROR.failsOn(Severity.WARNING)).isFalse();
        assertThat(Gate.WARNING.failsOn(Severity.ERROR)).isTrue();
        assertThat(Gate.INFO.failsOn(Severity.INFO)).isTrue();
        assertThat(Gate.NEVER.failsOn(Severity.ERROR)).isFalse();
    }

    private static Finding race(String field, long count, String siteClass) {
        return new Finding("data-race", Severity.ERROR, field, "m", null, null, count,
                List.of(new Location(new Frame(siteClass, "set", 1), "t1"), new Location(new Frame(siteClass, "get", 2),
                        "t2")));
    }
}
