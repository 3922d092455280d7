package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.it.ThreadsAndLocks;
import dev.weft.schema.JdkEvents;
import dev.weft.schema.WeftEvents.AgentInfo;
import dev.weft.schema.WeftEvents.LockContended;
import dev.weft.schema.WeftEvents.LockKinds;
import dev.weft.schema.WeftEvents.LockStatistics;
import dev.weft.schema.WeftEvents.ThreadStart;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** What the real agent jar records of a program that starts threads and takes locks every way. */
class AgentRecordingIT {
    private static final SourceLines SOURCE = SourceLines.ofTestProgram(ThreadsAndLocks.class);
    private static RecordedEvents recording;

    @BeforeAll
    static void record() throws Exception {
        Path dir = Files.createDirectories(Path.of(System.getProperty("weft.work.dir", "target/it-work")));
        Path file = dir.resolve("threads-and-locks.jfr");
        Files.deleteIfExists(file);
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file).main(ThreadsAndLocks.class).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as(result.toString()).isEmpty();
        recording = RecordedEvents.read(file);
    }

    @Test
    void threadCreationEventsNameTheParentAndTheCreationSite() {
        RecordedEvent plain = threadStart(recording, "plain-1");
        assertThat(parent(plain)).isEqualTo("main");
        assertThat(RecordedEvents.applicationFrame(plain)).hasValueSatisfying(frame -> {
            assertThat(frame.getMethod().getName()).isEqualTo("main");
            assertThat(frame.getLineNumber()).isEqualTo(SOURCE.lineOf("plain.start();"));
        });

        RecordedEvent grandchild = threadStart(recording, "grandchild");
        assertThat(parent(grandchild)).isEqualTo("spawner");
        assertThat(RecordedEvents.applicationFrame(grandchild)).hasValueSatisfying(frame ->
            assertThat(frame.getLineNumber()).isEqualTo(SOURCE.lineOf("grandchild.start();")));
    }

    @Test
    void executorThreadsAreChildrenOfTheThreadThatSubmitted() {
        RecordedEvent poolWorker = threadStart(recording, "pool-worker-1");
        assertThat(parent(poolWorker)).isEqualTo("main");
        assertThat(RecordedEvents.applicationFrame(poolWorker)).hasValueSatisfying(frame ->
            assertThat(frame.getLineNumber()).isEqualTo(SOURCE.site("submit")));
        assertThat(poolWorker.getBoolean(ThreadStart.VIRTUAL)).isFalse();
    }

    @Test
    void virtualThreadsAreRecordedOnJdk21AndLater() throws Exception {
        assumeTrue(ForkedJvm.hasJdk25(), "needs the Temurin 25 JDK beside the default one");
        Path file = Files.createTempFile("weft-virtual-", ".jfr");
        ForkedJvm.Result result = ForkedJvm.java25().agent("filename=" + file).main(ThreadsAndLocks.class).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stderr()).as("the agent prints nothing on JDK 25 either").isEmpty();

        RecordedEvents jdk25 = RecordedEvents.read(file);
        RecordedEvent virtual = threadStart(jdk25, "virtual-1");
        assertThat(virtual.getBoolean(ThreadStart.VIRTUAL)).isTrue();
        assertThat(parent(virtual)).isEqualTo("main");
        assertThat(acquisitions(jdk25, LockKinds.MONITOR, SOURCE.site("monitor-block")))
            .as("plain thread, pool worker and virtual thread").isEqualTo(3);
        Files.delete(file);
    }

    @Test
    void everyLockKindIsCountedAtItsSourceLine() {
        // each site ran once in plain-1 and once in pool-worker-1
        assertThat(acquisitions(recording, LockKinds.MONITOR, SOURCE.site("monitor-block"))).isEqualTo(2);
        assertThat(acquisitions(recording, LockKinds.MONITOR, SOURCE.site("synchronized-method"))).isEqualTo(2);
        assertThat(acquisitions(recording, LockKinds.JUC, SOURCE.site("reentrant-lock"))).isEqualTo(2);
        assertThat(acquisitions(recording, LockKinds.JUC, SOURCE.site("read-lock"))).isEqualTo(2);
        assertThat(acquisitions(recording, LockKinds.JUC, SOURCE.site("write-lock"))).isEqualTo(2);
        assertThat(acquisitions(recording, LockKinds.JUC, SOURCE.site("stamped-write"))).isEqualTo(2);

        RecordedEvent monitorSite = statistics(recording, LockKinds.MONITOR, SOURCE.site("monitor-block"));
        assertThat(monitorSite.getString(LockStatistics.SITE_CLASS)).isEqualTo(ThreadsAndLocks.class.getName());
        assertThat(monitorSite.getString(LockStatistics.SITE_METHOD)).isEqualTo("takeEveryLock");
        assertThat(monitorSite.getString(LockStatistics.LOCK_CLASS)).isEqualTo("java.lang.Object");
        assertThat(statistics(recording, LockKinds.JUC, SOURCE.site("read-lock")).getString(LockStatistics.LOCK_CLASS))
            .isEqualTo("java.util.concurrent.locks.ReentrantReadWriteLock$ReadLock");
    }

    @Test
    void aContendedReentrantLockIsTimedWithTheOwnerItWaitedFor() {
        List<RecordedEvent> waits = recording.named(LockContended.NAME).stream()
            .filter(e -> e.getInt(LockContended.SITE_LINE) == SOURCE.site("hot-lock"))
            .toList();
        assertThat(waits).hasSize(1);
        RecordedEvent wait = waits.get(0);
        assertThat(wait.getThread("eventThread").getJavaName()).isEqualTo("hot-waiter");
        assertThat(wait.getString(LockContended.OWNER_THREAD_NAME)).isEqualTo("hot-holder");
        assertThat(wait.getString(LockContended.LOCK_CLASS)).isEqualTo("java.util.concurrent.locks.ReentrantLock");
        assertThat(wait.getString(LockContended.OPERATION)).isEqualTo("lock");
        assertThat(wait.getDuration().toMillis()).isBetween(50L, 5_000L);

        RecordedEvent site = statistics(recording, LockKinds.JUC, SOURCE.site("hot-lock"));
        assertThat(site.getLong(LockStatistics.CONTENDED)).isEqualTo(1);
        // the counter and the event read the clock a few instructions apart
        assertThat(site.getLong(LockStatistics.WAIT_NANOS))
            .isCloseTo(wait.getDuration().toNanos(), org.assertj.core.data.Percentage.withPercentage(5));
    }

    @Test
    void holdsThatMadeOthersWaitAreTimedAtAContendedSite() {
        RecordedEvent site = statistics(recording, LockKinds.JUC, SOURCE.site("shared-lock"));

        assertThat(site.getLong(LockStatistics.ACQUISITIONS)).isEqualTo(600);
        assertThat(site.getLong(LockStatistics.CONTENDED)).isPositive();
        assertThat(site.getLong(LockStatistics.BLOCKING_HOLDS)).isPositive();
        assertThat(site.getLong(LockStatistics.BLOCKING_HOLD_NANOS))
            .as("each blocking hold lasted at least the 50 us of work")
            .isGreaterThanOrEqualTo(site.getLong(LockStatistics.BLOCKING_HOLDS) * 50_000);
    }

    @Test
    void aContendedMonitorIsRecordedByJfrWithItsOwner() {
        // JFR takes the stack once the monitor is entered: its line is the block's first statement
        int site = SOURCE.site("hot-monitor");
        List<RecordedEvent> enters = recording.named(JdkEvents.JAVA_MONITOR_ENTER).stream()
            .filter(e -> RecordedEvents.applicationFrame(e)
                .map(f -> f.getLineNumber() == site || f.getLineNumber() == site + 1).orElse(false))
            .toList();
        assertThat(enters).hasSize(1);
        assertThat(enters.get(0).getThread("eventThread").getJavaName()).isEqualTo("hot-waiter");
        assertThat(((RecordedThread) enters.get(0).getValue(JdkEvents.PREVIOUS_OWNER)).getJavaName())
            .isEqualTo("hot-holder");
    }

    @Test
    void agentInfoDescribesTheRunAndReportsNoErrors() {
        List<RecordedEvent> infos = recording.named(AgentInfo.NAME);
        assertThat(infos).isNotEmpty();
        RecordedEvent info = infos.get(infos.size() - 1);
        assertThat(info.getString(AgentInfo.VERSION)).isNotBlank();
        assertThat(info.getString(AgentInfo.OPTIONS)).startsWith("filename=");
        assertThat(info.getString(AgentInfo.JAVA_VERSION)).isEqualTo(System.getProperty("java.version"));
        assertThat(info.getLong(AgentInfo.INSTRUMENTED_CLASSES)).isGreaterThanOrEqualTo(1);
        assertThat(info.getLong(AgentInfo.LOCK_SITES)).isGreaterThanOrEqualTo(8);
        assertThat(info.getLong(AgentInfo.TRANSFORM_ERRORS)).isZero();
        assertThat(info.getLong(AgentInfo.INTERNAL_ERRORS)).isZero();
        assertThat(info.getString(AgentInfo.MODELS_NOT_APPLIED_TO)).isEmpty();
        assertThat(info.getLong(AgentInfo.MODELS_NOT_APPLIED)).isZero();
    }

    static RecordedEvent threadStart(RecordedEvents events, String threadName) {
        List<RecordedEvent> starts = events.named(ThreadStart.NAME).stream()
            .filter(e -> threadName.equals(e.getString(ThreadStart.STARTED_THREAD_NAME)))
            .toList();
        assertThat(starts).as("thread-start events of " + threadName).hasSize(1);
        return starts.get(0);
    }

    static String parent(RecordedEvent threadStart) {
        return threadStart.getThread("eventThread").getJavaName();
    }

    static RecordedEvent statistics(RecordedEvents events, String kind, int line) {
        List<RecordedEvent> sites = events.named(LockStatistics.NAME).stream()
            .filter(e -> kind.equals(e.getString(LockStatistics.LOCK_KIND)) && e.getInt(LockStatistics.SITE_LINE) == line)
            .toList();
        assertThat(sites).as(kind + " site at line " + line).hasSize(1);
        return sites.get(0);
    }

    static long acquisitions(RecordedEvents events, String kind, int line) {
        return statistics(events, kind, line).getLong(LockStatistics.ACQUISITIONS);
    }
}
