package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import dev.weft.cli.testing.WeftTestEvents;
import dev.weft.schema.WeftEvents;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The contention report's details on real recordings: the holds that made others wait, time in
 * {@code Object.wait()} kept apart, contention inside JDK code traced to the application, pinning.
 */
class ContentionReportTest {
    private static final long BLOCKING_HOLD_NANOS = 75_000_000L;

    @TempDir
    static Path dir;
    static Path recording;
    static int jucLine;
    static int waitLine;
    static int appendLine;
    static int pinLine;

    @BeforeAll
    static void record() {
        recording = TestRecording.withWeftEvents(dir.resolve("details.jfr"), () -> {
            int monitorLine = Scenarios.contendedMonitor(1);
            Scenarios.reportMonitorStatistics(monitorLine, 2);
            jucLine = Scenarios.contendedReentrantLock(2, true);
            Scenarios.reportLockStatistics(2, WeftEvents.LockKinds.JUC, ReentrantLock.class.getName(), "acquire",
                    jucLine, 4, 2, 1, 2, BLOCKING_HOLD_NANOS);
            waitLine = Scenarios.waitForSignal();
            appendLine = Scenarios.contendedJdkMonitor();
            pinLine = Scenarios.reportPinning(3, 2);
        });
    }

    @Test
    void jucSitesSayHowOftenAndHowLongTheirHoldsMadeOthersWait() {
        JsonNode report = json();

        JsonNode juc = entry(report, "juc");
        assertThat(juc.get("blockingHolds").asLong()).isEqualTo(2);
        assertThat(juc.get("blockingHoldNanos").asLong()).isEqualTo(BLOCKING_HOLD_NANOS);
        JsonNode monitor = entry(report, Scenarios.GuardedResource.class.getName());
        assertThat(monitor.get("blockingHolds").isNull()).as("weft does not time monitor holds").isTrue();
        assertThat(monitor.get("blockingHoldNanos").isNull()).isTrue();
    }

    @Test
    void objectWaitIsAnEntryOfItsOwnAfterTheLocksWithTheNotifierAsOwner() {
        JsonNode report = json();

        List<String> kinds = new ArrayList<>();
        report.get("contention").forEach(entry -> kinds.add(entry.get("lockKind").asText()));
        assertThat(kinds).endsWith("wait").filteredOn("wait"::equals).hasSize(1);
        JsonNode wait = entry(report, "wait");
        assertThat(wait.get("lockClass").asText()).isEqualTo(Scenarios.Mailbox.class.getName());
        assertThat(wait.at("/site/method").asText()).isEqualTo("awaitMail");
        assertThat(wait.at("/site/line").asInt()).isEqualTo(waitLine);
        assertThat(wait.at("/waiters/0/thread").asText()).isEqualTo(Scenarios.SIGNAL_WAITER);
        assertThat(wait.at("/owners/0/thread").asText()).isEqualTo(Scenarios.SIGNAL_NOTIFIER);
        assertThat(report.get("contention")).as("Thread.join() is waiting for a thread to end, not for a signal")
                .noneMatch(entry -> entry.get("lockClass").asText().equals(Thread.class.getName()));
    }

    @Test
    void aMonitorTakenInsideTheJdkNamesTheApplicationCodeThatCalledIt() {
        JsonNode buffer = entry(json(), StringBuffer.class.getName());

        assertThat(buffer.at("/site/class").asText()).isEqualTo(StringBuffer.class.getName());
        assertThat(buffer.at("/calledFrom/class").asText()).isEqualTo(Scenarios.class.getName());
        assertThat(buffer.at("/calledFrom/line").asInt()).isEqualTo(appendLine);
        assertThat(buffer.at("/owners/0/thread").asText()).isEqualTo(Scenarios.BUFFER_HOLDER);
    }

    @Test
    void pinnedVirtualThreadsAreSummedPerSite() {
        JsonNode pinning = json().get("pinning");

        assertThat(pinning).hasSize(1);
        JsonNode site = pinning.get(0);
        assertThat(site.at("/site/method").asText()).isEqualTo("reportPinning");
        assertThat(site.at("/site/line").asInt()).isEqualTo(pinLine);
        assertThat(site.get("count").asLong()).isEqualTo(3);
        assertThat(site.get("maxNanos").asLong()).isPositive().isLessThanOrEqualTo(site.get("totalNanos").asLong());
    }

    @Test
    void theTextReportShowsEachInItsPlace() {
        String text = CliRun.weft("analyze", recording).out();

        assertThat(text).contains("BLOCKING HOLDS", "2 (75.0 ms)",
                "StringBuffer.append:", "from " + Scenarios.class.getName() + ".lambda$contendedJdkMonitor$",
                ":" + appendLine,
                "Waiting in Object.wait() (1 site, waiting to be notified, not lock contention)",
                "Scenarios.awaitMail:" + waitLine, "signal-notifier (1)",
                "Virtual threads pinned (1 site", "Scenarios.reportPinning:" + pinLine);
        assertThat(text.indexOf("Lock contention")).isLessThan(text.indexOf("Waiting in Object.wait()"));
    }

    @Test
    void theHtmlReportGoesToStandardOutputWithItsTimelineAroundTheLongestWait() {
        CliRun run = CliRun.weft("analyze", recording, "--format", "html");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.PASSED);
        String html = run.out();
        assertThat(html).startsWith("<!DOCTYPE html>");
        // the longest wait is one of the scenarios' waits of about the same length: which one varies
        assertThat(html).contains("<svg id=\"timeline\"", " (waited)</text>", " (owner)</text>",
                "data-state=\"blocked\"", "data-state=\"holding\"");
    }

    @Test
    void anUnnamedThreadIsNamedByItsId() {
        long[] id = new long[1];
        Path unnamed = TestRecording.withWeftEvents(dir.resolve("unnamed.jfr"), () -> {
            Thread thread = new Thread(() -> {
                WeftTestEvents.LockContended wait = new WeftTestEvents.LockContended();
                wait.lockClass = ReentrantLock.class.getName();
                wait.siteClass = Scenarios.class.getName();
                wait.siteMethod = "run";
                wait.commit();
            }, "");
            id[0] = thread.getId();
            thread.start();
            thread.join();
        });

        JsonNode entry = CliRun.weft("analyze", unnamed, "--format", "json").json().at("/contention/0");

        assertThat(entry.at("/waiters/0/thread").asText()).as("as virtual threads are").isEqualTo("unnamed #" + id[0]);
    }

    private static JsonNode json() {
        return CliRun.weft("analyze", recording, "--format", "json").json();
    }

    /** The one entry of this lock kind, or else of this lock class. */
    private static JsonNode entry(JsonNode report, String kindOrClass) {
        List<JsonNode> entries = new ArrayList<>();
        report.get("contention").forEach(entry -> {
            if (entry.get("lockKind").asText().equals(kindOrClass)
                    || entry.get("lockClass").asText().equals(kindOrClass)) {
                entries.add(entry);
            }
        });
        assertThat(entries).as(kindOrClass).hasSize(1);
        return entries.get(0);
    }
}
