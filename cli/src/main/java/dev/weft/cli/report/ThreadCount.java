package dev.weft.cli.report;

/** A thread's name and how many times it took part (waited, or was waited for). */
public record ThreadCount(String thread, long count) {
}
