package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import dev.weft.schema.WeftEvents;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code weft analyze} on real recordings of real contention, made in this JVM. */
class AnalyzeCommandTest {
    private static final int ROUNDS = 3;
    private static final long LEAST_WAIT_NANOS = TimeUnit.MILLISECONDS.toNanos(Scenarios.HOLD_AFTER_BLOCKED_MILLIS);
    private static final String MONITOR_CLASS = Scenarios.GuardedResource.class.getName();
    private static final String JUC_CLASS = ReentrantLock.class.getName();

    @TempDir
    static Path dir;
    static Path agentRecording;
    static Path plainRecording;
    static Path agentErrorsRecording;
    static int monitorLine;
    static int jucLine;
    static String recordingThread;

    @BeforeAll
    static void record() {
        recordingThread = Thread.currentThread().getName();
        agentRecording = TestRecording.withWeftEvents(dir.resolve("agent.jfr"), () -> {
            Scenarios.reportAgentInfo("9.9.9-test", 0, "");
            monitorLine = Scenarios.contendedMonitor(ROUNDS);
            Scenarios.reportMonitorStatistics(monitorLine, ROUNDS);
            jucLine = Scenarios.contendedReentrantLock(ROUNDS, true);
            Scenarios.reportLockStatistics(2, WeftEvents.LockKinds.JUC, JUC_CLASS, "acquire", jucLine,
                    2 * ROUNDS, ROUNDS, 1);
            Scenarios.startReportedThread();
            Scenarios.reportMonitorStatistics(monitorLine, 2 * ROUNDS);
        });
        plainRecording = TestRecording.plain(dir.resolve("plain.jfr"), () -> {
            Scenarios.contendedMonitor(ROUNDS);
            Scenarios.contendedReentrantLock(ROUNDS, false);
            Scenarios.idleQueuePoll();
        });
        agentErrorsRecording = TestRecording.withWeftEvents(dir.resolve("agent-errors.jfr"),
                () -> Scenarios.reportAgentInfo("9.9.9-test", 2, "NullPointerException in Hooks.onLock"));
    }

    @Test
    void jsonReportIsOneObjectWithTheDocumentedShape() {
        CliRun run = CliRun.weft("analyze", agentRecording, "--format", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.err()).isEmpty();
        JsonNode report = run.json();
        assertThat(fieldNames(report))
                .containsExactly("tool", "recordings", "summary", "checkedRules", "findings", "contention", "pinning",
                        "threads", "notes");
        assertThat(report.at("/tool/name").asText()).isEqualTo("weft");
        assertThat(fieldNames(report.get("summary")))
                .containsExactly("findings", "errors", "warnings", "infos", "gate", "gateFailed", "baselined",
                        "dependencyFindings", "dependenciesGated");
        assertThat(report.at("/summary/gate").asText()).isEqualTo("error");
        assertThat(report.at("/summary/gateFailed").asBoolean()).isFalse();
        assertThat(report.get("findings")).isEmpty();
        JsonNode recording = report.at("/recordings/0");
        assertThat(recording.get("path").asText()).isEqualTo(agentRecording.toString());
        assertThat(recording.get("events").asLong()).isPositive();
        assertThat(recording.get("weftEvents").asBoolean()).isTrue();
        assertThat(recording.get("cut").asBoolean()).isFalse();
        assertThat(recording.get("start").asText()).isNotBlank();
        assertThat(recording.at("/agent/version").asText()).isEqualTo("9.9.9-test");
        assertThat(recording.at("/agent/instrumentedClasses").asLong()).isEqualTo(42);
        assertThat(report.get("notes")).isEmpty();
    }

    @Test
    void contendedMonitorIsOneEntryWithWeftsCountsAndJfrsWaits() {
        JsonNode report = CliRun.weft("analyze", agentRecording, "--format", "json").json();

        List<JsonNode> entries = entriesFor(report, MONITOR_CLASS);
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("lockKind").asText()).isEqualTo("monitor");
        assertSite(entry, "enterMonitor", monitorLine);
        assertThat(entry.get("acquisitions").asLong()).as("the latest cumulative count").isEqualTo(2 * ROUNDS);
        assertThat(entry.get("contended").asLong()).isEqualTo(ROUNDS);
        assertWaitsAtLeast(entry.get("waitNanos"), ROUNDS);
        assertThat(threadCounts(entry.get("waiters"))).containsExactly(Scenarios.MONITOR_WAITER + "=" + ROUNDS);
        assertThat(threadCounts(entry.get("owners"))).containsExactly(Scenarios.MONITOR_HOLDER + "=" + ROUNDS);
    }

    @Test
    void weftsLockContendedNamesTheOwnerAndReplacesJfrParks() {
        JsonNode report = CliRun.weft("analyze", agentRecording, "--format", "json").json();

        List<JsonNode> entries = entriesFor(report, JUC_CLASS);
        assertThat(entries).hasSize(1);
        JsonNode entry = entries.get(0);
        assertThat(entry.get("lockKind").asText()).isEqualTo("juc");
        assertSite(entry, "acquire", jucLine);
        assertThat(entry.get("acquisitions").asLong()).isEqualTo(2 * ROUNDS);
        assertThat(entry.get("contended").asLong()).isEqualTo(ROUNDS);
        assertWaitsAtLeast(entry.get("waitNanos"), ROUNDS);
        assertThat(threadCounts(entry.get("waiters"))).containsExactly(Scenarios.JUC_WAITER + "=" + ROUNDS);
        assertThat(threadCounts(entry.get("owners"))).containsExactly(Scenarios.JUC_OWNER + "=" + ROUNDS);
    }

    @Test
    void plainRecordingGetsContentionFromJfrAloneAndSaysSo() {
        JsonNode report = CliRun.weft("analyze", plainRecording, "--format", "json").json();

        assertThat(report.at("/recordings/0/weftEvents").asBoolean()).isFalse();
        assertThat(report.at("/recordings/0/agent").isNull()).isTrue();
        assertThat(report.get("notes")).extracting(JsonNode::asText).containsExactly("weft's events are absent from "
                + plainRecording + ": contention comes from JFR's built-in events only; record with"
                + " -javaagent:weft-agent.jar for lock sites, j.u.c. owners, threads and findings.");

        JsonNode monitor = entriesFor(report, MONITOR_CLASS).get(0);
        assertThat(monitor.get("acquisitions").isNull()).as("only weft counts acquisitions").isTrue();
        assertThat(monitor.get("contended").asLong()).isEqualTo(ROUNDS);
        assertThat(threadCounts(monitor.get("owners"))).containsExactly(Scenarios.MONITOR_HOLDER + "=" + ROUNDS);

        List<JsonNode> parks = entriesFor(report, JUC_CLASS);
        assertThat(parks).hasSize(1);
        JsonNode park = parks.get(0);
        assertThat(park.get("lockKind").asText()).isEqualTo("park");
        assertThat(park.at("/site/class").asText()).as("the first frame outside the JDK")
                .isEqualTo(Scenarios.class.getName());
        assertThat(park.at("/site/method").asText()).isEqualTo("acquire");
        assertThat(threadCounts(park.get("waiters"))).containsExactly(Scenarios.JUC_WAITER + "=" + ROUNDS);
        assertThat(park.get("owners")).isEmpty();

        assertThat(report.get("contention")).as("waiting for work is not contention")
                .noneMatch(entry -> entry.get("waiters").toString().contains(Scenarios.IDLE_CONSUMER));
    }

    @Test
    void threadsNameTheirParentAndWhereTheyWereStarted() {
        JsonNode report = CliRun.weft("analyze", agentRecording, "--format", "json").json();

        assertThat(report.get("threads")).hasSize(1);
        JsonNode thread = report.at("/threads/0");
        assertThat(fieldNames(thread)).containsExactly("name", "id", "parent", "createdAt");
        assertThat(thread.get("name").asText()).isEqualTo(Scenarios.SPAWNED_THREAD);
        assertThat(thread.get("id").asLong()).isPositive();
        assertThat(thread.get("parent").asText()).isEqualTo(recordingThread);
        assertThat(thread.get("createdAt").asText())
                .startsWith(Scenarios.class.getName() + ".startReportedThread(Scenarios.java:");
    }

    @Test
    void agentErrorsBecomeANote() {
        JsonNode report = CliRun.weft("analyze", agentErrorsRecording, "--format", "json").json();

        assertThat(report.at("/recordings/0/agent/internalErrors").asLong()).isEqualTo(2);
        assertThat(report.get("notes")).extracting(JsonNode::asText).singleElement().asString()
                .contains("2 internal errors", "NullPointerException in Hooks.onLock", agentErrorsRecording.toString());
    }

    @Test
    void modelsThatDidNotReachTheirClassesBecomeANote() {
        Path recording = TestRecording.withWeftEvents(dir.resolve("models-not-applied.jfr"),
            () -> Scenarios.reportModelsNotApplied("java.util.concurrent.CompletableFuture$UniApply",
                "java.util.concurrent.CompletableFuture$BiApply"));

        JsonNode report = CliRun.weft("analyze", recording, "--format", "json").json();

        assertThat(report.at("/recordings/0/agent/modelsNotApplied").asLong()).isEqualTo(2);
        assertThat(report.at("/recordings/0/agent/modelsNotAppliedTo").asText())
                .isEqualTo("java.util.concurrent.CompletableFuture$UniApply, java.util.concurrent.CompletableFuture$BiApply");
        assertThat(report.get("notes")).extracting(JsonNode::asText).singleElement().asString()
                .contains("could not instrument 2 JDK classes", "CompletableFuture$UniApply", recording.toString());
    }

    @Test
    void synchronizedWaitsJoinWeftsSiteInTheSameMethodWhenTheLinesDiffer() {
        // weft reports a synchronized method at its declaration, JFR at its first line
        int[] line = new int[1];
        Path recording = TestRecording.withWeftEvents(dir.resolve("method-site.jfr"), () -> {
            line[0] = Scenarios.contendedMonitor(1);
            Scenarios.reportMonitorStatistics(line[0] - 1, 5);
        });

        JsonNode report = CliRun.weft("analyze", recording, "--format", "json").json();

        List<JsonNode> entries = entriesFor(report, MONITOR_CLASS);
        assertThat(entries).hasSize(1);
        assertSite(entries.get(0), "enterMonitor", line[0] - 1);
        assertThat(entries.get(0).get("acquisitions").asLong()).isEqualTo(5);
        assertThat(entries.get(0).get("contended").asLong()).isEqualTo(1);
    }

    @Test
    void textReportShowsTheContentionTableAndEndsWithTheVerdict() {
        CliRun run = CliRun.weft("analyze", agentRecording);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.out())
                .startsWith("weft ")
                .contains("1 recording", "weft agent 9.9.9-test", "No findings.", "Lock contention")
                .contains("GuardedResource", "Scenarios.enterMonitor:" + monitorLine, "monitor-holder (3)")
                .contains("ReentrantLock", "Scenarios.acquire:" + jucLine, "juc-owner (3)")
                .doesNotContain("\u001b[");
        assertThat(run.out().lines().reduce((first, second) -> second))
                .hasValue("weft: 0 errors, 0 warnings — gate 'error' passed");
    }

    @Test
    void outputOptionWritesTheReportToTheFileAndNothingToStdout() throws IOException {
        Path output = dir.resolve("report.json");

        CliRun run = CliRun.weft("analyze", agentRecording, "--format=json", "--output", output);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.out()).isEmpty();
        assertThat(run.err()).isEmpty();
        assertThat(Files.readString(output)).startsWith("{").contains("\"contention\"", MONITOR_CLASS);
    }

    @Test
    void directoryMergesItsRecordingsInNameOrderIntoOneReport() throws IOException {
        Path recordings = Files.createDirectories(dir.resolve("runs"));
        Files.copy(agentRecording, recordings.resolve("b.jfr"));
        Files.copy(agentRecording, recordings.resolve("a.jfr"));
        Files.writeString(recordings.resolve("README.txt"), "not a recording, and not read");

        JsonNode report = CliRun.weft("analyze", recordings, "--format", "json").json();

        assertThat(report.get("recordings")).extracting(node -> node.get("path").asText())
                .containsExactly(recordings.resolve("a.jfr").toString(), recordings.resolve("b.jfr").toString());
        JsonNode monitor = entriesFor(report, MONITOR_CLASS).get(0);
        assertThat(monitor.get("acquisitions").asLong()).isEqualTo(4 * ROUNDS);
        assertThat(monitor.get("contended").asLong()).isEqualTo(2 * ROUNDS);
        assertThat(report.get("threads")).hasSize(2);
    }

    @Test
    void recordingsWithAndWithoutTheAgentMergeBySite() {
        JsonNode report = CliRun.weft("analyze", agentRecording, plainRecording, agentRecording, "--format", "json")
                .json();

        assertThat(report.get("recordings")).as("the same file is read once").hasSize(2);
        List<JsonNode> monitors = entriesFor(report, MONITOR_CLASS);
        assertThat(monitors).hasSize(1);
        assertThat(monitors.get(0).get("acquisitions").asLong()).isEqualTo(2 * ROUNDS);
        assertThat(monitors.get(0).get("contended").asLong()).isEqualTo(2 * ROUNDS);
        assertThat(report.get("notes")).hasSize(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"error", "warning", "info", "never", "WARNING"})
    void everyGatePassesWhenThereAreNoFindings(String gate) {
        CliRun run = CliRun.weft("analyze", agentRecording, "--format", "json", "--fail-on", gate);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(run.json().at("/summary/gate").asText()).isEqualTo(gate.toLowerCase());
    }

    @Test
    void versionIsTheBuildsVersion() {
        CliRun run = CliRun.weft("--version");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out().strip()).matches("weft \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?");
    }

    @Test
    void helpListsTheExitCodes() {
        CliRun run = CliRun.weft("analyze", "--help");

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("--fail-on=LEVEL", "--format=FORMAT", "--output=FILE", "Exit codes:");
    }

    private static List<JsonNode> entriesFor(JsonNode report, String lockClass) {
        List<JsonNode> entries = new ArrayList<>();
        report.get("contention").forEach(entry -> {
            if (entry.get("lockClass").asText().equals(lockClass)) {
                entries.add(entry);
            }
        });
        return entries;
    }

    private static void assertSite(JsonNode entry, String method, int line) {
        assertThat(fieldNames(entry.get("site"))).containsExactly("class", "method", "line");
        assertThat(entry.at("/site/class").asText()).isEqualTo(Scenarios.class.getName());
        assertThat(entry.at("/site/method").asText()).isEqualTo(method);
        assertThat(entry.at("/site/line").asInt()).isEqualTo(line);
    }

    private static void assertWaitsAtLeast(JsonNode waits, int rounds) {
        assertThat(fieldNames(waits)).containsExactly("total", "p50", "p99", "max");
        assertThat(waits.get("total").asLong()).isGreaterThanOrEqualTo(rounds * LEAST_WAIT_NANOS);
        assertThat(waits.get("p50").asLong()).isGreaterThanOrEqualTo(LEAST_WAIT_NANOS);
        assertThat(waits.get("p99").asLong()).isGreaterThanOrEqualTo(waits.get("p50").asLong());
        assertThat(waits.get("max").asLong()).isGreaterThanOrEqualTo(waits.get("p99").asLong());
    }

    private static List<String> threadCounts(JsonNode threads) {
        List<String> counts = new ArrayList<>();
        threads.forEach(thread -> counts.add(thread.get("thread").asText() + "=" + thread.get("count").asLong()));
        return counts;
    }

    private static List<String> fieldNames(JsonNode node) {
        return StreamSupport.stream(((Iterable<String>) node::fieldNames).spliterator(), false).toList();
    }
}
