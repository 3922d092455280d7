package dev.weft.cli;

import static dev.weft.cli.testing.SampleReports.finding;
import static dev.weft.cli.testing.SampleReports.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Severity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ExitCodesTest {
    @ParameterizedTest(name = "--fail-on {0} with a {1} finding exits {2}")
    @CsvSource({
        "ERROR,   ERROR,   1",
        "ERROR,   WARNING, 0",
        "ERROR,   INFO,    0",
        "WARNING, ERROR,   1",
        "WARNING, WARNING, 1",
        "WARNING, INFO,    0",
        "INFO,    ERROR,   1",
        "INFO,    WARNING, 1",
        "INFO,    INFO,    1",
        "NEVER,   ERROR,   0",
        "NEVER,   INFO,    0"})
    void gateDecidesTheExitCode(Gate gate, Severity severity, int exitCode) {
        assertThat(ExitCodes.of(report(gate, false, finding("data-race", severity)))).isEqualTo(exitCode);
    }

    @Test
    void noFindingsPass() {
        assertThat(ExitCodes.of(report(Gate.INFO, false))).isEqualTo(ExitCodes.PASSED);
    }

    @Test
    void aCutRecordingIsAnInputError() {
        assertThat(ExitCodes.of(report(Gate.ERROR, true, finding("data-race", Severity.WARNING))))
                .isEqualTo(ExitCodes.USAGE_OR_INPUT);
    }

    @Test
    void findingsAtTheGateOutrankACutRecording() {
        assertThat(ExitCodes.of(report(Gate.ERROR, true, finding("deadlock", Severity.ERROR))))
                .isEqualTo(ExitCodes.GATE_FAILED);
    }
}
