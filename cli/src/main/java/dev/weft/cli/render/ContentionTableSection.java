package dev.weft.cli.render;

import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Report;
import java.util.List;

/**
 * Every contended lock site with every number the report has for it, sortable by any column: how
 * often it was taken and had to wait, the wait's total and distribution, the holds taken there that
 * made others wait, and who waited behind whom.
 */
final class ContentionTableSection implements HtmlSection {
    /** The table shows this many rows; the JSON has them all. */
    static final int MAX_ROWS = 200;

    @Override
    public String id() {
        return "sites";
    }

    @Override
    public String title(Report report) {
        return "Contended sites";
    }

    @Override
    public boolean shown(Report report) {
        return !ContentionSection.lockContention(report).isEmpty();
    }

    @Override
    public void write(Html html, Report report) {
        html.open("section", "class", "panel", "id", id()).newline();
        html.element("h2", "Contended lock sites");
        html.element("p", "Most total wait first; click a column to sort by it. Blocking holds are the holds taken"
                + " at a site that made other threads wait, and how long they lasted (java.util.concurrent locks).",
                "class", "lead");
        writeTable(html, ContentionSection.lockContention(report));
        html.close("section").newline();
    }

    private static void writeTable(Html html, List<ContentionEntry> contention) {
        html.open("div", "class", "scroll").open("table", "id", "contention-table", "data-sortable", "true");
        html.open("thead").open("tr").element("th", "Lock").element("th", "Site");
        for (String header : List.of("Acquired", "Contended", "Total wait", "P50", "P99", "Max", "Blocking holds")) {
            html.element("th", header, "class", "num");
        }
        html.close("tr").close("thead").open("tbody").newline();
        List<ContentionEntry> shown = contention.subList(0, Math.min(MAX_ROWS, contention.size()));
        for (int i = 0; i < shown.size(); i++) {
            ContentionEntry entry = shown.get(i);
            html.open("tr", "id", "contention-" + i, "data-kind", entry.lockKind().id());
            html.open("td", "title", entry.lockClass() + " (" + entry.lockKind().id() + ")")
                    .element("span", "", "class", "kind " + entry.lockKind().id())
                    .element("span", Units.simpleName(entry.lockClass()), "class", "mono").close("td");
            html.open("td").element("span", entry.site().shortForm(), "class", "mono", "title", entry.site());
            Frame caller = entry.calledFrom();
            if (caller != null) {
                html.element("span", "from " + caller.shortForm(), "class", "from mono", "title", caller);
            }
            html.element("span", whoWaited(entry), "class", "who");
            html.close("td");
            Cells.number(html, entry.acquisitions(), Units.count(entry.acquisitions()));
            Cells.number(html, entry.contended(), Units.count(entry.contended()));
            Cells.number(html, entry.waitNanos().total(), Units.nanos(entry.waitNanos().total()));
            Cells.number(html, entry.waitNanos().p50(), Units.nanos(entry.waitNanos().p50()));
            Cells.number(html, entry.waitNanos().p99(), Units.nanos(entry.waitNanos().p99()));
            Cells.number(html, entry.waitNanos().max(), Units.nanos(entry.waitNanos().max()));
            Cells.number(html, entry.blockingHoldNanos(), entry.blockingHolds() == null ? "-"
                    : Units.count(entry.blockingHolds()) + " in " + Units.nanos(entry.blockingHoldNanos()));
            html.close("tr").newline();
        }
        html.close("tbody").close("table").close("div").newline();
        if (contention.size() > MAX_ROWS) {
            html.element("p", "The table shows the first " + MAX_ROWS + " of " + contention.size()
                    + " sites; --format json lists them all.", "class", "footnote");
        }
    }

    /** {@code worker-2 (3) waited behind worker-1 (3)}; without owners, who waited. */
    private static String whoWaited(ContentionEntry entry) {
        String waiters = Cells.threads(entry.waiters(), 1);
        return entry.owners().isEmpty() ? "waited: " + waiters
                : waiters + " waited behind " + Cells.threads(entry.owners(), 1);
    }
}
