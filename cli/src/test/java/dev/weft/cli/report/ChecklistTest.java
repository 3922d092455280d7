package dev.weft.cli.report;

import static dev.weft.cli.testing.SampleReports.TOOL;
import static dev.weft.cli.testing.SampleReports.deadlock;
import static dev.weft.cli.testing.SampleReports.finding;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.testing.SampleReports;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChecklistTest {
    @Test
    void anItemFailsOnAFindingOfItsRulesPassesWhenCheckedAndIsNotCheckedOtherwise() {
        Report report = new ReportBuilder(TOOL)
                .addFinding(deadlock())
                .addFinding(finding("shared-jdbc-connection", Severity.ERROR))
                .addCheckedRule("deadlock")
                .addCheckedRule("lock-order-inversion")
                .addCheckedRule("check-then-insert")
                .build(Gate.ERROR);

        List<Checklist.Item> items = Checklist.of(report);

        assertThat(items).extracting(Checklist.Item::status).containsExactly(Checklist.Status.NOT_CHECKED,
                Checklist.Status.FAILED, Checklist.Status.PASSED, Checklist.Status.FAILED);
        assertThat(items.get(1).findings()).as("a finding fails its item even when unchecked").isEqualTo(1);
        assertThat(items.get(3).rules()).containsExactly("lock-order-inversion", "deadlock");
        assertThat(items.get(3).checkedRules()).containsExactly("lock-order-inversion", "deadlock");
        assertThat(Checklist.Status.NOT_CHECKED.id()).isEqualTo("not-checked");
    }

    @Test
    void aRaceWhollyInADependencyIsCountedApartAndFailsTheItemOnlyWhenDependenciesAreGated() {
        Report report = new ReportBuilder(TOOL).addFinding(SampleReports.dependencyRace()).addCheckedRule("data-race")
                .build(Gate.ERROR);

        Checklist.Item sharedState = Checklist.of(report).get(0);
        Checklist.Item gated = Checklist.of(report.withDependenciesGated()).get(0);

        assertThat(sharedState.status()).isEqualTo(Checklist.Status.PASSED);
        assertThat(sharedState.findings()).isZero();
        assertThat(sharedState.dependencyFindings()).isEqualTo(1);
        assertThat(gated.status()).isEqualTo(Checklist.Status.FAILED);
        assertThat(gated.findings()).isEqualTo(1);
        assertThat(gated.dependencyFindings()).isZero();
    }

    @Test
    void nothingCheckedIsNeverAPass() {
        assertThat(Checklist.of(new ReportBuilder(TOOL).build(Gate.ERROR))).extracting(Checklist.Item::status)
                .containsOnly(Checklist.Status.NOT_CHECKED);
    }
}
