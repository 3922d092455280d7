package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.weft.cli.testing.DeadlockScenario;
import dev.weft.cli.testing.LockOrderScenarios;
import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import dev.weft.schema.WeftEvents;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The HTML report as a browser renders it: headless Chromium loads the page from a real recording
 * with findings and contention, runs its script, and hands back the DOM it ended with (and a
 * screenshot), so the test sees what a reader would, script errors included.
 */
class HtmlReportIT {
    private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    @TempDir
    static Path dir;
    static Path report;

    @BeforeAll
    static void renderReport() {
        Path recording = TestRecording.withWeftEvents(dir.resolve("app.jfr"), () -> {
            Scenarios.reportAgentInfo("9.9.9-test", 0, "");
            LockOrderScenarios.inverted();
            DeadlockScenario.deadlockAndReport(1);
            int monitorLine = Scenarios.contendedMonitor(2);
            Scenarios.reportMonitorStatistics(monitorLine, 4);
            int jucLine = Scenarios.contendedReentrantLock(2, true);
            Scenarios.reportLockStatistics(2, WeftEvents.LockKinds.JUC, ReentrantLock.class.getName(), "acquire",
                    jucLine, 4, 2, 1, 2, 50_000_000L);
        });
        report = dir.resolve("report.html");
        CliRun run = CliRun.weft("analyze", recording, "--format", "html", "--output", report);
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void theBrowserRendersFindingsChartChecklistAndTimelineWithoutScriptErrors() throws Exception {
        String dom = chromium("--dump-dom", report.toUri().toString());

        Matcher body = Pattern.compile("<body[^>]*>").matcher(dom);
        assertThat(body.find()).as("a body in the DOM").isTrue();
        assertThat(body.group()).as("the page's script ran to its end").contains("data-render=\"ok\"")
                .doesNotContain("data-render-error");
        assertThat(dom).contains("id=\"findings\" data-findings=\"2\"");
        assertThat(count(dom, "<article class=\"finding ")).isEqualTo(2);
        assertThat(dom).contains("data-rule=\"deadlock\"", "data-rule=\"lock-order-inversion\"");
        assertThat(count(dom, "<details class=\"location\"")).as("2 deadlocked threads, 2 edges of 2 locations")
                .isEqualTo(6);
        String chart = dom.substring(dom.indexOf("<svg id=\"wait-chart\""), dom.indexOf("</svg>",
                dom.indexOf("<svg id=\"wait-chart\"")));
        assertThat(count(chart, "<rect class=\"bar ")).as("the monitor, the ReentrantLock, maybe the JDK's own")
                .isBetween(2, 10);
        assertThat(chart).contains(">ReentrantLock<", ">Scenarios$GuardedResource<");
        assertThat(rows(dom, "checklist")).hasSize(4);
        assertThat(dom).contains("data-status=\"failed\" data-findings=\"2\"><td>Locks are taken in one order");
        assertThat(dom).contains("<svg id=\"timeline\"");
        assertThat(count(dom, "data-state=\"blocked\"")).isPositive();
        assertThat(dom).as("the table became sortable").contains("class=\"num sortable\"");
    }

    @Test
    void theBrowserDrawsThePage() throws Exception {
        Path screenshot = dir.resolve("report.png");

        chromium("--screenshot=" + screenshot, "--window-size=1280,2000", report.toUri().toString());

        assertThat(screenshot).isRegularFile();
        byte[] png = Files.readAllBytes(screenshot);
        assertThat(png).startsWith(0x89, 'P', 'N', 'G');
        assertThat(png.length).as("a page with content, not a blank one").isGreaterThan(50_000);
    }

    private static String chromium(String... arguments) throws IOException, InterruptedException {
        assumeTrue(Files.isExecutable(CHROMIUM), "Chromium is not installed at " + CHROMIUM
                + " (apt-get install chromium): the HTML report is not checked in a browser");
        List<String> command = new ArrayList<>(List.of(CHROMIUM.toString(), "--headless", "--no-sandbox",
                "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--user-data-dir=" + Files.createTempDirectory(dir, "chromium")));
        command.addAll(List.of(arguments));
        Path out = Files.createTempFile(dir, "chromium", ".out");
        Process process = new ProcessBuilder(command).redirectOutput(out.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        process.getOutputStream().close();
        boolean ended = process.waitFor(90, TimeUnit.SECONDS);
        if (!ended) {
            process.destroyForcibly();
        }
        assertThat(ended).as("Chromium ended within 90 s").isTrue();
        assertThat(process.exitValue()).as("Chromium's exit code").isZero();
        return Files.readString(out, StandardCharsets.UTF_8);
    }

    private static List<String> rows(String dom, String tableId) {
        int table = dom.indexOf("id=\"" + tableId + "\"");
        assertThat(table).as("#" + tableId).isNotNegative();
        String section = dom.substring(table, dom.indexOf("</table>", table));
        List<String> rows = new ArrayList<>();
        Matcher row = Pattern.compile("<tr data-status=\"([a-z-]+)\"").matcher(section);
        while (row.find()) {
            rows.add(row.group(1));
        }
        return rows;
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
