package dev.weft.cli.report;

import java.time.Duration;
import java.time.Instant;

/**
 * One input file as read.
 *
 * @param weftEvents whether it holds any {@code dev.weft.*} event (else it was not recorded with the agent)
 * @param cut        whether the file ended before the recording did; {@code events} then counts what was read
 * @param agent      the agent's own report, or null when the recording has none
 * @param start      the earliest event's start, or null when no event was read
 * @param end        the latest event's end, or null when no event was read
 */
public record RecordingSummary(String path, long events, boolean weftEvents, boolean cut, AgentSummary agent,
                               Instant start, Instant end) {
    /** The time the events span, zero when there were none. */
    public Duration duration() {
        return start == null || end == null ? Duration.ZERO : Duration.between(start, end);
    }
}
