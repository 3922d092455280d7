package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.testing.SarifSchema;
import dev.weft.cli.testing.TestRecording;
import dev.weft.cli.testing.WeftTestEvents;
import dev.weft.schema.WeftEvents;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

/**
 * The CI formats and baselines through the real command line, on real recordings holding weft's
 * lock-order events: a lock-order inversion is the finding (a warning, so the gate is
 * {@code --fail-on warning}).
 */
class CiFormatsTest {
    @TempDir
    static Path dir;

    /** An inversion between Bank.transfer and Bank.refund. */
    private static Path inversion;
    /** The same inversion after edits moved its lines. */
    private static Path inversionLinesShifted;
    /** That inversion (lines moved) and a new one between Shop.checkout and Shop.cancel. */
    private static Path inversionAndANewOne;

    @BeforeAll
    static void record() {
        inversion = record("inversion.jfr", 0, false);
        inversionLinesShifted = record("shifted.jfr", 7, false);
        inversionAndANewOne = record("new.jfr", 7, true);
    }

    @Test
    void aBaselineAcceptsTodaysFindingsSoThatOnlyNewOnesFailTheGate() throws IOException {
        Path baseline = dir.resolve("accepts-today.json");
        assertThat(CliRun.weft("analyze", inversion, "--fail-on", "warning").exitCode())
                .isEqualTo(ExitCodes.GATE_FAILED);

        CliRun written = CliRun.weft("baseline", inversion, "--output", baseline);
        CliRun sameProblemLater = CliRun.weft("analyze", inversionLinesShifted, "--fail-on", "warning",
                "--baseline", baseline);
        CliRun newProblem = CliRun.weft("analyze", inversionAndANewOne, "--fail-on", "warning",
                "--baseline", baseline, "--format", "json");

        assertThat(written.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(written.out().strip()).isEqualTo(
                "weft: baseline " + baseline + " accepts 1 finding (1 new, 0 kept, 0 dropped)");
        assertThat(sameProblemLater.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(sameProblemLater.out())
                .contains("Baseline " + baseline + ": 1 accepted finding is left out of this report and of the gate.")
                .endsWith("weft: 0 errors, 0 warnings (1 more accepted by the baseline) — gate 'warning' passed"
                        + System.lineSeparator());
        assertThat(newProblem.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        JsonNode report = newProblem.json();
        assertThat(report.at("/summary/warnings").asInt()).isEqualTo(1);
        assertThat(report.at("/summary/baselined").asInt()).isEqualTo(1);
        assertThat(report.at("/findings/0/locations").toString()).contains("com.acme.Shop");
    }

    @Test
    void rewritingABaselineKeepsItsJustifications() throws IOException {
        Path baseline = dir.resolve("justified.json");
        CliRun.weft("baseline", inversion, "--output", baseline);
        ObjectNode file = (ObjectNode) new ObjectMapper().readTree(baseline.toFile());
        ((ObjectNode) file.at("/findings/0")).put("justification", "the two paths never run at once (ADR-7)");
        Files.writeString(baseline, file.toPrettyString());

        CliRun rewritten = CliRun.weft("baseline", inversionAndANewOne, "--output", baseline);

        assertThat(rewritten.exitCode()).isEqualTo(ExitCodes.PASSED);
        assertThat(rewritten.out()).contains("accepts 2 findings (1 new, 1 kept, 0 dropped)");
        JsonNode entries = new ObjectMapper().readTree(baseline.toFile()).get("findings");
        assertThat(entries).hasSize(2);
        assertThat(entries.findValuesAsText("justification"))
                .containsExactlyInAnyOrder("the two paths never run at once (ADR-7)", "null");
        assertThat(CliRun.weft("analyze", inversionAndANewOne, "--fail-on", "warning", "--baseline", baseline)
                .exitCode()).isEqualTo(ExitCodes.PASSED);
    }

    @Test
    void aMalformedBaselineIsAUsageErrorInOneLine() throws IOException {
        Path broken = Files.writeString(dir.resolve("broken.json"), "{\"version\": 1, \"findings\": {}}");

        CliRun analyze = CliRun.weft("analyze", inversion, "--baseline", broken);
        CliRun rewrite = CliRun.weft("baseline", inversion, "--output", broken);

        for (CliRun run : new CliRun[] {analyze, rewrite}) {
            assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
            assertThat(run.errLines()).singleElement().asString()
                    .startsWith("weft: '" + broken + "' is not a usable weft baseline: \"findings\" is missing or"
                            + " not an array");
        }
        assertThat(analyze.out()).isEmpty();
        assertThat(Files.readString(broken)).as("left as it was").contains("\"findings\": {}");
        assertThat(CliRun.weft("analyze", inversion, "--baseline", dir.resolve("none.json")).errLines())
                .singleElement().asString().contains("does not exist");
    }

    @Test
    void sarifOfARealRecordingIsValidAndPointsIntoTheSources() throws IOException {
        Path sources = Files.createDirectories(dir.resolve("project/src/main/java/com/acme"));
        Files.writeString(sources.resolve("Bank.java"), "package com.acme; class Bank {}");
        Path output = dir.resolve("weft.sarif");

        CliRun run = CliRun.weft("analyze", inversion, "--format", "sarif", "--output", output,
                "--source-root", dir.resolve("project/src/main/java"));

        assertThat(run.exitCode()).as("the default gate is error").isEqualTo(ExitCodes.PASSED);
        JsonNode sarif = new ObjectMapper().readTree(output.toFile());
        assertThat(SarifSchema.problems(sarif)).isEmpty();
        JsonNode result = sarif.at("/runs/0/results/0");
        assertThat(result.get("ruleId").asText()).isEqualTo("lock-order-inversion");
        assertThat(result.get("level").asText()).isEqualTo("warning");
        assertThat(result.at("/locations/0/physicalLocation/artifactLocation/uri").asText()).endsWith("com/acme/Bank.java");
        assertThat(result.get("relatedLocations")).hasSizeGreaterThanOrEqualTo(1);
        assertThat(result.at("/partialFingerprints/weft~1v1").asText()).matches("[0-9a-f]{16}");
    }

    @Test
    void junitOfARealRecordingFailsTheFindingsAtTheGate() throws Exception {
        CliRun run = CliRun.weft("analyze", inversion, "--format", "junit", "--fail-on", "warning");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(xml.getDocumentElement().getAttribute("failures")).isEqualTo("1");
    }

    @Test
    void aSourceRootThatIsNotADirectoryIsAUsageError() {
        CliRun run = CliRun.weft("analyze", inversion, "--format", "sarif", "--source-root", dir.resolve("nope"));

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString().contains("--source-root", "is not a directory");
    }

    @Test
    void helpNamesTheFormatsAndTheBaselineOptions() {
        assertThat(CliRun.weft("analyze", "--help").out())
                .contains("sarif", "junit", "--baseline=FILE", "--source-root=DIR");
        assertThat(CliRun.weft("baseline", "--help").out()).contains("--output=FILE", "--prune", "justification");
    }

    /**
     * A recording with weft's lock-order edges: Bank.transfer takes lock 1 then 2, Bank.refund 2
     * then 1; with {@code andANewOne}, Shop.checkout takes 3 then 4 and Shop.cancel 4 then 3.
     */
    private static Path record(String name, int lineShift, boolean andANewOne) {
        return TestRecording.withWeftEvents(dir.resolve(name), () -> {
            edge(1, 2, "com.acme.Bank", "transfer", 20 + lineShift);
            edge(2, 1, "com.acme.Bank", "refund", 40 + lineShift);
            if (andANewOne) {
                edge(3, 4, "com.acme.Shop", "checkout", 10);
                edge(4, 3, "com.acme.Shop", "cancel", 30);
            }
        });
    }

    /** One edge as the agent reports it, taken at {@code line} (first lock) and the next line (second). */
    private static void edge(long first, long second, String siteClass, String siteMethod, int line) {
        WeftTestEvents.LockOrder event = new WeftTestEvents.LockOrder();
        event.firstLockId = first;
        event.firstLockClass = "com.acme.Account";
        event.firstLockKind = WeftEvents.LockKinds.MONITOR;
        event.firstSiteClass = siteClass;
        event.firstSiteMethod = siteMethod;
        event.firstSiteLine = line;
        event.secondLockId = second;
        event.secondLockClass = "com.acme.Account";
        event.secondLockKind = WeftEvents.LockKinds.MONITOR;
        event.secondSiteClass = siteClass;
        event.secondSiteMethod = siteMethod;
        event.secondSiteLine = line + 1;
        event.heldLockIds = String.valueOf(first);
        event.commit();
    }
}
