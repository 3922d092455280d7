package dev.weft.cli.testing;

import dev.weft.schema.JdkEvents;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
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
            WeftTestEvents.LockOrder.class, WeftTestEvents.Deadlock.class);

    /** Something a test runs while recording. */
    @FunctionalInterface
    public interface Scenario {
        void run() throws Exception;
    }

    private TestRecording() {
    }

    /** A recording as the agent makes it: JFR's lock events and weft's own. */
    public static Path withWeftEvents(Path file, Scenario scenario) {
        return record(file, true, scenario);
    }

    /** A recording made without the agent (-XX:StartFlightRecording): JFR's lock events only. */
    public static Path plain(Path file, Scenario scenario) {
        return record(file, false, scenario);
    }

    private static Path record(Path file, boolean weftEvents, Scenario scenario) {
        try (Recording recording = new Recording()) {
            recording.enable(JdkEvents.JAVA_MONITOR_ENTER).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable(JdkEvents.THREAD_PARK).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable(JdkEvents.JAVA_MONITOR_WAIT).withThreshold(Duration.ZERO).withStackTrace();
            recording.enable(WeftTestEvents.VirtualThreadPinned.class).withThreshold(Duration.ZERO).withStackTrace();
            if (weftEvents) {
                WEFT_EVENTS.forEach(FlightRecorder::register);
                WEFT_EVENTS.forEach(event -> recording.enable(event).withStackTrace());
            } else {
                WEFT_EVENTS.forEach(recording::disable);
            }
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
