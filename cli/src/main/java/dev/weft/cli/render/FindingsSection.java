package dev.weft.cli.render;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.Summary;
import java.util.Locale;

/**
 * The findings, worst first, one card each: rule, message, fix, and every location folded into a
 * {@code <details>} whose summary says who did what where and whose body holds the stack, so that
 * a finding with two long stacks still fits on a screen until the reader opens it.
 */
final class FindingsSection implements HtmlSection {
    @Override
    public String id() {
        return "findings";
    }

    @Override
    public String title(Report report) {
        return "Findings (" + report.findings().size() + ")";
    }

    @Override
    public void write(Html html, Report report) {
        html.open("section", "class", "panel", "id", id(), "data-findings", report.findings().size()).newline();
        html.element("h2", "Findings");
        if (report.findings().isEmpty()) {
            html.element("p", "No findings.", "class", "no-findings");
            html.close("section").newline();
            return;
        }
        Summary summary = report.summary();
        html.element("p", Units.plural(summary.findings(), "finding") + ": " + Units.plural(summary.errors(), "error")
                + ", " + Units.plural(summary.warnings(), "warning") + ", " + Units.plural(summary.infos(), "info")
                + ". Open a location to see its stack.", "class", "lead");
        html.open("div", "class", "toolbar")
                .element("button", "Open all stacks", "type", "button", "data-toggle-details", "open")
                .element("button", "Close all stacks", "type", "button", "data-toggle-details", "close")
                .close("div").newline();
        report.findings().forEach(finding -> writeFinding(html, finding));
        html.close("section").newline();
    }

    private static void writeFinding(Html html, Finding finding) {
        String severity = finding.severity().id();
        html.open("article", "class", "finding " + severity, "data-rule", finding.rule(), "data-severity", severity,
                "data-fingerprint", finding.fingerprint()).newline();
        html.open("h3").element("span", severity, "class", "severity " + severity)
                .element("span", finding.rule(), "class", "rule");
        if (finding.field() != null) {
            html.element("span", finding.field(), "class", "field");
        }
        html.element("span", finding.count() == 1 ? "once" : Units.count(finding.count()) + " times", "class", "times")
                .close("h3").newline();
        html.element("p", finding.message(), "class", "message");
        finding.locations().forEach(location -> writeLocation(html, location));
        if (finding.fixHint() != null) {
            html.open("p", "class", "fix").element("strong", "Fix: ").text(finding.fixHint()).close("p");
        }
        html.element("p", "fingerprint " + finding.fingerprint(), "class", "fingerprint");
        html.close("article").newline();
    }

    private static void writeLocation(Html html, Location location) {
        html.open("details", "class", "location").open("summary");
        if (location.lock() != null) {
            html.text("Thread " + quoted(location.thread()) + " " + (location.access() == null ? "took"
                    : location.access()) + " ").element("code", location.lock());
            if (location.lockOwner() != null) {
                html.text(" held by " + quoted(location.lockOwner()));
            }
        } else {
            html.text(capitalized(location.access() == null ? "seen" : location.access()));
            if (location.thread() != null) {
                html.text(" by thread " + quoted(location.thread()));
            }
        }
        html.text(" at ").element("span", location.at(), "class", "at").close("summary");
        html.open("div", "class", "body");
        if (!location.stack().isEmpty()) {
            html.open("ol", "class", "stack");
            String at = location.at().toString();
            location.stack().forEach(frame -> html.element("li", frame, "class", frame.equals(at) ? "app" : null));
            html.close("ol");
        }
        if (!location.locksHeld().isEmpty()) {
            html.open("p", "class", "kv").text("Locks held: ")
                    .element("code", String.join(", ", location.locksHeld())).close("p");
        }
        if (location.threadCreatedAt() != null) {
            html.open("p", "class", "kv").text("Thread " + quoted(location.thread()) + " was started at ")
                    .element("code", location.threadCreatedAt()).close("p");
        }
        html.close("div").close("details").newline();
    }

    private static String quoted(String thread) {
        return thread == null ? "(unknown)" : "\u201c" + thread + "\u201d";
    }

    private static String capitalized(String text) {
        return text.substring(0, 1).toUpperCase(Locale.ROOT) + text.substring(1);
    }
}
