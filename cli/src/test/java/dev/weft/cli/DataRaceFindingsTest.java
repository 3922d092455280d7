package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.cli.testing.RaceScenarios;
import dev.weft.cli.testing.TestRecording;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.h2.weftfixture.PageCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The data-race rule on real recordings: real threads take turns reading and writing a field, and
 * a stand-in for the agent's detector reports each conflicting access from the accessing thread,
 * with its real stack and name, as the agent does with {@code races=on}.
 */
class DataRaceFindingsTest {
    private static final String COUNTER = RaceScenarios.Counter.class.getName();
    private static final String READER = RaceScenarios.READER;
    private static final String WRITER = RaceScenarios.WRITER;

    @TempDir
    static Path dir;
    /** Three rounds of read-then-increment: five reports of one race, from either thread. */
    static Path counted;
    static Path countedAgain;
    static Path twoFields;
    static Path inDependency;
    static Path raceFree;
    static Path withoutRaceDetection;

    @BeforeAll
    static void record() {
        counted = TestRecording.withRaceDetection(dir.resolve("counted.jfr"),
                () -> RaceScenarios.countReadAndIncremented(3));
        countedAgain = TestRecording.withRaceDetection(dir.resolve("counted-again.jfr"),
                () -> RaceScenarios.countReadAndIncremented(3));
        twoFields = TestRecording.withRaceDetection(dir.resolve("two-fields.jfr"), RaceScenarios::countAndTotalRaced);
        inDependency = TestRecording.withRaceDetection(dir.resolve("dependency.jfr"),
                RaceScenarios::raceInADependency);
        raceFree = TestRecording.withRaceDetection(dir.resolve("race-free.jfr"), RaceScenarios::nothingShared);
        withoutRaceDetection = TestRecording.withWeftEvents(dir.resolve("no-detector.jfr"),
                RaceScenarios::nothingShared);
    }

    @Test
    void reportsOfOneRaceFromEitherThreadAreOneFindingWithTheirCount() {
        CliRun run = CliRun.weft("analyze", counted, "--format", "json");

        List<JsonNode> races = races(run.json());
        assertThat(races).hasSize(1);
        assertThat(races.get(0).get("count").asLong()).isEqualTo(5);
        assertThat(run.exitCode()).as("an error fails the default gate").isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void theFindingIsAnErrorOnTheFieldInThreadSanitizersWords() {
        JsonNode race = races(CliRun.weft("analyze", counted, "--format", "json").json()).get(0);
        JsonNode write = race.at("/locations/0");
        JsonNode read = race.at("/locations/1");

        assertThat(race.get("severity").asText()).isEqualTo("error");
        assertThat(race.get("field").asText()).isEqualTo(RaceScenarios.COUNT);
        assertThat(race.get("dependency").asBoolean()).isFalse();
        assertThat(race.get("message").asText()).isEqualTo("data race on " + RaceScenarios.COUNT + ": write by thread"
                + " \"" + WRITER + "\" at RaceScenarios$Counter.increment(RaceScenarios.java:" + line(write)
                + ") and read by thread \"" + READER + "\" at RaceScenarios$Counter.get(RaceScenarios.java:"
                + line(read) + "), not ordered by any synchronization (5 times)");
        assertThat(race.get("fixHint").asText()).isEqualTo("guard every access to " + RaceScenarios.COUNT
                + " with one lock, or make it volatile/atomic if it is an independent value");
    }

    @Test
    void eachAccessHasItsSiteThreadStackAndWhereItsThreadWasCreated() {
        JsonNode race = races(CliRun.weft("analyze", counted, "--format", "json").json()).get(0);

        JsonNode locations = race.get("locations");
        assertThat(locations).hasSize(2);
        JsonNode write = locations.get(0);
        JsonNode read = locations.get(1);
        assertThat(List.of(text(write, "class"), text(write, "method"), text(write, "thread"), text(write, "access")))
                .containsExactly(COUNTER, "increment", WRITER, "write");
        assertThat(List.of(text(read, "class"), text(read, "method"), text(read, "thread"), text(read, "access")))
                .containsExactly(COUNTER, "get", READER, "read");
        assertThat(text(write.get("stack"), 0)).as("weft's own frames are left out")
                .isEqualTo(COUNTER + ".increment(RaceScenarios.java:" + line(write) + ")");
        assertThat(write.get("stack").toString()).doesNotContain("dev.weft.runtime.");
        assertThat(text(read.get("stack"), 0)).as("the reader reported the same race the other way round")
                .isEqualTo(COUNTER + ".get(RaceScenarios.java:" + line(read) + ")");
        assertThat(text(write, "threadCreatedAt")).as("found by thread id")
                .startsWith("dev.weft.cli.testing.NamedWorker.<init>(NamedWorker.java:");
        assertThat(text(read, "threadCreatedAt")).as("found by thread name").isEqualTo(text(write, "threadCreatedAt"));
        assertThat(write.get("locksHeld")).as("none held").isEmpty();
        assertThat(read.get("locksHeld")).as("none held").isEmpty();
        assertThat(text(read, "stackSource")).isEqualTo("same-race");
    }

    @Test
    void aRaceOnAnObjectThatIsNotThreadSafeTellsTheCallsAndTheFixForItsClass() {
        Path cache = TestRecording.withRaceDetection(dir.resolve("cache.jfr"), RaceScenarios::cacheReadAndStored);
        String entries = RaceScenarios.ENTRIES;
        String cacheClass = RaceScenarios.Cache.class.getName();

        CliRun json = CliRun.weft("analyze", cache, "--format", "json");
        CliRun text = CliRun.weft("analyze", cache);

        assertThat(json.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        JsonNode race = races(json.json()).get(0);
        JsonNode put = race.at("/locations/0");
        JsonNode get = race.at("/locations/1");
        assertThat(text(race, "field")).isEqualTo(entries);
        assertThat(List.of(text(put, "method"), text(put, "access"), text(get, "method"), text(get, "access")))
                .containsExactly("store", "write (Map.put)", "load", "read (Map.get)");
        assertThat(text(race, "message")).isEqualTo("data race on " + entries + ": write (Map.put) by thread \""
                + WRITER + "\" at RaceScenarios$Cache.store(RaceScenarios.java:" + line(put) + ") and read (Map.get)"
                + " by thread \"" + READER + "\" at RaceScenarios$Cache.load(RaceScenarios.java:" + line(get) + "),"
                + " not ordered by any synchronization (once)");
        assertThat(text(race, "fixHint")).isEqualTo("use a ConcurrentHashMap, or guard every call on " + cacheClass
                + ".entries with one lock, reads and iteration too");
        assertThat(text.out().lines()).containsSubsequence(
                "ERROR data-race on " + entries + " (once)",
                "  Write (Map.put) of " + entries + " by thread \"" + WRITER + "\":",
                "      at " + cacheClass + ".store(RaceScenarios.java:" + line(put) + ")",
                "  Previous read (Map.get) by thread \"" + READER + "\":",
                "  Fix: " + text(race, "fixHint"));
    }

    @Test
    void aThreadKnownOnlyByANameThatStartedAtTwoPlacesGetsNoCreationSite() {
        Path namesake = TestRecording.withRaceDetection(dir.resolve("namesake.jfr"),
                RaceScenarios::countRacedAfterANamesakeOfTheReader);

        JsonNode race = races(CliRun.weft("analyze", namesake, "--format", "json").json()).get(0);

        assertThat(text(race.at("/locations/0"), "thread")).isEqualTo(WRITER);
        assertThat(race.at("/locations/0").has("threadCreatedAt")).as("found by thread id").isTrue();
        assertThat(text(race.at("/locations/1"), "thread")).isEqualTo(READER);
        assertThat(race.at("/locations/1").has("threadCreatedAt")).as("two threads had that name").isFalse();
    }

    @Test
    void twoFieldsAreTwoFindings() {
        List<JsonNode> races = races(CliRun.weft("analyze", twoFields, "--format", "json").json());

        assertThat(races).extracting(race -> text(race, "field"))
                .containsExactlyInAnyOrder(RaceScenarios.COUNT, RaceScenarios.TOTAL);
        assertThat(races).extracting(race -> text(race, "fingerprint")).doesNotHaveDuplicates();
    }

    @Test
    void theSameRaceInTwoRecordingsIsCountedNotRepeated() {
        JsonNode report = CliRun.weft("analyze", counted, countedAgain, "--format", "json").json();

        List<JsonNode> races = races(report);
        assertThat(races).hasSize(1);
        assertThat(races.get(0).get("count").asLong()).isEqualTo(10);
        assertThat(text(races.get(0), "fingerprint")).isEqualTo(
                text(races(CliRun.weft("analyze", counted, "--format", "json").json()).get(0), "fingerprint"));
    }

    @Test
    void theTextReportTellsTheRaceAsThreadSanitizerDoes() {
        JsonNode race = races(CliRun.weft("analyze", counted, "--format", "json").json()).get(0);
        int write = line(race.at("/locations/0"));
        int read = line(race.at("/locations/1"));
        String createdAt = text(race.at("/locations/0"), "threadCreatedAt");

        CliRun run = CliRun.weft("analyze", counted);

        assertThat(run.out().lines()).containsSubsequence(
                "ERROR data-race on " + RaceScenarios.COUNT + " (5 times)",
                "  " + text(race, "message"),
                "  Write of " + RaceScenarios.COUNT + " by thread \"" + WRITER + "\":",
                "      at " + COUNTER + ".increment(RaceScenarios.java:" + write + ")",
                "    Locks held: none",
                "  Previous read by thread \"" + READER + "\":",
                "    (stack and locks held as seen when this thread reported the same race)",
                "      at " + COUNTER + ".get(RaceScenarios.java:" + read + ")",
                "    Locks held: none",
                "  Thread \"" + WRITER + "\" created at " + createdAt,
                "  Thread \"" + READER + "\" created at " + createdAt,
                "  Fix: " + text(race, "fixHint"),
                "  fingerprint " + text(race, "fingerprint"),
                "weft: 1 error, 0 warnings — gate 'error' failed");
        assertThat(run.out()).doesNotContain("dev.weft.runtime.", "In dependencies");
    }

    @Test
    void aRaceWhollyInADependencyIsListedApartAndLeftOutOfTheDefaultGate() {
        CliRun json = CliRun.weft("analyze", inDependency, "--format", "json");
        CliRun text = CliRun.weft("analyze", inDependency, counted);

        assertThat(json.exitCode()).isEqualTo(ExitCodes.PASSED);
        JsonNode race = races(json.json()).get(0);
        assertThat(text(race, "field")).isEqualTo(PageCache.PAGES);
        assertThat(race.get("dependency").asBoolean()).isTrue();
        assertThat(json.json().at("/summary/dependencyFindings").asInt()).isEqualTo(1);
        assertThat(json.json().at("/summary/dependenciesGated").asBoolean()).isFalse();
        assertThat(json.json().at("/summary/gateFailed").asBoolean()).isFalse();
        assertThat(text.out().lines()).containsSubsequence(
                "ERROR data-race on " + RaceScenarios.COUNT + " (5 times)",
                "In dependencies (1 finding in libraries' code only, left out of the gate; --gate-dependencies"
                        + " gates them)",
                "ERROR data-race on " + PageCache.PAGES + " (once)",
                "weft: 2 errors, 0 warnings (1 only in dependencies, not gated) — gate 'error' failed");
    }

    @Test
    void gateDependenciesCountsThemToo() {
        CliRun run = CliRun.weft("analyze", inDependency, "--gate-dependencies");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(run.out())
                .contains("In dependencies (1 finding in libraries' code only, gated by --gate-dependencies)")
                .endsWith("weft: 1 error, 0 warnings (1 only in dependencies) — gate 'error' failed"
                        + System.lineSeparator());
        assertThat(CliRun.weft("analyze", "--help").out()).contains("--gate-dependencies");
    }

    @Test
    void theRuleIsCheckedOnlyWhenTheRecordingDeclaresTheDetectorsEvent() {
        assertThat(checkedRules(raceFree)).contains("data-race");
        assertThat(checkedRules(withoutRaceDetection)).doesNotContain("data-race")
                .contains("lock-order-inversion");
        assertThat(races(CliRun.weft("analyze", raceFree, "--format", "json").json())).isEmpty();
    }

    @Test
    void theChecklistItemOnSharedStateIsAnsweredByTheRaceDetector() {
        String sharedState = "<td>Shared (static or global) state";

        assertThat(html(counted)).contains("<tr data-status=\"failed\" data-findings=\"1\">" + sharedState);
        assertThat(html(raceFree)).contains("<tr data-status=\"passed\" data-findings=\"0\">" + sharedState);
        assertThat(html(withoutRaceDetection)).contains("<tr data-status=\"not-checked\" data-findings=\"0\">"
                + sharedState);
        assertThat(html(inDependency)).as("a race in a library is not the application's shared state")
                .contains("<tr data-status=\"passed\" data-findings=\"0\">" + sharedState)
                .contains("passed (and 1 finding in dependencies)", "id=\"in-dependencies\" data-findings=\"1\"");
    }

    @Test
    void sarifPointsAtTheReportedAccessWithTheOtherAsARelatedLocation() {
        JsonNode result = CliRun.weft("analyze", counted, "--format", "sarif").json().at("/runs/0/results/0");

        assertThat(text(result, "ruleId")).isEqualTo("data-race");
        assertThat(result.at("/locations/0/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo(COUNTER + ".increment");
        assertThat(result.at("/relatedLocations/0/logicalLocations/0/fullyQualifiedName").asText())
                .isEqualTo(COUNTER + ".get");
        assertThat(result.at("/message/text").asText())
                .contains("Also: [read by thread \"" + READER + "\" in RaceScenarios$Counter.get:");
        assertThat(result.get("occurrenceCount").asLong()).isEqualTo(5);
    }

    @Test
    void junitFailsTheApplicationsRaceAndSkipsTheDependencysOne() throws Exception {
        CliRun run = CliRun.weft("analyze", counted, inDependency, "--format", "junit");

        Document xml = DocumentBuilderFactory.newInstance().newDocumentBuilder()
                .parse(new ByteArrayInputStream(run.out().getBytes(StandardCharsets.UTF_8)));
        Element failure = (Element) xml.getElementsByTagName("failure").item(0);
        assertThat(xml.getElementsByTagName("failure").getLength()).isEqualTo(1);
        assertThat(((Element) failure.getParentNode()).getAttribute("name"))
                .isEqualTo("data-race on " + RaceScenarios.COUNT);
        assertThat(failure.getTextContent()).contains("Previous read by thread \"" + READER + "\":");
        assertThat(run.out()).contains("<skipped message=\"only in dependencies, left out of the gate: data race on "
                + PageCache.PAGES);
    }

    private static List<JsonNode> races(JsonNode report) {
        List<JsonNode> races = new ArrayList<>();
        report.get("findings").forEach(finding -> {
            if (text(finding, "rule").equals("data-race")) {
                races.add(finding);
            }
        });
        return races;
    }

    private static List<String> checkedRules(Path recording) {
        List<String> rules = new ArrayList<>();
        CliRun.weft("analyze", recording, "--format", "json").json().get("checkedRules")
                .forEach(rule -> rules.add(rule.asText()));
        return rules;
    }

    private static String html(Path recording) {
        return CliRun.weft("analyze", recording, "--format", "html").out();
    }

    private static String text(JsonNode node, String field) {
        return node.get(field).asText();
    }

    private static String text(JsonNode array, int index) {
        return array.get(index).asText();
    }

    private static int line(JsonNode location) {
        return location.get("line").asInt();
    }
}
