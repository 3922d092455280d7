package dev.weft.cli.report;

/**
 * A thread whose start weft saw: who started it and where.
 *
 * @param parent    the name of the thread that called {@code start()}
 * @param createdAt the application frame that started it, or null when the stack held none
 */
public record StartedThread(String name, long id, String parent, Frame createdAt) {
}
