package dev.weft.it;

import static dev.weft.it.AgentRecordingIT.acquisitions;
import static dev.weft.it.AgentRecordingIT.parent;
import static dev.weft.it.AgentRecordingIT.statistics;
import static dev.weft.it.AgentRecordingIT.threadStart;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.schema.WeftEvents.LockKinds;
import dev.weft.schema.WeftEvents.LockStatistics;
import java.nio.file.Path;
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

    /** Fields of the sample's own classes that raced (races inside H2 are H2's). */
    private static java.util.Set<String> applicationRaces(Path recording) throws java.io.IOException {
        return RecordedEvents.read(recording).named(dev.weft.schema.WeftEvents.DataRace.NAME).stream()
            .map(e -> e.getString(dev.weft.schema.WeftEvents.DataRace.FIELD))
            .filter(field -> field.startsWith("com.acme."))
            .collect(java.util.stream.Collectors.toSet());
    }
}
