package dev.weft.cli.read;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;

/**
 * One status line on a terminal, redrawn in place a few times a second and erased when reading
 * ends. JFR does not say how far into the file it is, so the line counts events and time instead
 * of a percentage.
 */
final class TerminalProgress implements Progress {
    private static final long REDRAW_NANOS = 250_000_000L;
    private static final int CHECK_CLOCK_EVERY = 4096;

    private final PrintWriter terminal;
    private final String prefix;
    private final long startNanos = System.nanoTime();
    private long lastDrawNanos = startNanos;
    private int lineLength;

    TerminalProgress(PrintWriter terminal, Path file, long sizeBytes) {
        this.terminal = terminal;
        this.prefix = String.format(Locale.ROOT, "weft: reading %s (%,d MB): ", file.getFileName(),
                sizeBytes / (1024 * 1024));
    }

    @Override
    public void eventsRead(long events) {
        if (events % CHECK_CLOCK_EVERY != 0) {
            return;
        }
        long now = System.nanoTime();
        if (now - lastDrawNanos < REDRAW_NANOS) {
            return;
        }
        lastDrawNanos = now;
        String line = prefix + String.format(Locale.ROOT, "%,d events, %d s", events, (now - startNanos) / 1_000_000_000L);
        terminal.print('\r' + line + " ".repeat(Math.max(0, lineLength - line.length())));
        terminal.flush();
        lineLength = line.length();
    }

    @Override
    public void done() {
        if (lineLength > 0) {
            terminal.print('\r' + " ".repeat(lineLength) + '\r');
            terminal.flush();
        }
    }
}
