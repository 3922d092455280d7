package dev.weft.cli.render;

import dev.weft.cli.report.AgentSummary;
import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.LockKind;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.PinnedSite;
import dev.weft.cli.report.RecordingSummary;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.Severity;
import dev.weft.cli.report.Summary;
import dev.weft.cli.report.ThreadCount;
import java.io.IOException;
import java.io.Writer;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * The report for a person at a terminal or reading a CI log, in the spirit of ThreadSanitizer and
 * {@code jfr summary}: what was read, then findings (the reason to look at all; data races told as
 * ThreadSanitizer tells them, and findings wholly in libraries' code after the application's), then
 * where threads waited for locks, apart from it the time spent in {@code Object.wait()} and where
 * virtual threads were pinned, then notes, and last a one-line verdict that a log search finds easily.
 */
public final class TextRenderer implements Renderer {
    /** The contention table shows this many entries; the JSON has them all. */
    static final int CONTENTION_ROWS = 20;
    /** The header lists this many recordings by name; the JSON has them all. */
    static final int LISTED_RECORDINGS = 10;

    private static final String NL = System.lineSeparator();

    private final Style style;

    /** @param colours whether to use ANSI colours (only when writing to a terminal) */
    public TextRenderer(boolean colours) {
        this.style = colours ? Style.ANSI : Style.PLAIN;
    }

    @Override
    public void render(Report report, Writer out) throws IOException {
        StringBuilder text = new StringBuilder();
        appendHeader(text, report);
        appendFindings(text, report);
        appendContention(text, report.contention());
        appendObjectWaits(text, report.contention());
        appendPinning(text, report.pinning());
        appendNotes(text, report.notes());
        text.append(verdict(report.summary())).append(NL);
        out.write(text.toString());
        out.flush();
    }

    private void appendHeader(StringBuilder text, Report report) {
        List<RecordingSummary> recordings = report.recordings();
        long events = recordings.stream().mapToLong(RecordingSummary::events).sum();
        Duration span = recordings.stream().map(RecordingSummary::duration).reduce(Duration.ZERO, Duration::plus);
        text.append(style.bold(report.tool().name() + " " + report.tool().version())).append(": ")
                .append(Units.plural(recordings.size(), "recording")).append(", ")
                .append(Units.plural(events, "event")).append(" over ").append(Units.span(span)).append(NL);
        for (RecordingSummary recording : recordings.subList(0, Math.min(LISTED_RECORDINGS, recordings.size()))) {
            text.append("  ").append(recording.path()).append(": ")
                    .append(Units.plural(recording.events(), "event")).append(" over ")
                    .append(Units.span(recording.duration())).append(", ").append(agentDescription(recording));
            if (recording.cut()) {
                text.append(", ").append(style.yellow("cut short"));
            }
            text.append(NL);
        }
        if (recordings.size() > LISTED_RECORDINGS) {
            text.append("  … and ").append(Units.plural(recordings.size() - LISTED_RECORDINGS, "more recording"))
                    .append(NL);
        }
        text.append(NL);
    }

    private static String agentDescription(RecordingSummary recording) {
        AgentSummary agent = recording.agent();
        if (agent != null) {
            String java = agent.javaVersion() == null ? "" : " on Java " + agent.javaVersion();
            return "weft agent " + (agent.version() == null ? "(unknown version)" : agent.version()) + java;
        }
        return recording.weftEvents() ? "weft agent (no agent info)" : "no weft agent";
    }

    /** The application's findings, then apart those wholly in libraries' code, which the gate may leave out. */
    private void appendFindings(StringBuilder text, Report report) {
        if (report.findings().isEmpty()) {
            text.append("No findings.").append(NL).append(NL);
            return;
        }
        List<Finding> inApplication = report.applicationFindings();
        List<Finding> inDependencies = report.dependencyFindings();
        if (inApplication.isEmpty()) {
            text.append("No findings in the application's code.").append(NL).append(NL);
        }
        inApplication.forEach(finding -> appendFinding(text, finding));
        if (!inDependencies.isEmpty()) {
            text.append(style.bold("In dependencies")).append(" (")
                    .append(Units.plural(inDependencies.size(), "finding")).append(" in libraries' code only, ")
                    .append(report.summary().dependenciesGated() ? "gated by --gate-dependencies"
                            : "left out of the gate; --gate-dependencies gates them")
                    .append(')').append(NL).append(NL);
            inDependencies.forEach(finding -> appendFinding(text, finding));
        }
    }

    /** A finding as the text report shows it, without colours: for formats that carry it as text (JUnit). */
    public static String plainText(Finding finding) {
        StringBuilder text = new StringBuilder();
        new TextRenderer(false).appendFinding(text, finding);
        return text.toString().strip();
    }

    private void appendFinding(StringBuilder text, Finding finding) {
        text.append(severityLabel(finding.severity())).append(' ').append(style.bold(finding.rule()));
        if (finding.field() != null) {
            text.append(" on ").append(finding.field());
        }
        text.append(" (").append(finding.count() == 1 ? "once" : Units.count(finding.count()) + " times")
                .append(')').append(NL);
        text.append("  ").append(finding.message()).append(NL);
        List<String> dependencies = finding.dependencies();
        if (!dependencies.isEmpty()) {
            text.append("  in dependencies: ").append(String.join(", ", dependencies)).append(NL);
        }
        finding.notes().forEach(note -> text.append("  Note: ").append(note).append(NL));
        if (DataRaceText.tells(finding)) {
            DataRaceText.append(text, finding, NL);
        } else {
            finding.locations().forEach(location -> appendLocation(text, location));
        }
        if (finding.fixHint() != null) {
            text.append("  Fix: ").append(finding.fixHint()).append(NL);
        }
        text.append("  fingerprint ").append(finding.fingerprint()).append(NL).append(NL);
    }

    private static void appendLocation(StringBuilder text, Location location) {
        if (location.lock() != null) {
            appendLockHeadline(text, location);
        } else {
            String access = location.access() == null ? "Seen"
                    : location.access().substring(0, 1).toUpperCase(Locale.ROOT) + location.access().substring(1);
            text.append("  ").append(access);
            if (location.thread() != null) {
                text.append(" by thread \"").append(location.thread()).append('"');
            }
        }
        text.append(" at ").append(location.at()).append(NL);
        for (String frame : location.stack()) {
            text.append("      at ").append(frame).append(NL);
        }
        if (!location.locksHeld().isEmpty()) {
            text.append("    locks held: ").append(String.join(", ", location.locksHeld())).append(NL);
        }
        if (location.threadCreatedAt() != null) {
            text.append("    thread ").append(location.thread() == null ? "" : "\"" + location.thread() + "\" ")
                    .append("created at ").append(location.threadCreatedAt()).append(NL);
        }
    }

    /** {@code Thread "t1" waits for java.lang.Object@1b held by "t2"}: the lock comes first in lock findings. */
    private static void appendLockHeadline(StringBuilder text, Location location) {
        text.append("  Thread ").append(location.thread() == null ? "(unknown)" : "\"" + location.thread() + "\"")
                .append(' ').append(location.access() == null ? "took" : location.access()).append(' ')
                .append(location.lock());
        if (location.lockOwner() != null) {
            text.append(" held by \"").append(location.lockOwner()).append('"');
        }
    }

    private String severityLabel(Severity severity) {
        String label = severity.name();
        return switch (severity) {
            case ERROR -> style.red(label);
            case WARNING -> style.yellow(label);
            case INFO -> style.cyan(label);
        };
    }

    private void appendContention(StringBuilder text, List<ContentionEntry> entries) {
        List<ContentionEntry> contention = entries.stream().filter(entry -> entry.lockKind().isLockContention())
                .toList();
        if (contention.isEmpty()) {
            text.append("Lock contention: none recorded.").append(NL).append(NL);
            return;
        }
        String shown = contention.size() > CONTENTION_ROWS
                ? "top " + CONTENTION_ROWS + " of " + contention.size() + " sites"
                : Units.plural(contention.size(), "site");
        text.append(style.bold("Lock contention")).append(" (").append(shown).append(", most waiting first)")
                .append(NL);
        Table table = new Table("LOCK", "KIND", "SITE", ">ACQUIRED", ">CONTENDED", ">TOTAL WAIT", ">P50", ">P99",
                ">MAX", ">BLOCKING HOLDS", "TOP WAITER", "TOP OWNER");
        for (ContentionEntry entry : contention.subList(0, Math.min(CONTENTION_ROWS, contention.size()))) {
            table.addRow(Units.simpleName(entry.lockClass()), entry.lockKind().id(), entry.site().shortForm(),
                    Units.count(entry.acquisitions()), Units.count(entry.contended()),
                    Units.nanos(entry.waitNanos().total()), Units.nanos(entry.waitNanos().p50()),
                    Units.nanos(entry.waitNanos().p99()), Units.nanos(entry.waitNanos().max()),
                    blockingHolds(entry), mostFrequent(entry.waiters()), mostFrequent(entry.owners()));
            addCalledFrom(table, entry);
        }
        text.append(table.format("  "));
        if (contention.stream().limit(CONTENTION_ROWS).anyMatch(entry -> entry.lockKind() == LockKind.CLASS_LOADING)) {
            text.append("  class-loading: a thread waited for the JVM to load or initialize a class"
                    + " another thread was loading; not a lock of the program's").append(NL);
        }
        text.append(NL);
    }

    /**
     * Time in {@code Object.wait()}: threads that gave a monitor up until notified. Kept apart from
     * contention, which it would otherwise drown (an idle thread waits the whole run).
     */
    private void appendObjectWaits(StringBuilder text, List<ContentionEntry> entries) {
        List<ContentionEntry> waits = entries.stream().filter(entry -> !entry.lockKind().isLockContention()).toList();
        if (waits.isEmpty()) {
            return;
        }
        String shown = waits.size() > CONTENTION_ROWS
                ? "top " + CONTENTION_ROWS + " of " + waits.size() + " sites"
                : Units.plural(waits.size(), "site");
        text.append(style.bold("Waiting in Object.wait()")).append(" (").append(shown)
                .append(", waiting to be notified, not lock contention)").append(NL);
        Table table = new Table("OBJECT", "SITE", ">WAITS", ">TOTAL WAIT", ">P50", ">MAX", "TOP WAITER",
                "TOP NOTIFIER");
        for (ContentionEntry entry : waits.subList(0, Math.min(CONTENTION_ROWS, waits.size()))) {
            table.addRow(Units.simpleName(entry.lockClass()), entry.site().shortForm(), Units.count(entry.contended()),
                    Units.nanos(entry.waitNanos().total()), Units.nanos(entry.waitNanos().p50()),
                    Units.nanos(entry.waitNanos().max()), mostFrequent(entry.waiters()), mostFrequent(entry.owners()));
        }
        text.append(table.format("  ")).append(NL);
    }

    private void appendPinning(StringBuilder text, List<PinnedSite> pinning) {
        if (pinning.isEmpty()) {
            return;
        }
        text.append(style.bold("Virtual threads pinned")).append(" (").append(Units.plural(pinning.size(), "site"))
                .append(", a pinned virtual thread that blocks holds its carrier thread)").append(NL);
        Table table = new Table("SITE", ">PINNED", ">TOTAL", ">MAX");
        for (PinnedSite site : pinning.subList(0, Math.min(CONTENTION_ROWS, pinning.size()))) {
            table.addRow(site.site().shortForm(), Units.count(site.count()), Units.nanos(site.totalNanos()),
                    Units.nanos(site.maxNanos()));
        }
        text.append(table.format("  ")).append(NL);
    }

    /** A site inside the JDK says little: the row gets a line naming the application code that got there. */
    private static void addCalledFrom(Table table, ContentionEntry entry) {
        Frame caller = entry.calledFrom();
        if (caller != null) {
            table.addDetail(2, "from " + caller.className() + "." + caller.method()
                    + (caller.hasLine() ? ":" + caller.line() : ""));
        }
    }

    private static String blockingHolds(ContentionEntry entry) {
        return entry.blockingHolds() == null ? "-"
                : Units.count(entry.blockingHolds()) + " (" + Units.nanos(entry.blockingHoldNanos()) + ")";
    }


    private static String mostFrequent(List<ThreadCount> threads) {
        if (threads.isEmpty()) {
            return "-";
        }
        ThreadCount top = threads.get(0);
        return top.thread() + " (" + Units.count(top.count()) + ")";
    }

    private static void appendNotes(StringBuilder text, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        text.append("Notes").append(NL);
        notes.forEach(note -> text.append("  - ").append(note).append(NL));
        text.append(NL);
    }

    private String verdict(Summary summary) {
        StringBuilder counts = new StringBuilder("weft: ")
                .append(Units.plural(summary.errors(), "error")).append(", ")
                .append(Units.plural(summary.warnings(), "warning"));
        if (summary.infos() > 0) {
            counts.append(", ").append(Units.plural(summary.infos(), "info"));
        }
        if (summary.dependencyFindings() > 0) {
            counts.append(" (").append(Units.count(summary.dependencyFindings())).append(" only in dependencies")
                    .append(summary.dependenciesGated() ? ")" : ", not gated)");
        }
        if (summary.baselined() > 0) {
            counts.append(" (").append(Units.count(summary.baselined())).append(" more accepted by the baseline)");
        }
        String gate = "gate '" + summary.gate().id() + "' ";
        return counts + " — " + (summary.gateFailed() ? style.red(gate + "failed") : style.green(gate + "passed"));
    }
}
