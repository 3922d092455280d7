package dev.weft.cli.render;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.Summary;
import java.util.List;
import java.util.Locale;

/**
 * The findings, worst first, one card each: rule, message, fix, and every location folded into a
 * {@code <details>} whose summary says who did what where and whose body holds the stack, so that
 * a finding with two long stacks still fits on a screen until the reader opens it. Findings wholly
 * in libraries' code come last, in a group of their own ({@code #in-dependencies}), since the team
 * reading the page cannot fix them in its own code.
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
        List<Finding> inApplication = report.applicationFindings();
        List<Finding> inDependencies = report.dependencyFindings();
        if (inApplication.isEmpty()) {
            html.element("p", "No findings in the application's code.", "class", "no-findings");
        }
        inApplication.forEach(finding -> writeFinding(html, finding));
        if (!inDependencies.isEmpty()) {
            writeDependencyFindings(html, summary, inDependencies);
        }
        html.close("section").newline();
    }

    private static void writeDependencyFindings(Html html, Summary summary, List<Finding> findings) {
        html.open("div", "class", "in-dependencies", "id", "in-dependencies", "data-findings", findings.size())
                .newline();
        html.element("h3", "In dependencies (" + findings.size() + ")", "class", "group");
        html.element("p", "Every location of these findings is in libraries' code, which a fix in this code base"
                + " cannot reach: upgrade, report upstream, or keep the library's objects on one thread. "
                + (summary.dependenciesGated() ? "The gate counts them (--gate-dependencies)."
                        : "The gate leaves them out; --gate-dependencies counts them."), "class", "lead");
        findings.forEach(finding -> writeFinding(html, finding));
        html.close("div").newline();
    }

    private static void writeFinding(Html html, Finding finding) {
        String severity = finding.severity().id();
        html.open("article", "class", "finding " + severity, "data-rule", finding.rule(), "data-severity", severity,
                "data-fingerprint", finding.fingerprint(), "data-dependency", finding.inDependencies()).newline();
        html.open("h3").element("span", severity, "class", "severity " + severity)
                .element("span", finding.rule(), "class", "rule");
        if (finding.field() != null) {
            html.element("span", finding.field(), "class", "field");
        }
        html.element("span", finding.count() == 1 ? "once" : Units.count(finding.count()) + " times", "class", "times")
                .close("h3").newline();
        html.element("p", finding.message(), "class", "message");
        List<String> dependencies = finding.dependencies();
        if (!dependencies.isEmpty()) {
            html.open("p", "class", "kv origin").text("In dependencies: ")
                    .element("code", String.join(", ", dependencies)).close("p");
        }
        finding.notes().forEach(note -> html.open("p", "class", "note").element("strong", "Note: ").text(note)
                .close("p"));
        for (int index = 0; index < finding.locations().size(); index++) {
            writeLocation(html, finding, index);
        }
        if (finding.fixHint() != null) {
            html.open("p", "class", "fix").element("strong", "Fix: ").text(finding.fixHint()).close("p");
        }
        html.element("p", "fingerprint " + finding.fingerprint(), "class", "fingerprint");
        html.close("article").newline();
    }

    private static void writeLocation(Html html, Finding finding, int index) {
        Location location = finding.locations().get(index);
        html.open("details", "class", "location").open("summary");
        if (DataRaceText.tells(finding)) {
            html.text(DataRaceText.headline(finding, index) + " by thread " + quoted(location.thread()));
        } else if (location.lock() != null) {
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
        String provenance = DataRaceText.tells(finding) ? DataRaceText.provenance(location) : null;
        if (provenance != null) {
            html.element("p", "(" + provenance + ")", "class", "provenance");
        }
        if (!location.stack().isEmpty()) {
            html.open("ol", "class", "stack");
            String at = location.at().toString();
            location.stack().forEach(frame -> html.element("li", frame, "class", frame.equals(at) ? "app" : null));
            html.close("ol");
        }
        if (!location.locksHeld().isEmpty()) {
            html.open("p", "class", "kv").text("Locks held: ")
                    .element("code", String.join(", ", location.locksHeld())).close("p");
        } else if (location.locksKnown()) {
            html.open("p", "class", "kv").text("Locks held: none").close("p");
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
