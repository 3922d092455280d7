package dev.weft.cli.testing;

import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.LockKind;
import dev.weft.cli.report.RecordingSummary;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Severity;
import dev.weft.cli.report.StackSource;
import dev.weft.cli.report.ThreadCount;
import dev.weft.cli.report.Tool;
import dev.weft.cli.report.WaitTimes;
import java.time.Instant;
import java.util.List;

/** Reports built by hand, for the parts that do not need a recording: gate, exit codes, renderers. */
public final class SampleReports {
    public static final Tool TOOL = new Tool("weft", "0.0.0-test");
    private static final Instant START = Instant.parse("2025-01-01T10:00:00Z");

    private SampleReports() {
    }

    /** The lock the sample race's reader holds, as the race rule names it. */
    public static final String READER_LOCK =
            "java.util.concurrent.locks.ReentrantLock@1b6d3586 taken at com.acme.Counter.get(Counter.java:49)";

    /**
     * A data race as the race rule reports it: both accesses, their stacks, locks and threads; the
     * writer held no lock, the reader's stack and lock were seen at a later execution of its site.
     */
    public static Finding dataRace(Severity severity) {
        Location write = new Location(new Frame("com.acme.Counter", "increment", 42), "worker-2", "write",
                List.of("com.acme.Counter.increment(Counter.java:42)", "com.acme.Worker.run(Worker.java:17)"),
                List.of(), new Frame("com.acme.Server", "start", 30), null, null, StackSource.ACCESS, null, true);
        Location read = new Location(new Frame("com.acme.Counter", "get", 50), "worker-1", "read",
                List.of("com.acme.Counter.get(Counter.java:50)"), List.of(READER_LOCK), null, null, null,
                StackSource.LATER_EXECUTION, null, true);
        return new Finding("data-race", severity, "com.acme.Counter.count",
                "count is written and read by two threads with no happens-before order between them.",
                "guard count with the lock that get() holds, or make it an AtomicLong", null, 3,
                List.of(write, read));
    }

    /** A data race wholly inside a library (H2), found twice; the earlier access has no stack, as from the agent. */
    public static Finding dependencyRace() {
        Location write = new Location(new Frame("org.h2.mvstore.Page", "setKey", 88), "db-1", "write",
                List.of("org.h2.mvstore.Page.setKey(Page.java:88)", "com.acme.Repository.save(Repository.java:31)"),
                List.of(), null);
        Location read = new Location(new Frame("org.h2.mvstore.Page", "getKeyCount", 120), "db-2", "read",
                List.of(), List.of(), null);
        return new Finding("data-race", Severity.ERROR, "org.h2.mvstore.Page.keys", "data race on"
                + " org.h2.mvstore.Page.keys", "guard every access to org.h2.mvstore.Page.keys with one lock", null, 2,
                List.of(write, read));
    }

    /** A deadlock as the deadlock rule reports it: a location per thread, with the lock it waits for. */
    public static Finding deadlock() {
        Location first = new Location(new Frame("com.acme.Bank", "transfer", 20), "teller-1", "waits for",
                List.of("com.acme.Bank.transfer(Bank.java:20)"), List.of("com.acme.Account@1a"), null,
                "com.acme.Account@2b", "teller-2");
        Location second = new Location(new Frame("com.acme.Bank", "refund", 40), "teller-2", "waits for",
                List.of("com.acme.Bank.refund(Bank.java:40)"), List.of("com.acme.Account@2b"), null,
                "com.acme.Account@1a", "teller-1");
        return new Finding("deadlock", Severity.ERROR, null, "deadlock: thread \"teller-1\" holds Account@1a and waits"
                + " for Account@2b held by \"teller-2\", thread \"teller-2\" holds Account@2b and waits for Account@1a"
                + " held by \"teller-1\".", "take these locks in one global order, or guard them with one outer lock",
                null, 1, List.of(first, second));
    }

    /** Time in {@code Object.wait()}: an entry of kind wait, the notifier as its owner. */
    public static ContentionEntry objectWait(String objectClass, long totalWaitNanos) {
        return new ContentionEntry(objectClass, LockKind.WAIT, new Frame("com.acme.Queue", "take", 30), null, 4,
                new WaitTimes(totalWaitNanos, totalWaitNanos / 4, totalWaitNanos / 2, totalWaitNanos / 2),
                List.of(new ThreadCount("consumer", 4)), List.of(new ThreadCount("producer", 4)));
    }

    public static Finding finding(String rule, Severity severity) {
        return new Finding(rule, severity, null, "a " + severity.id() + " finding", null, null, 1,
                List.of(new Location(new Frame("com.acme.App", "main", 7), "main")));
    }

    public static ContentionEntry contention(String lockClass, long totalWaitNanos) {
        return new ContentionEntry(lockClass, LockKind.MONITOR, new Frame("com.acme.Cache", "get", 12), 1_000L, 10,
                new WaitTimes(totalWaitNanos, totalWaitNanos / 20, totalWaitNanos / 5, totalWaitNanos / 4),
                List.of(new ThreadCount("worker-1", 7), new ThreadCount("worker-2", 3)),
                List.of(new ThreadCount("worker-3", 10)));
    }

    public static RecordingSummary recording(String path, boolean cut) {
        return new RecordingSummary(path, 1234, true, cut, null, START, START.plusSeconds(12));
    }

    public static Report report(Gate gate, boolean cut, Finding... findings) {
        ReportBuilder builder = new ReportBuilder(TOOL).addRecording(recording("app.jfr", cut));
        for (Finding finding : findings) {
            builder.addFinding(finding);
        }
        return builder.build(gate);
    }
}
