package dev.weft.cli.render;

import static dev.weft.cli.testing.SampleReports.contention;
import static dev.weft.cli.testing.SampleReports.dataRace;
import static dev.weft.cli.testing.SampleReports.deadlock;
import static dev.weft.cli.testing.SampleReports.objectWait;
import static dev.weft.cli.testing.SampleReports.recording;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.PinnedSite;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Severity;
import dev.weft.cli.report.Timeline;
import dev.weft.cli.testing.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The HTML page's structure, without a browser (HtmlReportIT renders it in one). */
class HtmlRendererTest {
    private static final String HOSTILE = "<script>alert('x')</script>&\"";

    @Test
    void thePageIsOneFileThatLoadsNothing() throws IOException {
        String html = render(fullReport());

        assertThat(html).startsWith("<!DOCTYPE html>").contains("<style>", "</style>", "<script>", "data-render")
                .doesNotContain("<link", " src=", "@import", "url(", "https://", "http://cdn");
        assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://");
    }

    @Test
    void countsAndIdsAreThereForToolsAndTests() throws IOException {
        String html = render(fullReport());

        assertThat(html).contains("<body data-findings=\"2\" data-errors=\"2\"", "data-gate-failed=\"true\"",
                "id=\"checklist\"", "<section class=\"panel\" id=\"findings\" data-findings=\"2\"",
                "<svg id=\"wait-chart\"", "data-bars=\"3\"", "<svg id=\"timeline\"", "data-rows=\"2\"",
                "id=\"object-waits\"", "id=\"pinning\"", "id=\"notes\"", "3 idle threads that waited for work");
        assertThat(count(html, "<article class=\"finding ")).isEqualTo(2);
        assertThat(count(html, "<rect class=\"bar ")).isEqualTo(3);
        assertThat(count(html, "<details class=\"location\"")).isEqualTo(4);
        assertThat(count(html, "<tr data-status=")).isEqualTo(4);
    }

    @Test
    void theChecklistSaysWhatWasNotChecked() throws IOException {
        String html = render(fullReport());

        assertThat(html).contains("<tr data-status=\"failed\" data-findings=\"1\"><td>Locks are taken in one order",
                "<tr data-status=\"failed\" data-findings=\"1\"><td>Shared (static or global) state",
                "<tr data-status=\"not-checked\" data-findings=\"0\"><td>Each request gets its own database");
    }

    @Test
    void aDataRaceNamesBothAccessesAsThreadSanitizerDoes() throws IOException {
        String html = render(fullReport());

        assertThat(html).contains("<summary>Write of com.acme.Counter.count by thread \u201cworker-2\u201d at ",
                "<summary>Previous read by thread \u201cworker-1\u201d at ");
    }

    @Test
    void findingsWhollyInDependenciesAreAGroupOfTheirOwn() throws IOException {
        Report report = new ReportBuilder(SampleReports.TOOL).addFinding(dataRace(Severity.ERROR))
                .addFinding(SampleReports.dependencyRace()).addCheckedRule("data-race").build(Gate.ERROR);

        String html = render(report);

        assertThat(html).contains("<div class=\"in-dependencies\" id=\"in-dependencies\" data-findings=\"1\">",
                "The gate leaves them out; --gate-dependencies counts them.",
                "<tr data-status=\"failed\" data-findings=\"1\"><td>Shared (static or global) state",
                "failed: 1 finding (and 1 finding in dependencies)");
        assertThat(html.indexOf("data-dependency=\"false\"")).as("the application's finding first")
                .isLessThan(html.indexOf("id=\"in-dependencies\""));
        assertThat(html.indexOf("data-dependency=\"true\"")).isGreaterThan(html.indexOf("id=\"in-dependencies\""));
    }

    @Test
    void everythingFromTheRecordingIsEscaped() throws IOException {
        Location hostile = new Location(new Frame("com.acme.Evil", "run", 1), HOSTILE, "write",
                List.of(HOSTILE), List.of(HOSTILE), null);
        Report report = new ReportBuilder(SampleReports.TOOL).addRecording(recording(HOSTILE, false))
                .addFinding(new Finding("data-race", Severity.ERROR, HOSTILE, HOSTILE, HOSTILE, null, 1,
                        List.of(hostile)))
                .addContention(contention(HOSTILE, 1_000_000))
                .addNote(HOSTILE)
                .build(Gate.ERROR);

        String html = render(report);

        assertThat(html).doesNotContain("<script>alert")
                .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;&amp;&quot;");
    }

    @Test
    void aReportWithNothingInItStillReads() throws IOException {
        String html = render(SampleReports.report(Gate.ERROR, false));

        assertThat(html).contains("data-findings=\"0\"", "No findings.", "No thread waited for a lock",
                "gate \u2018error\u2019 passed").doesNotContain("id=\"wait-chart\"", "id=\"timeline\"");
    }

    private static Report fullReport() {
        Timeline.Focus focus = new Timeline.Focus("worker-2", "worker-1", "com.acme.Cache",
                new Frame("com.acme.Cache", "get", 12), 5_000_000, 10_000_000);
        Timeline timeline = new Timeline(0, Instant.parse("2025-01-01T10:00:05Z"), 20_000_000, focus, List.of(
                new Timeline.Row("worker-2", List.of(new Timeline.Interval(Timeline.State.BLOCKED, 5_000_000,
                        15_000_000, "blocked on Cache"))),
                new Timeline.Row("worker-1", List.of(new Timeline.Interval(Timeline.State.HOLDING, 5_000_000,
                        15_000_000, "holds Cache")))), 3);
        return new ReportBuilder(SampleReports.TOOL)
                .addRecording(recording("app.jfr", false))
                .addFinding(dataRace(Severity.ERROR))
                .addFinding(deadlock())
                .addContention(contention("com.acme.Cache", 9_000_000))
                .addContention(contention("com.acme.Pool", 4_000_000))
                .addContention(contention("com.acme.Log", 1_000_000))
                .addContention(objectWait("com.acme.Queue", 50_000_000))
                .addPinning(new PinnedSite(new Frame("com.acme.Io", "read", 9), 3, 6_000_000, 3_000_000))
                .timeline(timeline)
                .addCheckedRule("deadlock")
                .addCheckedRule("lock-order-inversion")
                .addNote("a note")
                .build(Gate.ERROR);
    }

    private static String render(Report report) throws IOException {
        StringWriter out = new StringWriter();
        new HtmlRenderer().render(report, out);
        return out.toString();
    }

    private static int count(String text, String part) {
        Matcher matcher = Pattern.compile(Pattern.quote(part)).matcher(text);
        int count = 0;
        while (matcher.find()) {
            count++;
        }
        return count;
    }
}
