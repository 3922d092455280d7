package dev.weft.cli.report;

/**
 * Where virtual threads were pinned to their carrier (JFR's {@code jdk.VirtualThreadPinned}): while
 * pinned, a virtual thread that blocks holds its carrier, so other virtual threads cannot run on it.
 *
 * @param site       the innermost application frame of the pinned thread's stack
 * @param count      how often a virtual thread was pinned there (at or above the recording's threshold)
 * @param totalNanos the time pinned, summed
 * @param maxNanos   the longest single pin
 */
public record PinnedSite(Frame site, long count, long totalNanos, long maxNanos) {
}
