package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;

/**
 * What one {@code DataRace} event says: the event thread's access, whose stack JFR took, raced with
 * an earlier access by another thread, known only by its name and site.
 *
 * @param recording       the recording the event is from (thread ids are unique within one run only)
 * @param time            when the event thread accessed the field
 * @param currentThreadId the event thread's {@code Thread.getId()}, 0 when unknown
 * @param currentStack    the event thread's stack, innermost first, without weft's frames
 * @param currentLocks    the locks the event thread held (see {@link HeldLocks}), null when not recorded
 * @param objectCalls     whether the accesses were calls on an object that is not thread-safe, not field accesses
 */
record RaceEvent(int recording, Instant time, String field, RaceAccess current, String currentThread,
                 long currentThreadId, List<Frame> currentStack, List<String> currentLocks, RaceAccess earlier,
                 String earlierThread, boolean objectCalls) {
    /**
     * Earliest first: by recording in input order, then by time. JFR writes each thread's events in
     * batches, so file order is not time order, and a report must not depend on it.
     */
    static final Comparator<RaceEvent> EARLIEST_FIRST = Comparator.comparingInt(RaceEvent::recording)
            .thenComparing(RaceEvent::time, Comparator.nullsLast(Comparator.naturalOrder()))
            .thenComparing(event -> String.valueOf(event.currentThread()))
            .thenComparing(RaceEvent::current, RaceAccess.ORDER);

    /** The race regardless of which of its two threads reported it: the field and the unordered pair of accesses. */
    Key key() {
        boolean inOrder = RaceAccess.ORDER.compare(current, earlier) <= 0;
        return new Key(field, inOrder ? current : earlier, inOrder ? earlier : current);
    }

    /** Which thread told of which, and from which side. */
    Telling telling() {
        return new Telling(recording, current, currentThread, earlierThread);
    }

    /** How the other thread of this event would tell the same race: sides and threads swapped. */
    Telling mirrored() {
        return new Telling(recording, earlier, earlierThread, currentThread);
    }

    /** One finding candidate per field and unordered pair of accesses (sites with lines, and access kinds). */
    record Key(String field, RaceAccess one, RaceAccess other) {
    }

    /** The reporting thread's side of a race, and the two threads, in one recording. */
    record Telling(int recording, RaceAccess current, String currentThread, String earlierThread) {
    }
}
