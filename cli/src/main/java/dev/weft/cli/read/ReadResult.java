package dev.weft.cli.read;

import java.time.Instant;

/**
 * What reading one recording showed about the file itself.
 *
 * @param events     events read (all of them unless {@code cut})
 * @param weftEvents whether any was one of weft's own
 * @param cut        whether the file ended before the recording did
 * @param start      the earliest event start, null when no event was read
 * @param end        the latest event end, null when no event was read
 */
public record ReadResult(long events, boolean weftEvents, boolean cut, Instant start, Instant end) {
}
