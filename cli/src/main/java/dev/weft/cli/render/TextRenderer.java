package dev.weft.cli.render;

import dev.weft.cli.report.AgentSummary;
import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Location;
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
 * {@code jfr summary}: what was read, then findings (the reason to look at all), then where threads
 * waited for locks, then notes, and last a one-line verdict that a log search finds easily.
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
        appendFindings(text, report.findings());
        appendContention(text, report.contention());
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

    private void appendFindings(StringBuilder text, List<Finding> findings) {
        if (findings.isEmpty()) {
            text.append("No findings.").append(NL).append(NL);
            return;
        }
        for (Finding finding : findings) {
            text.append(severityLabel(finding.severity())).append(' ').append(style.bold(finding.rule()));
            if (finding.field() != null) {
                text.append(" on ").append(finding.field());
            }
            text.append(" (").append(finding.count() == 1 ? "once" : Units.count(finding.count()) + " times")
                    .append(')').append(NL);
            text.append("  ").append(finding.message()).append(NL);
            finding.locations().forEach(location -> appendLocation(text, location));
            if (finding.fixHint() != null) {
                text.append("  Fix: ").append(finding.fixHint()).append(NL);
            }
            text.append("  fingerprint ").append(finding.fingerprint()).append(NL).append(NL);
        }
    }

    private static void appendLocation(StringBuilder text, Location location) {
        String access = location.access() == null ? "Seen"
                : location.access().substring(0, 1).toUpperCase(Locale.ROOT) + location.access().substring(1);
        text.append("  ").append(access);
        if (location.thread() != null) {
            text.append(" by thread \"").append(location.thread()).append('"');
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

    private String severityLabel(Severity severity) {
        String label = severity.name();
        return switch (severity) {
            case ERROR -> style.red(label);
            case WARNING -> style.yellow(label);
            case INFO -> style.cyan(label);
        };
    }

    private void appendContention(StringBuilder text, List<ContentionEntry> contention) {
        if (contention.isEmpty()) {
            text.append("Lock contention: none recorded.").append(NL).append(NL);
            return;
        }
        String shown = contention.size() > CONTENTION_ROWS
                ? "top " + CONTENTION_ROWS + " of " + contention.size() + " sites"
                : Units.plural(contention.size(), "site");
        text.append(style.bold("Lock contention")).append(" (").append(shown).append(", most waiting first)").append(NL);
        Table table = new Table("LOCK", "KIND", "SITE", ">ACQUIRED", ">CONTENDED", ">TOTAL WAIT", ">P50", ">P99",
                ">MAX", "TOP WAITER", "TOP OWNER");
        for (ContentionEntry entry : contention.subList(0, Math.min(CONTENTION_ROWS, contention.size()))) {
            table.addRow(simpleName(entry.lockClass()), entry.lockKind().id(), entry.site().shortForm(),
                    Units.count(entry.acquisitions()), Units.count(entry.contended()),
                    Units.nanos(entry.waitNanos().total()), Units.nanos(entry.waitNanos().p50()),
                    Units.nanos(entry.waitNanos().p99()), Units.nanos(entry.waitNanos().max()),
                    mostFrequent(entry.waiters()), mostFrequent(entry.owners()));
        }
        text.append(table.format("  ")).append(NL);
    }

    private static String simpleName(String className) {
        return className.substring(className.lastIndexOf('.') + 1);
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
        String gate = "gate '" + summary.gate().id() + "' ";
        return counts + " — " + (summary.gateFailed() ? style.red(gate + "failed") : style.green(gate + "passed"));
    }
}
