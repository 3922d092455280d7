package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.cli.testing.DeadlockScenario;
import dev.weft.cli.testing.LockOrderScenarios;
import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The lock-order-inversion and deadlock rules on real recordings of threads taking real locks. */
class LockFindingsTest {
    private static final String ACCOUNT = LockOrderScenarios.Account.class.getName();
    private static final String SCENARIOS = LockOrderScenarios.class.getName();

    @TempDir
    static Path dir;
    static Path inverted;
    static Path consistent;
    static Path gated;
    static Path rotated;
    static Path deadlocked;
    static Path plain;

    @BeforeAll
    static void record() {
        inverted = TestRecording.withWeftEvents(dir.resolve("inverted.jfr"), LockOrderScenarios::inverted);
        consistent = TestRecording.withWeftEvents(dir.resolve("consistent.jfr"), LockOrderScenarios::consistent);
        gated = TestRecording.withWeftEvents(dir.resolve("gated.jfr"), LockOrderScenarios::invertedBehindAGate);
        rotated = TestRecording.withWeftEvents(dir.resolve("rotated.jfr"), LockOrderScenarios::rotated);
        deadlocked = TestRecording.withWeftEvents(dir.resolve("deadlock.jfr"),
                () -> DeadlockScenario.deadlockAndReport(1));
        plain = TestRecording.plain(dir.resolve("plain.jfr"), LockOrderScenarios::inverted);
    }

    @Test
    void locksTakenInConflictingOrdersAreOneWarning() {
        CliRun run = CliRun.weft("analyze", inverted, "--format", "json");

        assertThat(run.exitCode()).as("a warning passes the default gate").isEqualTo(ExitCodes.PASSED);
        List<JsonNode> findings = findings(run.json(), "lock-order-inversion");
        assertThat(findings).hasSize(1);
        JsonNode finding = findings.get(0);
        assertThat(finding.get("severity").asText()).isEqualTo("warning");
        assertThat(finding.get("field").isNull()).isTrue();
        assertThat(finding.get("message").asText())
                .startsWith("potential deadlock: 2 locks taken in conflicting orders: ")
                .contains("\"" + LockOrderScenarios.FIRST_THREAD + "\" took LockOrderScenarios$Account@",
                        "\"" + LockOrderScenarios.SECOND_THREAD + "\" took LockOrderScenarios$Account@",
                        "This run did not hang");
        assertThat(finding.get("fixHint").asText())
                .isEqualTo("take these locks in one global order, or guard them with one outer lock");
    }

    @Test
    void eachEdgeIsWhereTheFirstLockWasTakenAndWhereTheSecondWas() {
        JsonNode finding = findings(CliRun.weft("analyze", inverted, "--format", "json").json(),
                "lock-order-inversion").get(0);

        JsonNode locations = finding.get("locations");
        assertThat(locations).hasSize(4);
        JsonNode first = locations.get(0);
        JsonNode second = locations.get(1);
        assertThat(first.get("access").asText()).isEqualTo("acquired");
        assertThat(second.get("access").asText()).isEqualTo("then acquired");
        assertThat(first.get("thread").asText()).isEqualTo(second.get("thread").asText());
        assertThat(first.get("lock").asText()).startsWith(ACCOUNT + "@");
        assertThat(second.get("lock").asText()).startsWith(ACCOUNT + "@").isNotEqualTo(first.get("lock").asText());
        assertThat(first.get("class").asText()).isEqualTo(SCENARIOS);
        assertThat(first.get("method").asText()).isEqualTo("transfer");
        assertThat(second.get("line").asInt()).as("the inner block is below the outer")
                .isGreaterThan(first.get("line").asInt());
        assertThat(second.get("stack").get(0).asText()).as("weft's own frames are left out")
                .startsWith(SCENARIOS + ".transfer(LockOrderScenarios.java:");
        assertThat(first.get("stack").get(0).asText())
                .isEqualTo(SCENARIOS + ".transfer(LockOrderScenarios.java:" + first.get("line").asInt() + ")");
        assertThat(second.get("locksHeld").get(0).asText()).isEqualTo(first.get("lock").asText());
        assertThat(locations.get(2).get("lock").asText()).as("the cycle closes")
                .isEqualTo(second.get("lock").asText());
        assertThat(locations.get(3).get("lock").asText()).isEqualTo(first.get("lock").asText());
    }

    @Test
    void locksTakenInOneOrderAreFine() {
        JsonNode report = CliRun.weft("analyze", consistent, "--format", "json").json();

        assertThat(findings(report, "lock-order-inversion")).isEmpty();
        assertThat(report.get("checkedRules")).extracting(JsonNode::asText)
                .containsExactly("deadlock", "lock-order-inversion");
    }

    @Test
    void aCycleBehindOneGateLockCannotDeadlock() {
        JsonNode report = CliRun.weft("analyze", gated, "--format", "json").json();

        assertThat(findings(report, "lock-order-inversion")).isEmpty();
    }

    @Test
    void aCycleOfThreeLocksIsOneFindingWithThreeEdges() {
        List<JsonNode> findings = findings(CliRun.weft("analyze", rotated, "--format", "json").json(),
                "lock-order-inversion");

        assertThat(findings).hasSize(1);
        assertThat(findings.get(0).get("locations")).hasSize(6);
        assertThat(findings.get(0).get("message").asText()).startsWith("potential deadlock: 3 locks");
    }

    @Test
    void theSameCycleInTwoRecordingsIsCountedNotRepeated() {
        JsonNode report = CliRun.weft("analyze", inverted, rotated, "--format", "json").json();

        List<JsonNode> findings = findings(report, "lock-order-inversion");
        assertThat(findings).hasSize(2);
        assertThat(findings).extracting(finding -> finding.get("locations").size()).as("smallest cycle first")
                .containsExactly(4, 6);
    }

    @Test
    void aWarningFailsTheWarningGate() {
        assertThat(CliRun.weft("analyze", inverted, "--fail-on", "warning").exitCode())
                .isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void aDeadlockIsAnErrorNamingBothThreads() {
        CliRun run = CliRun.weft("analyze", deadlocked, "--format", "json");

        assertThat(run.exitCode()).as("an error fails the default gate").isEqualTo(ExitCodes.GATE_FAILED);
        List<JsonNode> findings = findings(run.json(), "deadlock");
        assertThat(findings).hasSize(1);
        JsonNode deadlock = findings.get(0);
        assertThat(deadlock.get("severity").asText()).isEqualTo("error");
        assertThat(deadlock.get("message").asText())
                .startsWith("deadlock: thread \"" + DeadlockScenario.FIRST_THREAD
                        + "\" holds ReentrantLock$NonfairSync@")
                .contains("and waits for ReentrantLock$NonfairSync@",
                        "held by \"" + DeadlockScenario.SECOND_THREAD + "\", thread \"" + DeadlockScenario.SECOND_THREAD
                                + "\" holds ", "held by \"" + DeadlockScenario.FIRST_THREAD + "\".");
        JsonNode locations = deadlock.get("locations");
        assertThat(locations).hasSize(2);
        JsonNode first = locations.get(0);
        assertThat(first.get("thread").asText()).isEqualTo(DeadlockScenario.FIRST_THREAD);
        assertThat(first.get("access").asText()).isEqualTo("waits for");
        assertThat(first.get("lockOwner").asText()).isEqualTo(DeadlockScenario.SECOND_THREAD);
        assertThat(first.get("lock").asText()).isEqualTo(locations.get(1).get("locksHeld").get(0).asText());
        assertThat(first.get("class").asText()).as("the first application frame")
                .isEqualTo(DeadlockScenario.class.getName());
        assertThat(first.get("method").asText()).isEqualTo("lockBoth");
        assertThat(first.get("stack").get(0).asText()).startsWith("jdk.internal.misc.Unsafe.park(");
    }

    @Test
    void theTextReportTellsTheDeadlockThreadByThread() {
        CliRun run = CliRun.weft("analyze", deadlocked);

        assertThat(run.out()).contains("ERROR deadlock (once)",
                "  Thread \"" + DeadlockScenario.FIRST_THREAD + "\" waits for java.util.concurrent.locks."
                        + "ReentrantLock$NonfairSync@",
                "held by \"" + DeadlockScenario.SECOND_THREAD + "\" at " + DeadlockScenario.class.getName()
                        + ".lockBoth(DeadlockScenario.java:",
                "  Fix: take these locks in one global order");
    }

    @Test
    void aRecordingWithoutTheAgentChecksNeitherRule() {
        JsonNode report = CliRun.weft("analyze", plain, "--format", "json").json();

        assertThat(report.get("checkedRules")).isEmpty();
        assertThat(report.get("findings")).isEmpty();
    }

    @Test
    void lockFindingsAndContentionComeFromOneRecording() {
        Path both = TestRecording.withWeftEvents(dir.resolve("both.jfr"), () -> {
            LockOrderScenarios.inverted();
            Scenarios.contendedMonitor(1);
        });

        JsonNode report = CliRun.weft("analyze", both, "--format", "json").json();

        assertThat(findings(report, "lock-order-inversion")).hasSize(1);
        assertThat(report.get("contention")).isNotEmpty();
    }

    private static List<JsonNode> findings(JsonNode report, String rule) {
        List<JsonNode> matching = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (finding.get("rule").asText().equals(rule)) {
                matching.add(finding);
            }
        });
        return matching;
    }
}
