package dev.weft.cli.render;

import static dev.weft.cli.testing.SampleReports.dataRace;
import static dev.weft.cli.testing.SampleReports.finding;
import static dev.weft.cli.testing.SampleReports.recording;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.weft.cli.report.Gate;
import dev.weft.cli.report.Report;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.RuleCatalog;
import dev.weft.cli.report.RuleDescription;
import dev.weft.cli.report.Severity;
import dev.weft.cli.testing.SampleReports;
import dev.weft.cli.testing.SarifSchema;
import java.io.IOException;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SarifRendererTest {
    @TempDir
    Path project;

    private final Report report = new ReportBuilder(SampleReports.TOOL)
            .addRecording(recording("app.jfr", false))
            .addFinding(dataRace(Severity.ERROR))
            .addFinding(finding("unused-lock", Severity.INFO))
            .addNote("a note about [the inputs]")
            .build(Gate.ERROR);

    @BeforeEach
    void sourcesOfCounterOnly() throws IOException {
        Path sources = Files.createDirectories(project.resolve("service/src/main/java/com/acme"));
        Files.writeString(sources.resolve("Counter.java"), "package com.acme; class Counter {}");
    }

    @Test
    void isValidSarif210() throws IOException {
        JsonNode sarif = render(report);

        assertThat(SarifSchema.problems(sarif)).isEmpty();
        assertThat(sarif.get("version").asText()).isEqualTo("2.1.0");
        assertThat(sarif.get("$schema").asText()).endsWith("sarif-schema-2.1.0.json");
        assertThat(sarif.get("runs")).hasSize(1);
    }

    @Test
    void theSchemaCatchesWhatIsNotSarif() throws IOException {
        ObjectNode sarif = (ObjectNode) render(report);
        ((ObjectNode) sarif.at("/runs/0/results/0")).put("level", "fatal");

        assertThat(SarifSchema.problems(sarif)).isNotEmpty();
    }

    @Test
    void describesEveryRuleOfTheCatalogAndRulesOnlyFindingsName() throws IOException {
        JsonNode driver = render(report).at("/runs/0/tool/driver");

        assertThat(driver.get("name").asText()).isEqualTo("weft");
        assertThat(driver.get("version").asText()).isEqualTo(SampleReports.TOOL.version());
        List<String> ids = new ArrayList<>();
        driver.get("rules").forEach(rule -> ids.add(rule.get("id").asText()));
        assertThat(ids).startsWith(RuleCatalog.all().stream().map(RuleDescription::id).toArray(String[]::new))
                .endsWith("unused-lock").doesNotHaveDuplicates();
        JsonNode race = driver.at("/rules/0");
        assertThat(race.get("name").asText()).isEqualTo("DataRace");
        assertThat(race.at("/shortDescription/text").asText()).isEqualTo("Data race");
        assertThat(race.at("/fullDescription/text").asText()).contains("happens-before");
        assertThat(race.at("/help/text").asText()).contains("How to fix");
        assertThat(race.at("/help/markdown").asText()).contains("**How to fix:**", "`volatile`");
        assertThat(race.at("/defaultConfiguration/level").asText()).isEqualTo("error");
        assertThat(race.at("/properties/tags/0").asText()).isEqualTo("concurrency");
    }

    @Test
    void resultsPointAtTheirRuleAndMapSeveritiesToLevels() throws IOException {
        JsonNode run = render(report).at("/runs/0");
        JsonNode race = run.at("/results/0");
        JsonNode unused = run.at("/results/1");

        assertThat(race.get("ruleId").asText()).isEqualTo("data-race");
        assertThat(run.at("/tool/driver/rules/" + race.get("ruleIndex").asInt() + "/id").asText()).isEqualTo("data-race");
        assertThat(race.get("level").asText()).isEqualTo("error");
        assertThat(unused.get("level").asText()).as("info is a note").isEqualTo("note");
        assertThat(run.at("/tool/driver/rules/" + unused.get("ruleIndex").asInt() + "/id").asText())
                .isEqualTo("unused-lock");
        assertThat(race.get("occurrenceCount").asLong()).isEqualTo(3);
        assertThat(race.at("/properties/field").asText()).isEqualTo("com.acme.Counter.count");
    }

    @Test
    void firstAccessIsTheLocationAndTheOthersAreLinkedRelatedLocations() throws IOException {
        JsonNode race = render(report).at("/runs/0/results/0");

        JsonNode primary = race.at("/locations/0/physicalLocation");
        assertThat(primary.at("/artifactLocation/uri").asText()).isEqualTo("service/src/main/java/com/acme/Counter.java");
        assertThat(primary.at("/artifactLocation/uriBaseId").asText()).isEqualTo("%SRCROOT%");
        assertThat(primary.at("/region/startLine").asInt()).isEqualTo(42);
        assertThat(race.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo("com.acme.Counter.increment");
        JsonNode related = race.at("/relatedLocations/0");
        assertThat(related.get("id").asInt()).isEqualTo(1);
        assertThat(related.at("/physicalLocation/region/startLine").asInt()).isEqualTo(50);
        assertThat(related.at("/message/text").asText()).isEqualTo(
                "read by thread \"worker-1\" in Counter.get:50, holding " + SampleReports.READER_LOCK);
        assertThat(race.at("/message/text").asText())
                .startsWith("count is written and read by two threads")
                .contains(" Fix: guard count", "Also: [read by thread \"worker-1\" in Counter.get:50, holding "
                        + SampleReports.READER_LOCK + "](1)");
    }

    @Test
    void aFindingWhollyInDependenciesSaysSo() throws IOException {
        Report both = new ReportBuilder(SampleReports.TOOL).addFinding(dataRace(Severity.ERROR))
                .addFinding(SampleReports.dependencyRace()).build(Gate.ERROR);

        JsonNode sarif = render(both);

        assertThat(SarifSchema.problems(sarif)).isEmpty();
        assertThat(sarif.at("/runs/0/results/0/properties").has("dependency")).isFalse();
        assertThat(sarif.at("/runs/0/results/1/properties/dependency").asBoolean()).isTrue();
    }

    @Test
    void fingerprintIsWeftsOwnSoThatAlertsSurviveEdits() throws IOException {
        JsonNode race = render(report).at("/runs/0/results/0");

        assertThat(race.at("/partialFingerprints/weft~1v1").asText()).isEqualTo(dataRace(Severity.ERROR).fingerprint());
    }

    @Test
    void stacksBecomeThreadFlowsOfTheFramesInTheRepository() throws IOException {
        JsonNode flows = render(report).at("/runs/0/results/0/codeFlows/0/threadFlows");

        assertThat(flows).as("one per access").hasSize(2);
        JsonNode write = flows.get(0);
        assertThat(write.at("/message/text").asText()).startsWith("write by thread \"worker-2\"");
        assertThat(write.get("locations")).as("Worker.java is not in the project").hasSize(1);
        assertThat(write.at("/locations/0/location/message/text").asText())
                .isEqualTo("com.acme.Counter.increment(Counter.java:42)");
    }

    @Test
    void classesWithoutSourceGetAGuessedPathAndANotification() throws IOException {
        JsonNode run = render(report).at("/runs/0");

        assertThat(run.at("/results/1/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("com/acme/App.java");
        assertThat(run.at("/invocations/0/toolConfigurationNotifications/0/message/text").asText())
                .contains("service/src/main/java", "com.acme.App", "--source-root")
                .doesNotContain("com.acme.Counter");
        assertThat(run.at("/originalUriBaseIds/%SRCROOT%/uri").asText()).startsWith("file:").endsWith("/");
    }

    @Test
    void notesAreNotificationsAndACutRecordingIsAnUnsuccessfulExecution() throws IOException {
        Report cut = SampleReports.report(Gate.ERROR, true);
        JsonNode invocation = render(new ReportBuilder(SampleReports.TOOL).addRecording(recording("a.jfr", true))
                .addNote("a.jfr was cut short").build(Gate.ERROR)).at("/runs/0/invocations/0");

        assertThat(invocation.get("executionSuccessful").asBoolean()).isFalse();
        assertThat(invocation.at("/toolExecutionNotifications/0/message/text").asText()).isEqualTo("a.jfr was cut short");
        assertThat(render(cut).at("/runs/0/results")).isEmpty();
        assertThat(SarifSchema.problems(render(cut))).isEmpty();
    }

    @Test
    void explicitSourceRootsReplaceTheConventionalOnes() throws IOException {
        Path other = Files.createDirectories(project.resolve("elsewhere/com/acme"));
        Files.writeString(other.resolve("App.java"), "package com.acme; class App {}");
        SourceIndex sources = SourceIndex.under(project, List.of(Path.of("elsewhere")));

        JsonNode run = render(report, sources).at("/runs/0");

        assertThat(run.at("/results/1/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("elsewhere/com/acme/App.java");
        assertThat(run.at("/results/0/locations/0/physicalLocation/artifactLocation/uri").asText())
                .as("not under the given root").isEqualTo("com/acme/Counter.java");
    }

    @Test
    void pathsAreUriReferences() throws IOException {
        Path spaced = Files.createDirectories(project.resolve("my sources/com/acme"));
        Files.writeString(spaced.resolve("App.java"), "package com.acme; class App {}");

        JsonNode sarif = render(report, SourceIndex.under(project, List.of(Path.of("my sources"))));

        assertThat(sarif.at("/runs/0/results/1/locations/0/physicalLocation/artifactLocation/uri").asText())
                .isEqualTo("my%20sources/com/acme/App.java");
        assertThat(SarifSchema.problems(sarif)).isEmpty();
    }

    private JsonNode render(Report report) throws IOException {
        return render(report, SourceIndex.under(project, List.of()));
    }

    private static JsonNode render(Report report, SourceIndex sources) throws IOException {
        StringWriter out = new StringWriter();
        new SarifRenderer(sources, "https://example.org/weft").render(report, out);
        return PrettyJson.mapper().readTree(out.toString());
    }
}
