package dev.weft.it;

import static dev.weft.it.AgentRecordingIT.acquisitions;
import static dev.weft.it.AgentRecordingIT.parent;
import static dev.weft.it.AgentRecordingIT.statistics;
import static dev.weft.it.AgentRecordingIT.threadStart;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.weft.schema.WeftEvents.CodeSource;
import dev.weft.schema.WeftEvents.LockKinds;
import dev.weft.schema.WeftEvents.LockStatistics;
import dev.weft.schema.WeftEvents.Origins;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled signup server (listener, work queue, workers, H2) under the real agent. */
class SampleAppIT {

    @Test
    void recordsTheServersThreadTreeAndItsMonitorAndReentrantLockSites(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("signup.jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file).jar(ForkedJvm.SAMPLE_JAR).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).contains("requests: 400");

        RecordedEvents events = RecordedEvents.read(file);
        assertThat(parent(threadStart(events, "listener"))).isEqualTo("main");
        for (int worker = 1; worker <= 4; worker++) {
            RecordedEvent start = threadStart(events, "worker-" + worker);
            assertThat(parent(start)).isEqualTo("main");
            assertThat(RecordedEvents.applicationFrame(start)).hasValueSatisfying(frame ->
                assertThat(frame.getMethod().getType().getName()).startsWith("com.acme.signup."));
        }

        int auditLine = SourceLines.ofSample("com.acme.signup.AuditLog").lineOf("synchronized (entries)");
        RecordedEvent audit = statistics(events, LockKinds.MONITOR, auditLine);
        assertThat(audit.getString(LockStatistics.SITE_CLASS)).isEqualTo("com.acme.signup.AuditLog");
        assertThat(audit.getLong(LockStatistics.ACQUISITIONS)).isEqualTo(400);

        int recentLine = SourceLines.ofSample("com.acme.signup.RecentSignups").lineOf("lock.lock()");
        RecordedEvent recent = statistics(events, LockKinds.JUC, recentLine);
        assertThat(recent.getString(LockStatistics.SITE_CLASS)).isEqualTo("com.acme.signup.RecentSignups");
        assertThat(recent.getString(LockStatistics.LOCK_CLASS)).isEqualTo("java.util.concurrent.locks.ReentrantLock");
        assertThat(acquisitions(events, LockKinds.JUC, recentLine)).isEqualTo(400);
    }

    @Test
    void theFixedServersOutputAndExitCodeAreTheSameWithAndWithoutTheAgent(@TempDir Path dir) throws Exception {
        ForkedJvm.Result without = ForkedJvm.java().jar(ForkedJvm.SAMPLE_JAR, "--fixed").run();
        ForkedJvm.Result with = ForkedJvm.java().agent("filename=" + dir.resolve("fixed.jfr"))
            .jar(ForkedJvm.SAMPLE_JAR, "--fixed").run();

        assertThat(without.exitCode()).isZero();
        assertThat(with.exitCode()).isEqualTo(without.exitCode());
        assertThat(with.stdout()).isEqualTo(without.stdout()).contains("duplicate rows: 0");
        assertThat(with.stderr()).isEqualTo(without.stderr());
    }

    @Test
    void withRacesOnTheBuggyServersCounterRacesAndTheFixedServerHasNoRaceInItsOwnCode(@TempDir Path dir)
        throws Exception {
        Path buggy = dir.resolve("buggy.jfr");
        ForkedJvm.Result buggyRun = ForkedJvm.java().agent("filename=" + buggy + ",races=on").jar(ForkedJvm.SAMPLE_JAR).run();
        assertThat(buggyRun.exitCode()).as(buggyRun.toString()).isZero();
        assertThat(applicationRaces(buggy)).contains("com.acme.signup.UnguardedRequestCounter.requestsServed");

        Path fixed = dir.resolve("fixed.jfr");
        ForkedJvm.Result without = ForkedJvm.java().jar(ForkedJvm.SAMPLE_JAR, "--fixed").run();
        ForkedJvm.Result fixedRun = ForkedJvm.java().agent("filename=" + fixed + ",races=on")
            .jar(ForkedJvm.SAMPLE_JAR, "--fixed").run();
        assertThat(fixedRun.stdout()).isEqualTo(without.stdout());
        assertThat(fixedRun.exitCode()).isEqualTo(without.exitCode());
        assertThat(applicationRaces(fixed)).isEmpty();
    }

    /*
     * Whose code: the agent records the sample's jar (run with java -jar, so the application's although
     * Maven put its metadata in it) and H2's jar (an OSGi bundle) as code sources, and weft analyze
     * lists H2's races apart, naming the jar, while the sample's own race fails the gate.
     */
    @Test
    void racesInsideH2AreListedApartWithItsJarAndTheApplicationsRaceIsGated(@TempDir Path dir) throws Exception {
        Path buggy = dir.resolve("buggy.jfr");
        ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + buggy + ",races=on").jar(ForkedJvm.SAMPLE_JAR).run();
        assertThat(run.exitCode()).as(run.toString()).isZero();

        List<RecordedEvent> sources = RecordedEvents.read(buggy).named(CodeSource.NAME);
        assertThat(sources).anySatisfy(source -> {
            assertThat(source.getString(CodeSource.LOCATION)).endsWith("/weft-sample-apps.jar");
            assertThat(source.getString(CodeSource.ORIGIN)).isEqualTo(Origins.APPLICATION);
            assertThat(source.getString(CodeSource.REASON)).isEqualTo("the main jar (java -jar)");
        }).anySatisfy(source -> {
            assertThat(source.getString(CodeSource.LOCATION)).matches(".*/lib/h2-[^/]+\\.jar");
            assertThat(source.getString(CodeSource.ORIGIN)).isEqualTo(Origins.DEPENDENCY);
            assertThat(source.getString(CodeSource.REASON)).startsWith("OSGi bundle com.h2database ");
            assertThat(source.getString(CodeSource.PACKAGES)).contains("org.h2.command", "org.h2.engine");
        });

        ForkedJvm.Result json = ForkedJvm.weft("analyze", buggy.toString(), "--format", "json");
        assertThat(json.exitCode()).as("the sample's own race fails the gate").isEqualTo(1);
        JsonNode report = new ObjectMapper().readTree(json.stdout());
        List<JsonNode> races = new ArrayList<>();
        report.get("findings").forEach(races::add);
        assertThat(races).filteredOn(race -> race.get("field").asText().startsWith("com.acme.signup."))
            .isNotEmpty().allSatisfy(race -> {
                assertThat(race.get("dependency").asBoolean()).isFalse();
                assertThat(race.at("/locations/0/originReason").asText()).isEqualTo("the main jar (java -jar)");
            });
        assertThat(races).filteredOn(race -> race.get("field").asText().startsWith("org.h2."))
            .as("H2's races (the engine's caches race by design)").isNotEmpty().allSatisfy(race -> {
                assertThat(race.get("dependency").asBoolean()).isTrue();
                assertThat(race.get("locations")).allSatisfy(location -> {
                    assertThat(location.get("origin").asText()).isEqualTo("dependency");
                    assertThat(location.get("codeSource").asText()).matches("file:.*/lib/h2-[^/]+\\.jar");
                });
            });

        ForkedJvm.Result text = ForkedJvm.weft("analyze", buggy.toString());
        assertThat(text.stdout()).containsPattern("\\n  in dependencies: h2-[^ ]+\\.jar \\(OSGi bundle com\\.h2database ")
            .contains("only in dependencies, not gated) — gate 'error' failed");
    }

    /** Fields of the sample's own classes that raced (races inside H2 are H2's). */
    private static java.util.Set<String> applicationRaces(Path recording) throws java.io.IOException {
        return RecordedEvents.read(recording).named(dev.weft.schema.WeftEvents.DataRace.NAME).stream()
            .map(e -> e.getString(dev.weft.schema.WeftEvents.DataRace.FIELD))
            .filter(field -> field.startsWith("com.acme."))
            .collect(java.util.stream.Collectors.toSet());
    }
}
