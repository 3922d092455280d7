package dev.weft.junit;

import java.util.Optional;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;
import jdk.jfr.RecordingState;

/**
 * The recording weft's agent runs in this JVM, found by the name the agent gives it. Without the
 * agent JFR is usually not even initialized, and asking for its recordings would start it (half a
 * second, and threads of its own), so that is checked first.
 */
final class RunningRecording {
    /** The name weft's agent gives its recording ({@code RecordingSession} in the agent). */
    static final String NAME = "weft";

    private RunningRecording() {
    }

    static Optional<Recording> find() {
        if (!FlightRecorder.isAvailable() || !FlightRecorder.isInitialized()) {
            return Optional.empty();
        }
        return FlightRecorder.getFlightRecorder().getRecordings().stream()
                .filter(recording -> NAME.equals(recording.getName()))
                .filter(recording -> recording.getState() == RecordingState.RUNNING)
                .findFirst();
    }
}
