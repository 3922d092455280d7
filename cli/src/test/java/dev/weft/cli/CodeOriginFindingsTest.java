package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.weft.cli.testing.RaceScenarios;
import dev.weft.cli.testing.TestRecording;
import dev.weft.cli.testing.WeftTestEvents.CodeSource;
import dev.weft.schema.WeftEvents.Origins;
import java.nio.file.Path;
import org.h2.weftfixture.PageCache;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Whose code a finding is in, decided by the code sources the agent recorded: recordings with a race
 * in the application's counter and one in a library's page cache (a class in H2's package), and
 * {@code dev.weft.CodeSource} events that say where each package came from.
 */
class CodeOriginFindingsTest {
    private static final String APP_PACKAGE = RaceScenarios.Counter.class.getPackageName();
    private static final String LIBRARY_PACKAGE = PageCache.class.getPackageName();
    private static final String H2_JAR = "file:/srv/shop/lib/h2-2.3.232.jar";
    private static final String H2_BUNDLE = "OSGi bundle com.h2database 2.3.232";

    @TempDir
    static Path dir;
    /** The counter from the main jar, the page cache from H2's jar. */
    static Path shop;
    /** The counter from a jar with Maven metadata: a library's, though its package is no well-known one. */
    static Path counterInALibrary;
    /** The page cache from a class directory: someone working on H2 itself. */
    static Path cacheInClassDirectory;
    /** The page cache from a jar without metadata. */
    static Path cacheInPlainJar;
    /** The page cache's package from both a class directory and H2's jar. */
    static Path cacheInBoth;

    @BeforeAll
    static void record() {
        shop = TestRecording.withRaceDetection(dir.resolve("shop.jfr"), () -> {
            RaceScenarios.countReadAndIncremented(2);
            RaceScenarios.raceInADependency();
            CodeSource.commit("file:/srv/shop/shop.jar", Origins.APPLICATION, "the main jar (java -jar)", APP_PACKAGE);
            CodeSource.commit(H2_JAR, Origins.DEPENDENCY, H2_BUNDLE, "org.h2", LIBRARY_PACKAGE);
        });
        counterInALibrary = TestRecording.withRaceDetection(dir.resolve("counter-library.jfr"), () -> {
            RaceScenarios.countReadAndIncremented(2);
            CodeSource.commit("file:/home/ci/.m2/repository/org/acme/counters/1.0/counters-1.0.jar",
                    Origins.DEPENDENCY, "Maven org.acme:counters:1.0 (META-INF/maven/org.acme/counters/pom.properties)",
                    APP_PACKAGE);
        });
        cacheInClassDirectory = TestRecording.withRaceDetection(dir.resolve("cache-directory.jfr"), () -> {
            RaceScenarios.raceInADependency();
            CodeSource.commit("file:/work/h2/target/classes/", Origins.APPLICATION, "a class directory", LIBRARY_PACKAGE);
        });
        cacheInPlainJar = TestRecording.withRaceDetection(dir.resolve("cache-plain.jfr"), () -> {
            RaceScenarios.raceInADependency();
            CodeSource.commit("file:/srv/shop/lib/cache.jar", Origins.UNKNOWN, "a jar without library metadata",
                    LIBRARY_PACKAGE);
        });
        cacheInBoth = TestRecording.withRaceDetection(dir.resolve("cache-both.jfr"), () -> {
            RaceScenarios.raceInADependency();
            CodeSource.commit(H2_JAR, Origins.DEPENDENCY, H2_BUNDLE, LIBRARY_PACKAGE);
            CodeSource.commit("file:/work/h2/target/classes/", Origins.APPLICATION, "a class directory", LIBRARY_PACKAGE);
        });
    }

    @Test
    void aRaceInsideALibrarysJarIsListedApartWithTheJarAndTheEvidence() {
        CliRun text = CliRun.weft("analyze", shop);
        JsonNode json = CliRun.weft("analyze", shop, "--format", "json").json();

        assertThat(text.exitCode()).as("the application's race fails the gate").isEqualTo(ExitCodes.GATE_FAILED);
        assertThat(text.out().lines()).containsSubsequence(
                "ERROR data-race on " + RaceScenarios.COUNT + " (3 times)",
                "In dependencies (1 finding in libraries' code only, left out of the gate; --gate-dependencies"
                        + " gates them)",
                "ERROR data-race on " + PageCache.PAGES + " (once)",
                "  in dependencies: h2-2.3.232.jar (" + H2_BUNDLE + ")");
        JsonNode cache = finding(json, PageCache.PAGES);
        assertThat(cache.get("dependency").asBoolean()).isTrue();
        assertThat(cache.get("locations")).allSatisfy(location -> {
            assertThat(location.get("origin").asText()).isEqualTo("dependency");
            assertThat(location.get("codeSource").asText()).isEqualTo(H2_JAR);
            assertThat(location.get("originReason").asText()).isEqualTo(H2_BUNDLE);
        });
        JsonNode counter = finding(json, RaceScenarios.COUNT).at("/locations/0");
        assertThat(counter.get("origin").asText()).isEqualTo("application");
        assertThat(counter.get("codeSource").asText()).isEqualTo("file:/srv/shop/shop.jar");
        assertThat(counter.get("originReason").asText()).isEqualTo("the main jar (java -jar)");
    }

    @Test
    void theRecordedCodeSourceDecidesNotThePackageName() {
        CliRun library = CliRun.weft("analyze", counterInALibrary, "--format", "json");
        CliRun directory = CliRun.weft("analyze", cacheInClassDirectory, "--format", "json");

        assertThat(finding(library.json(), RaceScenarios.COUNT).get("dependency").asBoolean()).isTrue();
        assertThat(library.exitCode()).isEqualTo(ExitCodes.PASSED);
        JsonNode cache = finding(directory.json(), PageCache.PAGES);
        assertThat(cache.get("dependency").asBoolean()).as("H2's package, but built here").isFalse();
        assertThat(cache.at("/locations/0/originReason").asText()).isEqualTo("a class directory");
        assertThat(directory.exitCode()).isEqualTo(ExitCodes.GATE_FAILED);
    }

    @Test
    void aJarWithoutEvidenceFallsBackToThePackageName() {
        JsonNode cache = finding(CliRun.weft("analyze", cacheInPlainJar, "--format", "json").json(), PageCache.PAGES);

        assertThat(cache.get("dependency").asBoolean()).isTrue();
        assertThat(cache.at("/locations/0/codeSource").asText()).isEqualTo("file:/srv/shop/lib/cache.jar");
        assertThat(cache.at("/locations/0/originReason").asText())
                .isEqualTo("a jar without library metadata; package org.h2.* of a well-known library");
    }

    @Test
    void aPackageAlsoFromTheApplicationsCodeIsTheApplications() {
        JsonNode cache = finding(CliRun.weft("analyze", cacheInBoth, "--format", "json").json(), PageCache.PAGES);

        assertThat(cache.get("dependency").asBoolean()).isFalse();
        assertThat(cache.at("/locations/0/codeSource").asText()).isEqualTo("file:/work/h2/target/classes/");
    }

    @Test
    void recordingsWithoutCodeSourcesAreJudgedByPackageName() {
        Path plain = TestRecording.withRaceDetection(dir.resolve("no-code-sources.jfr"), RaceScenarios::raceInADependency);

        JsonNode cache = finding(CliRun.weft("analyze", plain, "--format", "json").json(), PageCache.PAGES);

        assertThat(cache.get("dependency").asBoolean()).isTrue();
        assertThat(cache.at("/locations/0/codeSource").isNull()).isTrue();
        assertThat(cache.at("/locations/0/originReason").asText()).isEqualTo("package org.h2.* of a well-known library");
    }

    @Test
    void htmlSarifAndJUnitNameTheJarToo() {
        String html = CliRun.weft("analyze", shop, "--format", "html").out();
        JsonNode sarif = CliRun.weft("analyze", shop, "--format", "sarif").json();
        String junit = CliRun.weft("analyze", shop, "--format", "junit").out();

        assertThat(html).contains("In dependencies: <code>h2-2.3.232.jar (" + H2_BUNDLE + ")</code>");
        assertThat(sarif.at("/runs/0/results")).anySatisfy(result -> {
            assertThat(result.at("/properties/dependency").asBoolean()).isTrue();
            assertThat(result.at("/properties/dependencies/0").asText()).isEqualTo("h2-2.3.232.jar (" + H2_BUNDLE + ")");
        });
        assertThat(junit).contains("in dependencies: h2-2.3.232.jar (" + H2_BUNDLE + ")");
    }

    private static JsonNode finding(JsonNode report, String field) {
        for (JsonNode finding : report.get("findings")) {
            if (field.equals(finding.get("field").asText())) {
                return finding;
            }
        }
        throw new AssertionError("no finding on " + field + " in " + report);
    }
}
