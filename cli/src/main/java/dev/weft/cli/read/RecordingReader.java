package dev.weft.cli.read;

import dev.weft.schema.WeftEvents;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Consumer;
import jdk.jfr.EventType;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;

/**
 * Streams one recording's events to a consumer, one at a time, so that memory stays flat however
 * large the file is: analyzers keep aggregates, never events.
 *
 * <p>A recording cut short (the JVM was killed, the disk filled) is still worth reading: JFR writes
 * in chunks, and every complete chunk before the cut is readable. {@link RecordingFile} reports the
 * cut with whatever it tripped on first ({@code EOFException}, an {@code IOException} about a
 * constant pool, even {@code IndexOutOfBoundsException}), so any failure to read the next event
 * of a file that passed {@link Inputs}' checks counts as the end of its readable part.
 * (JFR loses the event read just before the failure: the count is exact for what was analyzed.)
 */
public final class RecordingReader {
    /** Files larger than this show progress when stderr is a terminal. */
    static final long PROGRESS_THRESHOLD_BYTES = 50L * 1024 * 1024;

    private final PrintWriter terminal;

    /** @param terminal where to show progress for large files, or null when nobody watches */
    public RecordingReader(PrintWriter terminal) {
        this.terminal = terminal;
    }

    public ReadResult read(Path file, Consumer<RecordedEvent> sink) throws InputException {
        Progress progress = progressFor(file);
        long events = 0;
        boolean weftEvents = false;
        boolean cut = false;
        Instant start = null;
        Instant end = null;
        Set<String> eventTypes = Set.of();
        try (RecordingFile recording = new RecordingFile(file)) {
            eventTypes = declaredEventTypes(recording);
            RecordedEvent event;
            while ((event = next(recording)) != null) {
                events++;
                weftEvents |= event.getEventType().getName().startsWith(WeftEvents.NAMESPACE);
                start = earlier(start, event.getStartTime());
                end = later(end, event.getEndTime());
                sink.accept(event);
                progress.eventsRead(events);
            }
        } catch (FileNotFoundException | NoSuchFileException | AccessDeniedException e) {
            throw Inputs.cannotRead(file, e);
        } catch (Truncated | IOException e) {
            // the constructor reads the first chunk's header and throws IOException when it is cut
            cut = true;
        } finally {
            progress.done();
        }
        return new ReadResult(events, weftEvents, cut, start, end, eventTypes);
    }

    /**
     * The types the recording's metadata declares, read apart from the events. JFR gives all or
     * nothing: for a file it cannot read to the end, none, so that no rule counts as checked on
     * what may be half a recording's declarations.
     */
    private static Set<String> declaredEventTypes(RecordingFile recording) {
        Set<String> names = new HashSet<>();
        try {
            for (EventType type : recording.readEventTypes()) {
                names.add(type.getName());
            }
        } catch (IOException | RuntimeException e) {
            // a cut file: nothing declared, see above
        }
        return names;
    }

    private static RecordedEvent next(RecordingFile recording) throws Truncated {
        try {
            return recording.hasMoreEvents() ? recording.readEvent() : null;
        } catch (IOException | RuntimeException e) {
            throw new Truncated();
        }
    }

    private Progress progressFor(Path file) {
        if (terminal == null) {
            return Progress.NONE;
        }
        try {
            long size = Files.size(file);
            return size > PROGRESS_THRESHOLD_BYTES ? new TerminalProgress(terminal, file, size) : Progress.NONE;
        } catch (IOException e) {
            return Progress.NONE;
        }
    }

    private static Instant earlier(Instant current, Instant candidate) {
        return current == null || candidate.isBefore(current) ? candidate : current;
    }

    private static Instant later(Instant current, Instant candidate) {
        return current == null || candidate.isAfter(current) ? candidate : current;
    }

    /** Signals that the file ended before the recording did. */
    private static final class Truncated extends Exception {
        private static final long serialVersionUID = 1L;

        Truncated() {
            super(null, null, false, false);
        }
    }
}
