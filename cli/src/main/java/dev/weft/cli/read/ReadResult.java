package dev.weft.cli.read;

import java.time.Instant;
import java.util.Set;

/**
 * What reading one recording showed about the file itself.
 *
 * @param events     events read (all of them unless {@code cut})
 * @param weftEvents whether any was one of weft's own
 * @param cut        whether the file ended before the recording did
 * @param start      the earliest event start, null when no event was read
 * @param end        the latest event end, null when no event was read
 * @param eventTypes the names of the event types the recording declares, whether or not it holds
 *                   any event of them (a detector that ran and found nothing still declares its type)
 */
public record ReadResult(long events, boolean weftEvents, boolean cut, Instant start, Instant end,
                         Set<String> eventTypes) {
    public ReadResult {
        eventTypes = Set.copyOf(eventTypes);
    }

    public ReadResult(long events, boolean weftEvents, boolean cut, Instant start, Instant end) {
        this(events, weftEvents, cut, start, end, Set.of());
    }
}
