package dev.weft.cli.render;

import dev.weft.cli.report.Checklist;
import dev.weft.cli.report.Report;

/**
 * The user's thread-safety checklist as a table, answered by the rules: what a first-time reader
 * looks for before any detail. "Not checked" is shown as such, never as a pass.
 */
final class ChecklistSection implements HtmlSection {
    @Override
    public String id() {
        return "checklist";
    }

    @Override
    public String title(Report report) {
        return "Checklist";
    }

    @Override
    public void write(Html html, Report report) {
        html.open("section", "class", "panel", "id", id()).newline();
        html.element("h2", "Thread-safety checklist");
        html.element("p", "Each item of the checklist, answered by the rules that check it.", "class", "lead");
        html.open("table").open("thead").open("tr")
                .element("th", "Item").element("th", "Checked by").element("th", "Result")
                .close("tr").close("thead").open("tbody").newline();
        boolean anyUnchecked = false;
        for (Checklist.Item item : Checklist.of(report)) {
            anyUnchecked |= item.status() == Checklist.Status.NOT_CHECKED;
            html.open("tr", "data-status", item.status().id(), "data-findings", item.findings());
            html.element("td", item.text());
            html.open("td", "class", "rules");
            item.rules().forEach(rule -> html.element("code", rule));
            html.close("td");
            html.open("td").element("span", resultOf(item), "class", "status " + item.status().id()).close("td");
            html.close("tr").newline();
        }
        html.close("tbody").close("table").newline();
        if (anyUnchecked) {
            html.element("p", "Not checked: the recordings lack the events these rules read. Record with"
                    + " -javaagent:weft-agent.jar (races=on for data races), from an agent version that has"
                    + " these detectors.",
                    "class", "footnote");
        }
        html.close("section").newline();
    }

    private static String resultOf(Checklist.Item item) {
        String result = switch (item.status()) {
            case PASSED -> "passed";
            case FAILED -> "failed: " + Units.plural(item.findings(), "finding");
            case NOT_CHECKED -> "not checked";
        };
        return item.dependencyFindings() == 0 ? result
                : result + " (and " + Units.plural(item.dependencyFindings(), "finding") + " in dependencies)";
    }
}
