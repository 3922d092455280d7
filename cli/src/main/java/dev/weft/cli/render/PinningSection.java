package dev.weft.cli.render;

import dev.weft.cli.report.PinnedSite;
import dev.weft.cli.report.Report;

/** Where virtual threads were pinned to their carriers, most total time first. */
final class PinningSection implements HtmlSection {
    @Override
    public String id() {
        return "pinning";
    }

    @Override
    public String title(Report report) {
        return "Pinned virtual threads";
    }

    @Override
    public boolean shown(Report report) {
        return !report.pinning().isEmpty();
    }

    @Override
    public void write(Html html, Report report) {
        html.open("section", "class", "panel", "id", id(), "data-sites", report.pinning().size()).newline();
        html.element("h2", "Pinned virtual threads");
        html.element("p", "A virtual thread that blocks while pinned (inside synchronized, or under a native frame)"
                + " keeps its carrier thread, so fewer virtual threads run at once. Sites are the innermost"
                + " application frame.", "class", "lead");
        html.open("div", "class", "scroll").open("table", "data-sortable", "true").open("thead").open("tr")
                .element("th", "Site").element("th", "Pinned", "class", "num")
                .element("th", "Total", "class", "num").element("th", "Max", "class", "num")
                .close("tr").close("thead").open("tbody").newline();
        for (PinnedSite site : report.pinning()) {
            html.open("tr").element("td", site.site(), "class", "mono");
            Cells.number(html, site.count(), Units.count(site.count()));
            Cells.number(html, site.totalNanos(), Units.nanos(site.totalNanos()));
            Cells.number(html, site.maxNanos(), Units.nanos(site.maxNanos()));
            html.close("tr").newline();
        }
        html.close("tbody").close("table").close("div").newline();
        html.close("section").newline();
    }
}
