package dev.weft.cli.testing;

import dev.weft.runtime.TestRaceHooks;
import dev.weft.schema.JdkEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import jdk.jfr.Event;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * Records what a test does into a real {@code .jfr} file: JFR's contention events at threshold 0
 * (every contended entry, park and wait, however short), and weft's events when asked for. Like the
 * agent, a recording "with weft's events" registers all of them up front, so that it declares their
 * types even when no event of a type is written (a detector that ran and found nothing).
 */
public final class TestRecording {
    private static final List<Class<? extends Event>> WEFT_EVENTS = List.of(
            WeftTestEvents.LockStatistics.class, WeftTestEvents.LockContended.class,
            WeftTestEvents.ThreadStart.class, WeftTestEvents.AgentInfo.class,
            WeftTestEvents.LockOrder.class, WeftTestEvents.Deadlock.class, WeftTestEvents.CodeSource.class);

    /** Something a test runs while recording. */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    private TestRecording() {
    }

    /** A recording as the agent makes it: JFR's lock events and weft's own. */
    public static Path withWeftEvents(Path file, Scenario scenario) {
        return record(file, WEFT_EVENTS, scenario);
    }

    /**
     * A recording as the agent makes it with {@code races=on}: weft's events including
     * {@code DataRace}, {@code AccessStack} and {@code UnmodelledSync}, which are registered for this
     * recording only (JFR's registrations are global to the JVM, and other recordings must not
     * declare them).
     */
    public static Path withRaceDetection(Path file, Scenario scenario) {
        return withRaceEvents(file, scenario, List.of(WeftTestEvents.DataRace.class, WeftTestEvents.AccessStack.class,
                WeftTestEvents.UnmodelledSync.class));
    }

    /** As {@link #withRaceDetection}, but no stack is ever taken at a later execution of a site. */
    public static Path withRaceDetectionButNoAccessStacks(Path file, Scenario scenario) {
        return withRaceEvents(file, scenario, List.of(WeftTestEvents.DataRace.class,
                WeftTestEvents.UnmodelledSync.class));
    }

    private static Path withRaceEvents(Path file, Scenario scenario, List<Class<? extends Event>> raceEvents) {
        List<Class<? extends Event>> withRaces = new ArrayList<>(WEFT_EVENTS);
        withRaces.addAll(raceEvents);
        try {
            return record(file, withRaces, scenario);
        } finally {
            raceEvents.forEach(FlightRecorder::unregister);
        }
    }

    /** A recording made without the agent (-XX:StartFlightRecording): JFR's lock events only. */
    public static Path plain(Path file, Scenario scenario) {
        return record(file, List.of(), scenario);
    }

    /** @param weftEvents weft's events to register and enable; none for a recording without the agent */
    private static Path record(Path file, List<Class<? extends Event>> weftEvents, Scenario scenario) {
        try (Recording recording = new Recording()) {
            recording.enable(JdkEvents.JAVA_MONITOR_ENTER).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable(JdkEvents.THREAD_PARK).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable(JdkEvents.JAVA_MONITOR_WAIT).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable(WeftTestEvents.VirtualThreadPinned.class).withThreshold(Duration.ZERO).withStackTrace();
            if (weftEvents.isEmpty()) {
                WEFT_EVENTS.forEach(recording::disable);
            } else {
                weftEvents.forEach(FlightRecorder::register);
                weftEvents.forEach(event -> recording.enable(event).withStackTrace());
            }
            TestRaceHooks.newRun();
            recording.start();
            scenario.run();
            recording.stop();
            recording.dump(file);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (Exception e) {
            throw new IllegalStateException("scenario failed while recording", e);
        }
    }

    /** Starts a new chunk in every running recording: a recording's file then holds several. */
    public static void startNewChunk() {
        try (Recording rotation = new Recording()) {
            rotation.start();
            rotation.stop();
        }
    }
}
