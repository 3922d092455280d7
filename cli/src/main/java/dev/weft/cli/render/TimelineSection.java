package dev.weft.cli.render;

import dev.weft.cli.report.Report;
import dev.weft.cli.report.Timeline;

/**
 * The threads around the longest lock wait, one lane each: when each was blocked on a lock, waiting
 * for work, or holding the lock the others wanted. A Gantt chart in inline SVG, with the longest
 * wait marked across all lanes, so that a reader sees who held up whom without reading a number.
 */
final class TimelineSection implements HtmlSection {
    private static final int WIDTH = 1000;
    private static final int PLOT_LEFT = 190;
    private static final int PLOT_WIDTH = WIDTH - PLOT_LEFT - 16;
    private static final int TOP = 40;
    private static final int LANE = 28;
    private static final int BAR = 18;
    private static final int NAME_CHARS = 24;
    private static final int TICKS = 6;

    @Override
    public String id() {
        return "timeline-section";
    }

    @Override
    public String title(Report report) {
        return "Timeline";
    }

    @Override
    public boolean shown(Report report) {
        return report.timeline() != null;
    }

    @Override
    public void write(Html html, Report report) {
        Timeline timeline = report.timeline();
        Timeline.Focus focus = timeline.focus();
        html.open("section", "class", "panel", "id", id()).newline();
        html.element("h2", "Around the longest wait");
        String recording = timeline.recording() < report.recordings().size()
                ? " (in " + report.recordings().get(timeline.recording()).path() + ")" : "";
        html.element("p", "Thread \u201c" + focus.thread() + "\u201d waited " + Units.nanos(focus.waitNanos())
                + " for " + Units.simpleName(focus.lockClass())
                + (focus.site() == null ? "" : " at " + focus.site().shortForm())
                + (focus.owner() == null ? "" : ", held by \u201c" + focus.owner() + "\u201d") + recording
                + ". The chart shows " + Units.nanos(timeline.spanNanos()) + " around that wait"
                + (timeline.idleThreads() == 0 ? "." : "; " + Units.plural(timeline.idleThreads(), "idle thread")
                        + " that waited for work all that time " + (timeline.idleThreads() == 1 ? "is" : "are")
                        + " left out."), "class", "lead");
        html.open("figure").newline();
        writeChart(html, timeline);
        html.open("figcaption").open("span", "class", "legend")
                .element("span", "blocked on a lock", "class", "blocked")
                .element("span", "waiting (parked, Object.wait)", "class", "waiting")
                .element("span", "holding the lock of the longest wait", "class", "holding")
                .element("span", "no wait recorded (running, or not in the recording)", "class", "idle")
                .element("span", "the longest wait", "class", "focus")
                .close("span").close("figcaption");
        html.close("figure").newline();
        html.close("section").newline();
    }

    private static void writeChart(Html html, Timeline timeline) {
        Timeline.Focus focus = timeline.focus();
        int height = TOP + timeline.rows().size() * LANE + 8;
        double scale = PLOT_WIDTH / (double) Math.max(1, timeline.spanNanos());
        html.open("svg", "id", "timeline", "xmlns", "http://www.w3.org/2000/svg",
                "viewBox", "0 0 " + WIDTH + " " + height, "role", "img", "data-rows", timeline.rows().size(),
                "aria-label", "What each thread did around the longest wait").newline();
        writeAxis(html, timeline.spanNanos(), scale, height);
        double focusX = PLOT_LEFT + focus.startNanos() * scale;
        html.empty("rect", "class", "focus", "x", Units.coordinate(focusX), "y", TOP - 6,
                "width", Units.coordinate(Math.max(2, focus.waitNanos() * scale)), "height", height - TOP);
        html.element("text", "longest wait: " + Units.nanos(focus.waitNanos()), "class", "focus-label",
                "x", Units.coordinate(focusX), "y", TOP - 10);
        for (int lane = 0; lane < timeline.rows().size(); lane++) {
            writeLane(html, timeline.rows().get(lane), focus, TOP + lane * LANE, scale);
        }
        html.close("svg").newline();
    }

    private static void writeAxis(Html html, long span, double scale, int height) {
        long step = niceStep(span / TICKS);
        for (long tick = 0; tick <= span; tick += step) {
            double x = PLOT_LEFT + tick * scale;
            String at = Units.coordinate(x);
            html.empty("line", "class", "grid", "x1", at, "y1", 20, "x2", at, "y2", height);
            html.element("text", tick == 0 ? "0" : Units.nanos(tick), "class", "tick", "x", at, "y", 14,
                    "text-anchor", tick == 0 ? "start" : "middle");
        }
    }

    private static void writeLane(Html html, Timeline.Row row, Timeline.Focus focus, int top, double scale) {
        boolean key = row.thread().equals(focus.thread()) || row.thread().equals(focus.owner());
        String role = row.thread().equals(focus.thread()) ? " (waited)" : row.thread().equals(focus.owner())
                ? " (owner)" : "";
        html.open("g", "class", "lane", "data-thread", row.thread());
        html.open("text", "class", key ? "thread key" : "thread", "x", PLOT_LEFT - 10, "y", top + BAR - 4,
                "text-anchor", "end").open("title").text(row.thread()).close("title")
                .text(fit(row.thread()) + role).close("text");
        html.open("rect", "class", "row", "x", PLOT_LEFT, "y", top, "width", PLOT_WIDTH, "height", BAR, "rx", 2)
                .element("title", "no wait recorded: running, or doing what the recording does not show")
                .close("rect");
        for (Timeline.Interval interval : row.intervals()) {
            double x = PLOT_LEFT + interval.startNanos() * scale;
            double width = Math.max(1.5, (interval.endNanos() - interval.startNanos()) * scale);
            int inset = interval.state() == Timeline.State.HOLDING ? 4 : 0;
            html.open("rect", "class", "span " + interval.state().id(), "data-state", interval.state().id(),
                    "x", Units.coordinate(x), "y", top + inset, "width", Units.coordinate(width),
                    "height", BAR - 2 * inset, "rx", 2)
                    .element("title", interval.detail() + " ("
                            + Units.nanos(interval.endNanos() - interval.startNanos()) + ")")
                    .close("rect");
        }
        html.close("g").newline();
    }

    /** 1, 2 or 5 times a power of ten, at least {@code rough}. */
    static long niceStep(long rough) {
        long power = 1;
        while (power * 10 <= Math.max(1, rough)) {
            power *= 10;
        }
        for (long multiple : new long[] {1, 2, 5, 10}) {
            if (power * multiple >= rough) {
                return power * multiple;
            }
        }
        return power * 10;
    }

    private static String fit(String thread) {
        return thread.length() <= NAME_CHARS ? thread : thread.substring(0, NAME_CHARS - 1) + "\u2026";
    }

}
