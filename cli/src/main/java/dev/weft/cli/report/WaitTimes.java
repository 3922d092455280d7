package dev.weft.cli.report;

/**
 * Time spent waiting for a lock, in nanoseconds. The percentiles and maximum come from the
 * individual waits a recording holds and are null when it holds none (only totals were counted).
 */
public record WaitTimes(long total, Long p50, Long p99, Long max) {
}
