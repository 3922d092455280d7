package dev.weft.cli.render;

import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Report;
import java.util.List;

/** Time threads spent in {@code Object.wait()}, with who notified them: waiting for a signal, not for a lock. */
final class ObjectWaitSection implements HtmlSection {
    @Override
    public String id() {
        return "object-waits";
    }

    @Override
    public String title(Report report) {
        return "Object.wait()";
    }

    @Override
    public boolean shown(Report report) {
        return !waits(report).isEmpty();
    }

    @Override
    public void write(Html html, Report report) {
        List<ContentionEntry> waits = waits(report);
        html.open("section", "class", "panel", "id", id()).newline();
        html.element("h2", "Waiting in Object.wait()");
        html.element("p", "Threads that gave a monitor up until another thread notified them (or a timeout"
                + " passed). This is waiting for work or a signal, not lock contention; long waits here are"
                + " often idle threads.", "class", "lead");
        html.open("div", "class", "scroll").open("table", "data-sortable", "true").open("thead").open("tr")
                .element("th", "Object").element("th", "Site")
                .element("th", "Waits", "class", "num").element("th", "Total", "class", "num")
                .element("th", "P50", "class", "num").element("th", "Max", "class", "num")
                .element("th", "Waiters").element("th", "Notified by")
                .close("tr").close("thead").open("tbody").newline();
        for (ContentionEntry entry : waits.subList(0, Math.min(ContentionTableSection.MAX_ROWS, waits.size()))) {
            html.open("tr");
            html.element("td", Units.simpleName(entry.lockClass()), "class", "mono", "title", entry.lockClass());
            html.element("td", entry.site().shortForm(), "class", "mono", "title", entry.site());
            Cells.number(html, entry.contended(), Units.count(entry.contended()));
            Cells.number(html, entry.waitNanos().total(), Units.nanos(entry.waitNanos().total()));
            Cells.number(html, entry.waitNanos().p50(), Units.nanos(entry.waitNanos().p50()));
            Cells.number(html, entry.waitNanos().max(), Units.nanos(entry.waitNanos().max()));
            html.element("td", Cells.threads(entry.waiters()));
            html.element("td", Cells.threads(entry.owners()));
            html.close("tr").newline();
        }
        html.close("tbody").close("table").close("div").newline();
        html.close("section").newline();
    }

    private static List<ContentionEntry> waits(Report report) {
        return report.contention().stream().filter(entry -> !entry.lockKind().isLockContention()).toList();
    }
}
