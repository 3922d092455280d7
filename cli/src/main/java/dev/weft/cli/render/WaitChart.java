package dev.weft.cli.render;

import dev.weft.cli.report.ContentionEntry;
import java.util.List;

/**
 * Total wait per lock site as horizontal bars, longest first: the one picture that says where the
 * program loses its time to locks. Inline SVG, scaled to the page by its view box; each bar links
 * to its row in the contention table and names the numbers in its tooltip.
 */
final class WaitChart {
    static final int BARS = 10;
    private static final int WIDTH = 1000;
    private static final int LABEL_WIDTH = 330;
    private static final int VALUE_WIDTH = 150;
    private static final int ROW_HEIGHT = 42;
    private static final int BAR_HEIGHT = 22;
    private static final int LABEL_CHARS = 44;

    private WaitChart() {
    }

    /** @param contention lock contention, most wait first; row {@code i} of the table has id {@code contention-i} */
    static void write(Html html, List<ContentionEntry> contention) {
        List<ContentionEntry> shown = contention.subList(0, Math.min(BARS, contention.size()));
        long longest = Math.max(1, shown.get(0).waitNanos().total());
        int height = shown.size() * ROW_HEIGHT + 8;
        html.open("figure").newline();
        html.open("svg", "id", "wait-chart", "xmlns", "http://www.w3.org/2000/svg",
                "viewBox", "0 0 " + WIDTH + " " + height, "role", "img", "data-bars", shown.size(),
                "aria-label", "Total wait per lock site, top " + shown.size()).newline();
        html.empty("line", "class", "axis", "x1", LABEL_WIDTH, "y1", 0, "x2", LABEL_WIDTH, "y2", height);
        int barSpace = WIDTH - LABEL_WIDTH - VALUE_WIDTH;
        for (int i = 0; i < shown.size(); i++) {
            ContentionEntry entry = shown.get(i);
            int top = i * ROW_HEIGHT + 4;
            double width = Math.max(2, barSpace * (double) entry.waitNanos().total() / longest);
            String lock = Units.simpleName(entry.lockClass());
            String site = entry.site().shortForm();
            html.open("a", "href", "#contention-" + i);
            html.open("g", "class", "bar-row").open("title")
                    .text(lock + " at " + entry.site() + ": " + Units.nanos(entry.waitNanos().total()) + " waited in "
                            + Units.plural(entry.contended(), "contended acquisition"))
                    .close("title");
            html.element("text", fit(lock), "class", "label", "x", LABEL_WIDTH - 12, "y", top + 15,
                    "text-anchor", "end");
            html.element("text", fit(site), "class", "sublabel", "x", LABEL_WIDTH - 12, "y", top + 31,
                    "text-anchor", "end");
            html.empty("rect", "class", "bar " + entry.lockKind().id(), "x", LABEL_WIDTH, "y",
                    top + (ROW_HEIGHT - 4 - BAR_HEIGHT) / 2, "width", Units.coordinate(width), "height", BAR_HEIGHT,
                    "rx", 3,
                    "data-wait-nanos", entry.waitNanos().total());
            html.element("text", Units.nanos(entry.waitNanos().total()) + "  \u00b7  "
                            + Units.plural(entry.contended(), "wait"), "class", "value",
                    "x", Units.coordinate(LABEL_WIDTH + width + 8), "y", top + 23);
            html.close("g").close("a").newline();
        }
        html.close("svg").newline();
        html.open("figcaption").open("span", "class", "legend")
                .element("span", "monitor (synchronized)", "class", "monitor")
                .element("span", "java.util.concurrent lock", "class", "juc")
                .element("span", "j.u.c. lock seen as a park (no agent)", "class", "park")
                .close("span").close("figcaption");
        html.close("figure").newline();
    }

    /** Long names lose their start, which is the least telling part of a qualified name. */
    private static String fit(String text) {
        return text.length() <= LABEL_CHARS ? text : "\u2026" + text.substring(text.length() - LABEL_CHARS + 1);
    }

}
