package dev.weft.cli.render;

import dev.weft.cli.report.AgentSummary;
import dev.weft.cli.report.ContentionEntry;
import dev.weft.cli.report.RecordingSummary;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.StartedThread;
import dev.weft.cli.report.Summary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * The report as one self-contained HTML page, for a person who opens it in a browser, maybe for the
 * first time: the verdict and counts at the top, then the user's checklist, the findings with their
 * stacks folded, where threads waited for locks (a chart), a timeline of the threads around the
 * longest wait, the table of contended sites, and the rest.
 *
 * <p>Everything is inline (style sheet, script, SVG charts): the file can be mailed, archived as a
 * CI artifact and opened offline, and loads nothing from the network. Every piece of text from the
 * recording is escaped by {@link Html}. The page reads fine without its script, which only adds
 * sorting and folding; the script marks the body {@code data-render="ok"} when it ran, and any
 * script error lands in {@code data-render-error}, so a headless browser can check the page.
 * Elements carry ids and {@code data-} counts ({@code data-findings}, {@code #checklist},
 * {@code #wait-chart}, {@code #timeline}) for tests and tools.
 */
public final class HtmlRenderer implements Renderer {
    private static final String ERROR_HOOK = "window.addEventListener('error', function (e) {"
            + " (document.body || document.documentElement).setAttribute('data-render-error', String(e.message)); });";
    private static final List<HtmlSection> SECTIONS = List.of(new ChecklistSection(), new FindingsSection(),
            new ContentionSection(), new TimelineSection(), new ContentionTableSection(), new ObjectWaitSection(),
            new PinningSection());

    @Override
    public void render(Report report, Writer out) throws IOException {
        Html html = new Html();
        List<HtmlSection> shown = SECTIONS.stream().filter(section -> section.shown(report)).toList();
        html.raw("<!DOCTYPE html>").newline().open("html", "lang", "en").newline().open("head").newline()
                .empty("meta", "charset", "utf-8").empty("meta", "name", "viewport", "content",
                        "width=device-width, initial-scale=1").newline()
                .element("title", "weft report: " + counts(report.summary()) + ", gate "
                        + gateVerdict(report.summary()))
                .newline()
                .open("style").raw(asset("report.css")).close("style").newline()
                .open("script").raw(ERROR_HOOK).close("script").newline()
                .close("head").newline();
        Summary summary = report.summary();
        html.open("body", "data-findings", summary.findings(), "data-errors", summary.errors(),
                "data-warnings", summary.warnings(), "data-gate-failed", summary.gateFailed()).newline();
        writeHeader(html, report);
        writeNavigation(html, report, shown);
        html.open("main").open("div", "class", "wrap").newline();
        shown.forEach(section -> section.write(html, report));
        writeThreads(html, report.threads());
        writeNotes(html, report.notes());
        html.close("div").close("main").newline();
        html.open("footer").open("div", "class", "wrap")
                .text("Written by " + report.tool().name() + " " + report.tool().version()
                        + ". This page is one file: it loads nothing from the network.")
                .close("div").close("footer").newline();
        html.open("script").raw(asset("report.js")).close("script").newline();
        html.close("body").newline().close("html").newline();
        out.write(html.toString());
        out.flush();
    }

    private static void writeHeader(Html html, Report report) {
        Summary summary = report.summary();
        html.open("header", "class", "top").open("div", "class", "wrap").newline();
        html.open("div", "class", "title").open("h1").element("span", "weft", "class", "tool").text(" ")
                .element("span", "concurrency report", "class", "what").close("h1")
                .element("span", "gate \u2018" + summary.gate().id() + "\u2019 " + gateVerdict(summary),
                        "class", "verdict " + gateVerdict(summary), "id", "verdict")
                .close("div").newline();
        html.open("div", "class", "counts");
        count(html, "findings", summary.findings(), "findings");
        count(html, "errors", summary.errors(), "errors");
        count(html, "warnings", summary.warnings(), "warnings");
        count(html, "infos", summary.infos(), "infos");
        List<ContentionEntry> contention = ContentionSection.lockContention(report);
        html.open("div", "class", "count wait")
                .element("span", Units.nanos(contention.stream().mapToLong(entry -> entry.waitNanos().total()).sum()),
                        "class", "n")
                .element("span", "lock wait in " + Units.plural(contention.size(), "site"), "class", "label")
                .close("div");
        html.close("div").newline();
        html.open("div", "class", "meta").open("ul");
        for (RecordingSummary recording : report.recordings()) {
            html.open("li").element("code", recording.path())
                    .text(": " + Units.plural(recording.events(), "event") + " over "
                            + Units.span(recording.duration()) + ", " + agentOf(recording));
            if (recording.cut()) {
                html.text(", ").element("span", "cut short", "class", "cut");
            }
            html.close("li");
        }
        if (summary.baselined() > 0) {
            html.element("li", Units.plural(summary.baselined(), "more finding") + " accepted by the baseline");
        }
        html.close("ul").close("div").newline();
        html.close("div").close("header").newline();
    }

    private static void count(Html html, String kind, int value, String label) {
        html.open("div", "class", "count " + kind, "data-count", kind).element("span", value, "class", "n")
                .element("span", label, "class", "label").close("div");
    }

    private static void writeNavigation(Html html, Report report, List<HtmlSection> shown) {
        html.open("nav", "class", "sections").open("div", "class", "wrap");
        shown.forEach(section -> html.element("a", section.title(report), "href", "#" + section.id()));
        if (!report.threads().isEmpty()) {
            html.element("a", "Threads", "href", "#threads");
        }
        if (!report.notes().isEmpty()) {
            html.element("a", "Notes (" + report.notes().size() + ")", "href", "#notes");
        }
        html.close("div").close("nav").newline();
    }

    private static void writeThreads(Html html, List<StartedThread> threads) {
        if (threads.isEmpty()) {
            return;
        }
        html.open("section", "class", "panel", "id", "threads").newline().element("h2", "Threads");
        html.open("details").element("summary", Units.plural(threads.size(), "thread") + " started, with where");
        html.open("div", "class", "scroll").open("table", "data-sortable", "true").open("thead").open("tr")
                .element("th", "Thread").element("th", "Started by").element("th", "Started at")
                .close("tr").close("thead").open("tbody").newline();
        for (StartedThread thread : threads) {
            html.open("tr").element("td", thread.name()).element("td", String.valueOf(thread.parent()))
                    .element("td", thread.createdAt() == null ? "-" : thread.createdAt().toString(), "class", "mono")
                    .close("tr").newline();
        }
        html.close("tbody").close("table").close("div").close("details").close("section").newline();
    }

    private static void writeNotes(Html html, List<String> notes) {
        if (notes.isEmpty()) {
            return;
        }
        html.open("section", "class", "panel", "id", "notes").newline().element("h2", "Notes")
                .open("ul", "class", "notes");
        notes.forEach(note -> html.element("li", note));
        html.close("ul").close("section").newline();
    }

    private static String agentOf(RecordingSummary recording) {
        AgentSummary agent = recording.agent();
        if (agent == null) {
            return recording.weftEvents() ? "weft agent" : "no weft agent";
        }
        return "weft agent " + (agent.version() == null ? "" : agent.version())
                + (agent.javaVersion() == null ? "" : " on Java " + agent.javaVersion());
    }

    private static String counts(Summary summary) {
        return Units.plural(summary.errors(), "error") + ", " + Units.plural(summary.warnings(), "warning");
    }

    private static String gateVerdict(Summary summary) {
        return summary.gateFailed() ? "failed" : "passed";
    }

    /** The style sheet or script, from the jar; they are written in their own files for editors and linters. */
    private static String asset(String name) {
        try (InputStream in = HtmlRenderer.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the weft jar lacks " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
