package dev.weft.it;

import static dev.weft.it.ForkedJvm.weft;
import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.schema.WeftEvents.AgentInfo;
import dev.weft.schema.WeftEvents.CodeSource;
import dev.weft.schema.WeftEvents.DataRace;
import dev.weft.schema.WeftEvents.LockStatistics;
import dev.weft.schema.WeftEvents.Origins;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft attach} on the sample server started without weft: the real weft.jar loads the real
 * agent into it, the server is driven over loopback, and the recording holds what happened after
 * the attach, from its own classes, loaded and rewritten while it ran.
 */
class AttachCommandIT {
    private static final String LISTENING = "listening on 127.0.0.1:";
    private static final long RECORDING_TIMEOUT_MILLIS = 15_000;

    @TempDir
    Path dir;
    private Process server;
    private ForkedJvm.StreamCollector serverErr;
    private int port;

    @BeforeEach
    void startServer() throws IOException {
        server = ForkedJvm.java().jar(ForkedJvm.SAMPLE_JAR, "--serve", "--port", "0").start();
        serverErr = ForkedJvm.StreamCollector.of(server.getErrorStream());
        BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
        String line = out.readLine();
        assertThat(line).as("the server's first line").startsWith(LISTENING);
        port = Integer.parseInt(line.substring(LISTENING.length()).strip());
    }

    @AfterEach
    void stopServer() throws Exception {
        server.getOutputStream().close();
        if (!server.waitFor(20, TimeUnit.SECONDS)) {
            server.destroyForcibly();
        }
        assertThat(serverErr.text()).as("the server's stderr").isEmpty();
    }

    /*
     * The duration counts from the moment weft watches the program: the attach rewrites the loaded
     * classes before the recording (and its clock) starts. Regression test: it once started first, and
     * a short duration was over before 'weft attach' returned (6 s leave room for a loaded machine).
     */
    @Test
    void aRecordingForADurationIsWrittenWhenItEnds() throws Exception {
        Path recording = dir.resolve("attached.jfr");

        ForkedJvm.Result attach = weft("attach", Long.toString(server.pid()), "--duration", "6s",
            "--output", recording.toString());
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        assertThat(attach.stdout()).isEqualTo("weft: recording process " + server.pid() + " into " + recording
            + " for 6s, then writing it\n");
        drive(50);

        assertRecordsTheServer(awaitComplete(recording));
    }

    @Test
    void aRecordingUntilStopIsWrittenWhenStopReturns() throws Exception {
        Path recording = dir.resolve("until-stop.jfr");

        ForkedJvm.Result attach = weft("attach", Long.toString(server.pid()), "--output", recording.toString());
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        drive(50);
        ForkedJvm.Result stop = weft("attach", Long.toString(server.pid()), "--stop");

        assertThat(stop.exitCode()).as(stop.toString()).isZero();
        assertRecordsTheServer(RecordedEvents.read(recording));
    }

    /*
     * Race detection after an attach: the server's classes were loaded before it, so their
     * rewritten code checks objects that have no shadow field of their own. The unguarded request
     * counter of the buggy server is found all the same.
     */
    @Test
    void racesInClassesLoadedBeforeTheAttachAreFound() throws Exception {
        Path recording = dir.resolve("races.jfr");

        ForkedJvm.Result attach = weft("attach", Long.toString(server.pid()), "--output", recording.toString(),
            "--agent-options", "races=on");
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        drive(200);
        ForkedJvm.Result stop = weft("attach", Long.toString(server.pid()), "--stop");
        assertThat(stop.exitCode()).as(stop.toString()).isZero();

        List<RecordedEvent> races = RecordedEvents.read(recording).named(DataRace.NAME);
        assertThat(races).extracting(race -> race.getString(DataRace.FIELD))
            .contains("com.acme.signup.UnguardedRequestCounter.requestsServed");
        ForkedJvm.Result analyze = weft("analyze", recording.toString());
        assertThat(analyze.exitCode()).as(analyze.toString()).isEqualTo(1);
    }

    private static void assertRecordsTheServer(RecordedEvents events) {
        // no ThreadStart: the server starts its threads before the attach, and none while it is driven
        assertThat(events.named(AgentInfo.NAME)).isNotEmpty();
        List<RecordedEvent> signupSites = events.named(LockStatistics.NAME).stream()
            .filter(site -> site.getString(LockStatistics.SITE_CLASS).startsWith("com.acme.signup."))
            .toList();
        assertThat(signupSites).as("lock sites of the server's classes, rewritten after the attach").isNotEmpty()
            .anySatisfy(site -> assertThat(site.getLong(LockStatistics.ACQUISITIONS)).isPositive());
        // the classes loaded before the attach are attributed to their jars too
        assertThat(events.named(CodeSource.NAME)).as("code sources")
            .anySatisfy(source -> {
                assertThat(source.getString(CodeSource.LOCATION)).endsWith("/weft-sample-apps.jar");
                assertThat(source.getString(CodeSource.ORIGIN)).isEqualTo(Origins.APPLICATION);
                assertThat(source.getString(CodeSource.PACKAGES)).isEqualTo("com.acme.signup");
            })
            .anySatisfy(source -> {
                assertThat(source.getString(CodeSource.LOCATION)).matches(".*/lib/h2-[^/]+\\.jar");
                assertThat(source.getString(CodeSource.ORIGIN)).isEqualTo(Origins.DEPENDENCY);
            });
    }

    /** The server's own load generator, {@code requests} signups over loopback. */
    private void drive(int requests) throws Exception {
        ForkedJvm.Result load = ForkedJvm.java().main(ForkedJvm.SAMPLE_JAR, "com.acme.signup.LoadGenerator",
            "--port", Integer.toString(port), "--requests", Integer.toString(requests)).run();
        assertThat(load.exitCode()).as(load.toString()).isZero();
    }

    /** JFR writes the file when the duration ends, in place: wait until all of it, up to the agent info, is there. */
    private static RecordedEvents awaitComplete(Path recording) throws Exception {
        long deadline = System.currentTimeMillis() + RECORDING_TIMEOUT_MILLIS;
        while (System.currentTimeMillis() < deadline) {
            if (Files.exists(recording)) {
                try {
                    RecordedEvents events = RecordedEvents.read(recording);
                    if (!events.named(AgentInfo.NAME).isEmpty()) {
                        return events;
                    }
                } catch (IOException | RuntimeException partlyWritten) {
                    // still being written
                }
            }
            Thread.sleep(200);
        }
        throw new AssertionError(recording + " was not written within " + RECORDING_TIMEOUT_MILLIS + " ms");
    }

}
