package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.cli.testing.RaceScenarios;
import dev.weft.cli.testing.TestRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a data-race finding tells beyond the two sites: the locks held at each access, the earlier
 * access's stack (and where it was seen, since the agent keeps none per access), and the
 * synchronization weft does not model that may order the race after all.
 */
class RaceReportDetailsTest {
    private static final String ACCOUNT = RaceScenarios.Account.class.getName();
    private static final String HANDOFF = RaceScenarios.Handoff.class.getName();
    private static final String SOURCE = "src/test/java/dev/weft/cli/testing/RaceScenarios.java";

    @TempDir
    static Path dir;
    static Path audited;
    static Path otherTeller;
    static Path fences;
    static Path orderedWriter;
    static Path unrelatedSpin;

    @BeforeAll
    static void record() {
        audited = TestRecording.withRaceDetection(dir.resolve("audited.jfr"), RaceScenarios::auditedWithoutTheLock);
        otherTeller = TestRecording.withRaceDetectionButNoAccessStacks(dir.resolve("teller.jfr"),
                RaceScenarios::auditedThenDepositedByATeller);
        fences = TestRecording.withRaceDetection(dir.resolve("fences.jfr"), RaceScenarios::handedOverThroughFences);
        orderedWriter = TestRecording.withRaceDetection(dir.resolve("ordered.jfr"),
                RaceScenarios::publishedOrderedReadPlainly);
        unrelatedSpin = TestRecording.withRaceDetection(dir.resolve("unrelated.jfr"),
                RaceScenarios::publishedWhileAnUnrelatedClassSpins);
    }

    @Test
    void eachAccessTellsTheLocksItsThreadHeldWithWhereEachWasTaken() throws IOException {
        JsonNode race = race(CliRun.weft("analyze", audited, "--format", "json").json(), RaceScenarios.BALANCE);
        JsonNode peek = race.at("/locations/0");
        JsonNode deposit = race.at("/locations/1");

        assertThat(List.of(text(peek, "thread"), text(peek, "access"), text(peek, "method")))
                .containsExactly(RaceScenarios.AUDITOR, "read", "peek");
        assertThat(peek.get("locksHeld")).as("the auditor held none").isEmpty();
        assertThat(List.of(text(deposit, "thread"), text(deposit, "access"), text(deposit, "method")))
                .containsExactly(RaceScenarios.DEPOSITOR, "write", "deposit");
        assertThat(deposit.get("locksHeld")).hasSize(1);
        assertThat(deposit.at("/locksHeld/0").asText())
                .matches("java\\.util\\.concurrent\\.locks\\.ReentrantLock@[0-9a-f]+ taken at "
                        + ACCOUNT.replace(".", "\\.").replace("$", "\\$") + "\\.deposit\\(RaceScenarios\\.java:"
                        + lineOf("// LOCK") + "\\)");
    }

    @Test
    void theEarlierAccessGetsTheStackTakenWhenItsSiteRanAgain() {
        JsonNode deposit = race(CliRun.weft("analyze", audited, "--format", "json").json(), RaceScenarios.BALANCE)
                .at("/locations/1");

        assertThat(text(deposit, "stackSource")).isEqualTo("later-execution");
        assertThat(deposit.has("stackThread")).as("the depositor itself ran it again").isFalse();
        assertThat(text(deposit.get("stack"), 0)).startsWith(ACCOUNT + ".deposit(RaceScenarios.java:");
        assertThat(deposit.get("stack").toString()).contains("NamedWorker.work").doesNotContain("dev.weft.runtime.");
    }

    @Test
    void anEarlierAccessWhoseSiteNeverRanAgainSaysThatOnlyItsSiteIsKnown() {
        CliRun run = CliRun.weft("analyze", audited);
        JsonNode memo = race(CliRun.weft("analyze", audited, "--format", "json").json(), RaceScenarios.MEMO)
                .at("/locations/1");

        assertThat(text(memo, "stackSource")).isEqualTo("none");
        assertThat(memo.has("stack")).isFalse();
        assertThat(memo.has("locksHeld")).as("not known").isFalse();
        assertThat(run.out().lines()).containsSubsequence(
                "ERROR data-race on " + RaceScenarios.MEMO + " (once)",
                "  Previous write by thread \"" + RaceScenarios.DEPOSITOR + "\":",
                "    (only the site is known: weft keeps no stack of an earlier access, and caught none at this"
                        + " site later)",
                "      at " + ACCOUNT + ".writeMemo(RaceScenarios.java:" + line(memo) + ")",
                "  Thread \"" + RaceScenarios.AUDITOR + "\" created at " + text(memo, "threadCreatedAt"));
    }

    @Test
    void theTextReportTellsBothStacksAndTheLocksAsThreadSanitizerDoes() {
        JsonNode race = race(CliRun.weft("analyze", audited, "--format", "json").json(), RaceScenarios.BALANCE);
        JsonNode peek = race.at("/locations/0");
        JsonNode deposit = race.at("/locations/1");

        CliRun run = CliRun.weft("analyze", audited);

        assertThat(run.out().lines()).containsSubsequence(
                "ERROR data-race on " + RaceScenarios.BALANCE + " (once)",
                "  Read of " + RaceScenarios.BALANCE + " by thread \"" + RaceScenarios.AUDITOR + "\":",
                "      at " + ACCOUNT + ".peek(RaceScenarios.java:" + line(peek) + ")",
                "    Locks held: none",
                "  Previous write by thread \"" + RaceScenarios.DEPOSITOR + "\":",
                "    (stack and locks held as seen at a later execution of this site)",
                "      at " + ACCOUNT + ".deposit(RaceScenarios.java:" + line(deposit) + ")",
                "    Locks held:",
                "      Mutex " + deposit.at("/locksHeld/0").asText(),
                "  Thread \"" + RaceScenarios.AUDITOR + "\" created at " + text(peek, "threadCreatedAt"),
                "  Thread \"" + RaceScenarios.DEPOSITOR + "\" created at " + text(deposit, "threadCreatedAt"),
                "  Fix: " + text(race, "fixHint"));
        assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void withoutAStackFromALaterExecutionTheStackOfAnotherRaceAtThatSiteIsBorrowedAndSaysWhose() {
        JsonNode report = CliRun.weft("analyze", otherTeller, "--format", "json").json();
        JsonNode deposit = null;
        for (JsonNode race : races(report)) {
            if (text(race.at("/locations/0"), "method").equals("peek")) {
                deposit = race.at("/locations/1");
            }
        }

        assertThat(deposit).isNotNull();
        assertThat(text(deposit, "thread")).isEqualTo(RaceScenarios.DEPOSITOR);
        assertThat(text(deposit, "stackSource")).isEqualTo("other-race");
        assertThat(text(deposit, "stackThread")).isEqualTo(RaceScenarios.TELLER);
        assertThat(text(deposit.get("stack"), 0)).startsWith(ACCOUNT + ".deposit(RaceScenarios.java:");
        assertThat(CliRun.weft("analyze", otherTeller).out()).contains("  Previous write by thread \""
                + RaceScenarios.DEPOSITOR + "\":" + System.lineSeparator() + "    (stack and locks held as seen at"
                + " this site in another race report by thread \"" + RaceScenarios.TELLER + "\")");
    }

    @Test
    void aRaceBetweenThreadsThatBothUsedUnmodelledSynchronizationIsAWarningThatSaysWhichAndWhere() {
        CliRun json = CliRun.weft("analyze", fences, "--format", "json");
        CliRun text = CliRun.weft("analyze", fences);

        JsonNode race = race(json.json(), RaceScenarios.DATA);
        assertThat(text(race, "severity")).isEqualTo("warning");
        assertThat(text(race, "message")).endsWith(", not ordered by any synchronization weft models (once)");
        String note = race.at("/notes/0").asText();
        assertThat(note).startsWith("this program synchronizes through ")
                .contains("Thread.onSpinWait at RaceScenarios.lambda$handedOverThroughFences$",
                        "VarHandle.releaseFence at RaceScenarios$Handoff.publishThroughAFence(RaceScenarios.java:"
                                + lineOf("// RELEASE") + ")",
                        "VarHandle.acquireFence at RaceScenarios$Handoff.readAfterAFence(RaceScenarios.java:"
                                + lineOf("// ACQUIRE") + ")")
                .endsWith(", which weft does not model; if they order these accesses, this is not a race");
        assertThat(json.exitCode()).as("a warning passes the default gate").isEqualTo(ExitCodes.PASSED);
        assertThat(text.out().lines()).containsSubsequence(
                "WARNING data-race on " + RaceScenarios.DATA + " (once)",
                "  " + text(race, "message"),
                "  Note: " + note,
                "  Read of " + RaceScenarios.DATA + " by thread \"" + RaceScenarios.SUBSCRIBER + "\":",
                "weft: 0 errors, 1 warning — gate 'error' passed");
        assertThat(CliRun.weft("analyze", fences, "--fail-on", "warning").exitCode())
                .isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void unmodelledSynchronizationInTheClassOfAnAccessExcusesTheRaceEvenIfOneThreadUsedIt() {
        JsonNode race = race(CliRun.weft("analyze", orderedWriter, "--format", "json").json(), RaceScenarios.DATA);

        assertThat(text(race, "severity")).isEqualTo("warning");
        assertThat(race.at("/notes/0").asText()).isEqualTo("this program synchronizes through Unsafe.putOrderedInt"
                + " at RaceScenarios$Handoff.publishOrdered(RaceScenarios.java:" + lineOf("// ORDERED") + "), which"
                + " weft does not model; if that orders these accesses, this is not a race");
    }

    @Test
    void oneThreadSpinningInAnUnrelatedClassExcusesNothing() {
        CliRun run = CliRun.weft("analyze", unrelatedSpin, "--format", "json");

        JsonNode race = race(run.json(), RaceScenarios.DATA);
        assertThat(text(race, "severity")).isEqualTo("error");
        assertThat(race.has("notes")).isFalse();
        assertThat(text(race, "message")).endsWith(", not ordered by any synchronization (once)");
        assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void sarifAndHtmlCarryTheNoteAndTheLocks() {
        JsonNode result = CliRun.weft("analyze", fences, "--format", "sarif").json().at("/runs/0/results/0");
        String html = CliRun.weft("analyze", audited, "--format", "html").out();

        assertThat(text(result, "level")).isEqualTo("warning");
        assertThat(result.at("/message/text").asText()).contains(" Note: this program synchronizes through ");
        assertThat(result.at("/properties/notes/0").asText()).startsWith("this program synchronizes through ");
        assertThat(html).contains("(stack and locks held as seen at a later execution of this site)",
                "Locks held: none", "Locks held: <code>java.util.concurrent.locks.ReentrantLock@");
        assertThat(CliRun.weft("analyze", fences, "--format", "html").out())
                .contains("<p class=\"note\"><strong>Note: </strong>this program synchronizes through ");
    }

    private static JsonNode race(JsonNode report, String field) {
        for (JsonNode race : races(report)) {
            if (text(race, "field").equals(field)) {
                return race;
            }
        }
        throw new AssertionError("no data race on " + field + " in " + report);
    }

    private static List<JsonNode> races(JsonNode report) {
        List<JsonNode> races = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (text(finding, "rule").equals("data-race")) {
                races.add(finding);
            }
        });
        return races;
    }

    /** The line of RaceScenarios.java that ends with {@code marker}. */
    private static int lineOf(String marker) {
        try {
            List<String> lines = Files.readAllLines(Paths.get(SOURCE));
            for (int index = 0; index < lines.size(); index++) {
                if (lines.get(index).endsWith(marker)) {
                    return index + 1;
                }
            }
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        throw new AssertionError("no line ends with " + marker);
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asText();
    }

    private static String text(JsonNode array, int index) {
        return array.get(index).asText();
    }

    private static int line(JsonNode location) {
        return location.get("line").asInt();
    }
}
