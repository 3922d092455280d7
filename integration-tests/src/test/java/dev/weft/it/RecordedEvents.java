package dev.weft.it;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordingFile;

/** The events of a (small, test-sized) recording, with the queries the tests need. */
final class RecordedEvents {
    private final List<RecordedEvent> events;

    private RecordedEvents(List<RecordedEvent> events) {
        this.events = events;
    }

    static RecordedEvents read(Path recording) throws IOException {
        return new RecordedEvents(RecordingFile.readAllEvents(recording));
    }

    List<RecordedEvent> named(String eventName) {
        return events.stream().filter(e -> e.getEventType().getName().equals(eventName)).collect(Collectors.toList());
    }

    /** The first frame of the event's stack outside weft and the JDK: where the application did it. */
    static Optional<RecordedFrame> applicationFrame(RecordedEvent event) {
        if (event.getStackTrace() == null) {
            return Optional.empty();
        }
        return event.getStackTrace().getFrames().stream()
            .filter(f -> {
                String type = f.getMethod().getType().getName();
                return !type.startsWith("dev.weft.") && !type.startsWith("java.") && !type.startsWith("jdk.");
            })
            .findFirst();
    }
}
