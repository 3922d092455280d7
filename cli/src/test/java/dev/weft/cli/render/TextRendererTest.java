package dev.weft.cli.render;

import static dev.weft.cli.testing.SampleReports.contention;
import static dev.weft.cli.testing.SampleReports.dataRace;
import static dev.weft.cli.testing.SampleReports.recording;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.LockKind;
import dev.weft.cli.report.PinnedSite;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Severity;
import dev.weft.cli.report.WaitTimes;
import dev.weft.cli.testing.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class TextRendererTest {
    @Test
    void aDataRaceReadsLikeThreadSanitizersReport() throws IOException {
        Report report = SampleReports.report(Gate.ERROR, false, dataRace(Severity.ERROR));

        String text = render(report, false);

        assertThat(text.lines()).containsSubsequence(
                "ERROR data-race on com.acme.Counter.count (3 times)",
                "  count is written and read by two threads with no happens-before order between them.",
                "  Write of com.acme.Counter.count by thread \"worker-2\":",
                "      at com.acme.Counter.increment(Counter.java:42)",
                "      at com.acme.Worker.run(Worker.java:17)",
                "    Locks held: none",
                "  Previous read by thread \"worker-1\":",
                "    (stack and locks held as seen at a later execution of this site)",
                "      at com.acme.Counter.get(Counter.java:50)",
                "    Locks held:",
                "      Mutex " + SampleReports.READER_LOCK,
                "  Thread \"worker-2\" created at com.acme.Server.start(Server.java:30)",
                "  Fix: guard count with the lock that get() holds, or make it an AtomicLong",
                "weft: 1 error, 0 warnings — gate 'error' failed");
    }

    @Test
    void anAccessWithoutAStackShowsItsSite() throws IOException {
        String text = render(SampleReports.report(Gate.ERROR, false, SampleReports.dependencyRace()), false);

        assertThat(text.lines()).containsSubsequence(
                "  Previous read by thread \"db-2\":",
                "      at org.h2.mvstore.Page.getKeyCount(Page.java:120)");
    }

    @Test
    void findingsWhollyInDependenciesComeApartAndOutOfTheGate() throws IOException {
        Report report = SampleReports.report(Gate.ERROR, false, SampleReports.dependencyRace(),
                SampleReports.deadlock());

        assertThat(render(report, false).lines()).containsSubsequence(
                "ERROR deadlock (once)",
                "In dependencies (1 finding in libraries' code only, left out of the gate; --gate-dependencies"
                        + " gates them)",
                "ERROR data-race on org.h2.mvstore.Page.keys (2 times)",
                "weft: 2 errors, 0 warnings (1 only in dependencies, not gated) — gate 'error' failed");
        assertThat(render(report.withDependenciesGated(), false).lines()).contains(
                "In dependencies (1 finding in libraries' code only, gated by --gate-dependencies)",
                "weft: 2 errors, 0 warnings (1 only in dependencies) — gate 'error' failed");
    }

    @Test
    void onlyDependencyFindingsSayTheApplicationHasNone() throws IOException {
        String text = render(SampleReports.report(Gate.ERROR, false, SampleReports.dependencyRace()), false);

        assertThat(text.lines()).containsSubsequence("No findings in the application's code.",
                "In dependencies (1 finding in libraries' code only, left out of the gate; --gate-dependencies"
                        + " gates them)",
                "weft: 1 error, 0 warnings (1 only in dependencies, not gated) — gate 'error' passed");
    }

    @Test
    void headerNamesEachRecording() throws IOException {
        String text = render(SampleReports.report(Gate.ERROR, true), false);

        assertThat(text.lines().limit(2)).containsExactly(
                "weft 0.0.0-test: 1 recording, 1,234 events over 12.0 s",
                "  app.jfr: 1,234 events over 12.0 s, weft agent (no agent info), cut short");
    }

    @Test
    void contentionTableShowsTheTopEntriesAligned() throws IOException {
        ReportBuilder builder = new ReportBuilder(SampleReports.TOOL).addRecording(recording("app.jfr", false));
        for (int i = 1; i <= 25; i++) {
            builder.addContention(contention("com.acme.Lock" + i, i * 1_500_000L));
        }

        String text = render(builder.build(Gate.ERROR), false);

        assertThat(text).contains("Lock contention (top 20 of 25 sites, most waiting first)");
        assertThat(text.lines().filter(line -> line.contains("Cache.get:12"))).hasSize(20);
        assertThat(text.lines()).contains(
                "  LOCK    KIND     SITE          ACQUIRED  CONTENDED  TOTAL WAIT      P50      P99      MAX"
                        + "  BLOCKING HOLDS  TOP WAITER    TOP OWNER",
                "  Lock25  monitor  Cache.get:12     1,000         10     37.5 ms  1.88 ms  7.50 ms  9.38 ms"
                        + "               -  worker-1 (7)  worker-3 (10)",
                "  Lock13  monitor  Cache.get:12     1,000         10     19.5 ms   975 µs  3.90 ms  4.88 ms"
                        + "               -  worker-1 (7)  worker-3 (10)");
        assertThat(text).doesNotContain("Lock5 ");
    }

    @Test
    void aLockFindingNamesTheLockAndItsOwnerAtEachThread() throws IOException {
        String text = render(SampleReports.report(Gate.ERROR, false, SampleReports.deadlock()), false);

        assertThat(text.lines()).containsSubsequence(
                "ERROR deadlock (once)",
                "  Thread \"teller-1\" waits for com.acme.Account@2b held by \"teller-2\" at"
                        + " com.acme.Bank.transfer(Bank.java:20)",
                "      at com.acme.Bank.transfer(Bank.java:20)",
                "    locks held: com.acme.Account@1a",
                "  Thread \"teller-2\" waits for com.acme.Account@1a held by \"teller-1\" at"
                        + " com.acme.Bank.refund(Bank.java:40)",
                "  Fix: take these locks in one global order, or guard them with one outer lock");
    }

    @Test
    void objectWaitsAndPinningHaveSectionsOfTheirOwnAfterContention() throws IOException {
        Report report = new ReportBuilder(SampleReports.TOOL).addRecording(recording("app.jfr", false))
                .addContention(SampleReports.objectWait("com.acme.Queue", 90_000_000))
                .addContention(contention("com.acme.Cache", 1_000_000))
                .addPinning(new PinnedSite(new Frame("com.acme.Io", "read", 9), 3, 6_000_000, 3_000_000))
                .build(Gate.ERROR);

        String text = render(report, false);

        assertThat(text.lines()).containsSubsequence(
                "Lock contention (1 site, most waiting first)",
                "  Cache  monitor  Cache.get:12     1,000         10     1.00 ms  50.0 µs  200 µs  250 µs"
                        + "               -  worker-1 (7)  worker-3 (10)",
                "Waiting in Object.wait() (1 site, waiting to be notified, not lock contention)",
                "  OBJECT  SITE           WAITS  TOTAL WAIT      P50      MAX  TOP WAITER    TOP NOTIFIER",
                "  Queue   Queue.take:30      4     90.0 ms  22.5 ms  45.0 ms  consumer (4)  producer (4)",
                "Virtual threads pinned (1 site, a pinned virtual thread that blocks holds its carrier thread)",
                "  SITE       PINNED    TOTAL      MAX",
                "  Io.read:9       3  6.00 ms  3.00 ms");
    }

    @Test
    void aSiteInsideTheJdkIsFollowedByTheApplicationFrameThatCalledIt() throws IOException {
        ContentionEntry jdkSite = new ContentionEntry("java.lang.StringBuffer", LockKind.MONITOR,
                new Frame("java.lang.StringBuffer", "append", 312), new Frame("com.acme.Log", "write", 44), null, 2,
                new WaitTimes(2_000_000, 1_000_000L, 1_000_000L, 1_000_000L), null, null, List.of(), List.of());
        Report report = new ReportBuilder(SampleReports.TOOL).addRecording(recording("app.jfr", false))
                .addContention(jdkSite).build(Gate.ERROR);

        String text = render(report, false);

        assertThat(text.lines()).containsSubsequence(
                "  StringBuffer  monitor  StringBuffer.append:312         -          2     2.00 ms  1.00 ms  1.00 ms"
                        + "  1.00 ms               -  -           -",
                "                         from com.acme.Log.write:44");
    }

    @Test
    void coloursOnlyWhenAskedFor() throws IOException {
        Report report = SampleReports.report(Gate.ERROR, false, dataRace(Severity.WARNING));

        assertThat(render(report, false)).doesNotContain("\u001b[");
        assertThat(render(report, true)).contains("\u001b[33mWARNING\u001b[0m");
    }

    @Test
    void waitsUseUnitsThatFitTheirSize() {
        assertThat(Units.nanos(850)).isEqualTo("850 ns");
        assertThat(Units.nanos(12_345)).isEqualTo("12.3 µs");
        assertThat(Units.nanos(999_999)).isEqualTo("1000 µs");
        assertThat(Units.nanos(4_500_000)).isEqualTo("4.50 ms");
        assertThat(Units.nanos(987_000_000L)).isEqualTo("987 ms");
        assertThat(Units.nanos(1_234_000_000L)).isEqualTo("1.23 s");
        assertThat(Units.nanos(250_000_000_000L)).isEqualTo("250 s");
        assertThat(Units.nanos(4_000_000_000_000L)).isEqualTo("4,000 s");
        assertThat(Units.nanos((Long) null)).isEqualTo("-");
    }

    private static String render(Report report, boolean colours) throws IOException {
        StringWriter out = new StringWriter();
        new TextRenderer(colours).render(report, out);
        return out.toString();
    }
}
