package dev.weft.cli.render;

import static dev.weft.cli.testing.SampleReports.contention;
import static dev.weft.cli.testing.SampleReports.dataRace;
import static dev.weft.cli.testing.SampleReports.finding;
import static dev.weft.cli.testing.SampleReports.recording;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.PinnedSite;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Severity;
import dev.weft.cli.testing.SampleReports;
import java.io.IOException;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class JsonRendererTest {
    private final Report report = new ReportBuilder(SampleReports.TOOL)
            .addRecording(recording("app.jfr", false))
            .addFinding(dataRace(Severity.ERROR))
            .addFinding(finding("unused-lock", Severity.INFO))
            .addContention(contention("com.acme.Cache", 5_000_000))
            .addNote("a note")
            .build(Gate.ERROR);

    @Test
    void findingsCarryRuleSeverityFieldAndLocations() throws IOException {
        JsonNode json = render(report);

        assertThat(json.at("/summary/errors").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/infos").asInt()).isEqualTo(1);
        assertThat(json.at("/summary/gateFailed").asBoolean()).isTrue();
        JsonNode race = json.at("/findings/0");
        assertThat(fieldNames(race)).containsExactly(
                "rule", "severity", "field", "message", "fixHint", "fingerprint", "count", "dependency", "locations");
        assertThat(race.get("rule").asText()).isEqualTo("data-race");
        assertThat(race.get("severity").asText()).isEqualTo("error");
        assertThat(race.get("field").asText()).isEqualTo("com.acme.Counter.count");
        assertThat(race.get("count").asLong()).isEqualTo(3);
        assertThat(race.get("dependency").asBoolean()).isFalse();

        JsonNode write = race.at("/locations/0");
        assertThat(fieldNames(write))
                .containsExactly("class", "method", "line", "thread", "access", "stack", "locksHeld",
                        "threadCreatedAt", "origin", "codeSource", "originReason");
        assertThat(write.get("locksHeld")).as("known to be none").isEmpty();
        assertThat(write.get("line").asInt()).isEqualTo(42);
        assertThat(write.get("thread").asText()).isEqualTo("worker-2");
        assertThat(write.get("stack").get(1).asText()).isEqualTo("com.acme.Worker.run(Worker.java:17)");
        assertThat(write.get("threadCreatedAt").asText()).isEqualTo("com.acme.Server.start(Server.java:30)");
        assertThat(write.get("origin").asText()).isEqualTo("application");
        assertThat(write.get("codeSource").isNull()).as("a report built without recorded code sources").isTrue();
        assertThat(write.get("originReason").asText())
                .isEqualTo("no code source recorded, not a well-known library's package");
        JsonNode read = race.at("/locations/1");
        assertThat(read.get("locksHeld").get(0).asText()).isEqualTo(SampleReports.READER_LOCK);
        assertThat(read.get("stackSource").asText()).as("not the access's own stack").isEqualTo("later-execution");
        assertThat(write.has("stackSource")).as("the access's own stack").isFalse();
    }

    @Test
    void notesOfAFindingAreListedWhenItHasAny() throws IOException {
        Finding race = dataRace(Severity.WARNING);
        Finding noted = new Finding(race.rule(), race.severity(), race.field(), race.message(), race.fixHint(),
                null, race.count(), race.locations(), List.of("this program synchronizes through"
                        + " VarHandle.releaseFence at Counter.set(Counter.java:12), which weft does not model"));

        JsonNode json = render(new ReportBuilder(SampleReports.TOOL).addFinding(noted).build(Gate.ERROR));

        assertThat(json.at("/findings/0/notes/0").asText()).startsWith("this program synchronizes through");
        assertThat(fieldNames(json.at("/findings/0"))).containsSubsequence("dependency", "notes", "locations");
        assertThat(render(report).at("/findings/0").has("notes")).as("none without notes").isFalse();
    }

    @Test
    void aFindingWithoutFieldSaysNull() throws IOException {
        JsonNode other = render(report).at("/findings/1");

        assertThat(other.has("field")).isTrue();
        assertThat(other.get("field").isNull()).isTrue();
        assertThat(fieldNames(other.at("/locations/0"))).containsExactly("class", "method", "line", "thread", "origin",
                "codeSource", "originReason");
    }

    @Test
    void lockLocationsNameTheLockAndItsOwner() throws IOException {
        Report deadlock = new ReportBuilder(SampleReports.TOOL).addFinding(SampleReports.deadlock()).build(Gate.ERROR);

        JsonNode location = render(deadlock).at("/findings/0/locations/0");

        assertThat(fieldNames(location)).containsExactly("class", "method", "line", "thread", "access", "stack",
                "locksHeld", "lock", "lockOwner", "origin", "codeSource", "originReason");
        assertThat(location.get("access").asText()).isEqualTo("waits for");
        assertThat(location.get("lock").asText()).isEqualTo("com.acme.Account@2b");
        assertThat(location.get("lockOwner").asText()).isEqualTo("teller-2");
    }

    @Test
    void pinningAndCheckedRulesAreListed() throws IOException {
        Report report = new ReportBuilder(SampleReports.TOOL)
                .addPinning(new PinnedSite(new Frame("com.acme.Io", "read", 9), 3, 6_000_000, 3_000_000))
                .addCheckedRule("lock-order-inversion").addCheckedRule("deadlock")
                .build(Gate.ERROR);

        JsonNode json = render(report);

        assertThat(json.get("checkedRules")).extracting(JsonNode::asText)
                .containsExactly("deadlock", "lock-order-inversion");
        JsonNode site = json.at("/pinning/0");
        assertThat(fieldNames(site)).containsExactly("site", "count", "totalNanos", "maxNanos");
        assertThat(site.at("/site/method").asText()).isEqualTo("read");
        assertThat(site.get("totalNanos").asLong()).isEqualTo(6_000_000);
    }

    @Test
    void contentionEntriesHaveSiteWaitsAndThreads() throws IOException {
        JsonNode entry = render(report).at("/contention/0");

        assertThat(fieldNames(entry)).containsExactly("lockClass", "lockKind", "site", "calledFrom", "acquisitions",
                "contended", "waitNanos", "blockingHolds", "blockingHoldNanos", "waiters", "owners");
        assertThat(entry.get("calledFrom").isNull()).isTrue();
        assertThat(entry.get("blockingHolds").isNull()).as("monitors have none").isTrue();
        assertThat(entry.at("/waitNanos/total").asLong()).isEqualTo(5_000_000);
        assertThat(entry.at("/owners/0/thread").asText()).isEqualTo("worker-3");
        assertThat(render(report).get("notes").get(0).asText()).isEqualTo("a note");
    }

    private static JsonNode render(Report report) throws IOException {
        StringWriter out = new StringWriter();
        new JsonRenderer().render(report, out);
        return new ObjectMapper().readTree(out.toString());
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
