package dev.weft.cli.render;

import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.Report;
import java.util.List;

/**
 * Lock contention at a glance: the chart of total wait per lock. The numbers follow in {@link
 * ContentionTableSection}, after the timeline; time in {@code Object.wait()} is its own panel (see
 * {@link ObjectWaitSection}), so that idle threads do not drown real contention.
 */
final class ContentionSection implements HtmlSection {
    @Override
    public String id() {
        return "contention";
    }

    @Override
    public String title(Report report) {
        return "Lock contention";
    }

    @Override
    public void write(Html html, Report report) {
        List<ContentionEntry> contention = lockContention(report);
        html.open("section", "class", "panel", "id", id(), "data-sites", contention.size()).newline();
        html.element("h2", "Lock contention");
        if (contention.isEmpty()) {
            html.element("p", "No thread waited for a lock in these recordings.", "class", "empty");
            html.close("section").newline();
            return;
        }
        html.element("p", "Where threads waited to acquire a lock: total wait per site, the "
                + Math.min(WaitChart.BARS, contention.size()) + " longest of " + Units.plural(contention.size(), "site")
                + ". Each bar leads to its row in the table of contended sites.", "class", "lead");
        WaitChart.write(html, contention);
        html.close("section").newline();
    }

    static List<ContentionEntry> lockContention(Report report) {
        return report.contention().stream().filter(entry -> entry.lockKind().isLockContention()).toList();
    }
}
