package dev.weft.cli.baseline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.Severity;
import dev.weft.cli.testing.SampleReports;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BaselineTest {
    private static final Instant CREATED = Instant.parse("2025-01-01T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void anAcceptedFindingStaysAcceptedAfterItsLinesShift() throws Exception {
        Baseline baseline = roundTrip(Baseline.empty().update(List.of(race("increment", 42, "worker-1")), false).baseline());

        Report later = baseline.apply(SampleReports.report(Gate.ERROR, false, race("increment", 57, "pool-1-thread-3")),
                "weft-baseline.json");

        assertThat(later.findings()).isEmpty();
        assertThat(later.summary().baselined()).isEqualTo(1);
        assertThat(later.summary().gateFailed()).isFalse();
        assertThat(later.notes()).containsExactly(
                "Baseline weft-baseline.json: 1 accepted finding is left out of this report and of the gate.");
    }

    @Test
    void aNewFindingStillFailsTheGate() throws Exception {
        Baseline baseline = roundTrip(Baseline.empty().update(List.of(race("increment", 42, "w")), false).baseline());

        Report later = baseline.apply(SampleReports.report(Gate.ERROR, false,
                race("increment", 43, "w"), race("reset", 60, "w")), "b.json");

        assertThat(later.findings()).extracting(finding -> finding.locations().get(1).at().method())
                .containsExactly("reset");
        assertThat(later.summary().errors()).isEqualTo(1);
        assertThat(later.summary().baselined()).isEqualTo(1);
        assertThat(later.summary().gateFailed()).isTrue();
    }

    @Test
    void entriesThatMatchNothingAreMentioned() {
        Baseline baseline = Baseline.empty().update(List.of(race("increment", 42, "w"), race("reset", 1, "w")), false)
                .baseline();

        Report later = baseline.apply(SampleReports.report(Gate.ERROR, false), "b.json");

        assertThat(later.notes()).singleElement().asString().contains("0 accepted findings", "2 entries match no finding");
        assertThat(SampleReports.report(Gate.ERROR, false).notes()).isEmpty();
        assertThat(Baseline.empty().apply(SampleReports.report(Gate.ERROR, false), "b.json").notes()).isEmpty();
    }

    @Test
    void rewritingKeepsJustificationsAndUnseenEntriesUnlessPruned() throws Exception {
        Finding seen = race("increment", 42, "w");
        Finding unseen = race("reset", 60, "w");
        Files.writeString(dir.resolve("b.json"), """
                {"version": 1, "findings": [
                  {"fingerprint": "%s", "rule": "data-race", "justification": "benign: statistics only"},
                  {"fingerprint": "%s", "rule": "data-race", "justification": "fixed in #12"}
                ]}""".formatted(seen.fingerprint(), unseen.fingerprint()));
        Baseline existing = BaselineFile.read(dir.resolve("b.json"));
        Finding brandNew = race("clear", 70, "w");

        Baseline.Update kept = existing.update(List.of(race("increment", 99, "other"), brandNew), false);
        Baseline.Update pruned = existing.update(List.of(seen), true);

        assertThat(kept.added()).isEqualTo(1);
        assertThat(kept.kept()).isEqualTo(2);
        assertThat(kept.dropped()).isZero();
        assertThat(roundTrip(kept.baseline()).entries()).extracting(BaselineEntry::justification)
                .containsExactlyInAnyOrder("benign: statistics only", "fixed in #12", null);
        assertThat(pruned.dropped()).isEqualTo(1);
        assertThat(roundTrip(pruned.baseline()).entries()).singleElement()
                .satisfies(entry -> assertThat(entry.justification()).isEqualTo("benign: statistics only"));
    }

    @Test
    void theFileSaysWhatEachEntryIsAbout() throws Exception {
        Path file = dir.resolve("weft-baseline.json");
        BaselineFile.write(Baseline.empty().update(List.of(race("increment", 42, "w")), false).baseline(),
                SampleReports.TOOL, CREATED, file);

        assertThat(Files.readString(file)).contains(
                "\"version\": 1",
                "\"tool\": {",
                "\"name\": \"weft\"",
                "\"created\": \"2025-01-01T10:00:00Z\"",
                "\"fingerprint\": \"" + race("increment", 1, "w").fingerprint() + "\"",
                "\"rule\": \"data-race\"",
                "\"field\": \"com.acme.Counter.count\"",
                "\"com.acme.Counter.get\"",
                "\"com.acme.Counter.increment\"",
                "\"justification\": null");
    }

    @Test
    void malformedFilesAreRejectedInOneLineThatNamesTheFileAndTheProblem() throws IOException {
        assertInvalid("not json at all", "it is not JSON at line 1");
        assertInvalid("[]", "it is not a JSON object");
        assertInvalid("{\"findings\": []}", "\"version\" is missing");
        assertInvalid("{\"version\": 2, \"findings\": []}", "it has version 2, and this weft reads version 1");
        assertInvalid("{\"version\": 1}", "\"findings\" is missing or not an array");
        assertInvalid("{\"version\": 1, \"findings\": [{\"rule\": \"data-race\"}]}", "findings[0] has no \"fingerprint\"");
        assertInvalid("{\"version\": 1, \"findings\": [{\"fingerprint\": \"ab\", \"justification\": 3}]}",
                "findings[0].justification is not a string");
        assertThatThrownBy(() -> BaselineFile.read(dir.resolve("missing.json")))
                .isInstanceOf(InvalidBaselineException.class)
                .hasMessageContaining("does not exist (create it with 'weft baseline");
    }

    private void assertInvalid(String content, String problem) throws IOException {
        Path file = Files.writeString(dir.resolve("bad.json"), content);
        assertThatThrownBy(() -> BaselineFile.read(file))
                .isInstanceOf(InvalidBaselineException.class)
                .hasMessageStartingWith("'" + file + "' is not a usable weft baseline: ")
                .hasMessageContaining(problem)
                .hasMessageEndingWith("--output " + file + "')")
                .satisfies(error -> assertThat(error.getMessage()).doesNotContain("\n"));
    }

    private Baseline roundTrip(Baseline baseline) throws Exception {
        Path file = dir.resolve("round-trip.json");
        BaselineFile.write(baseline, SampleReports.TOOL, CREATED, file);
        return BaselineFile.read(file);
    }

    /** A race on Counter.count between {@code method} (at {@code line}) and Counter.get. */
    private static Finding race(String method, int line, String thread) {
        return new Finding("data-race", Severity.ERROR, "com.acme.Counter.count", "race", null, null, 1, List.of(
                new Location(new Frame("com.acme.Counter", "get", line + 8), thread),
                new Location(new Frame("com.acme.Counter", method, line), thread)));
    }
}
