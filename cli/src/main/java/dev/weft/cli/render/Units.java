package dev.weft.cli.render;

import java.time.Duration;
import java.util.Locale;

/** Numbers and times the way people read them: thousands separated, units that fit the size. */
final class Units {
    private static final long MICRO = 1_000L;
    private static final long MILLI = 1_000_000L;
    private static final long SECOND = 1_000_000_000L;

    private Units() {
    }

    /** Three significant digits in the unit that fits: {@code 850 ns}, {@code 12.3 µs}, {@code 4.50 ms}, {@code 1.23 s}. */
    static String nanos(long nanos) {
        if (nanos < MICRO) {
            return nanos + " ns";
        }
        if (nanos < MILLI) {
            return threeDigits(nanos / (double) MICRO) + " µs";
        }
        if (nanos < SECOND) {
            return threeDigits(nanos / (double) MILLI) + " ms";
        }
        if (nanos < 1000 * SECOND) {
            return threeDigits(nanos / (double) SECOND) + " s";
        }
        return String.format(Locale.ROOT, "%,d s", nanos / SECOND);
    }

    private static String threeDigits(double value) {
        String pattern = value < 9.995 ? "%.2f" : value < 99.95 ? "%.1f" : "%.0f";
        return String.format(Locale.ROOT, pattern, value);
    }

    /** {@code -} for an unknown value. */
    static String nanos(Long nanos) {
        return nanos == null ? "-" : nanos(nanos.longValue());
    }

    /** A recording's span: {@code 12.3 s}, {@code 4 min 5 s}, {@code 2 h 10 min}. */
    static String span(Duration duration) {
        long seconds = duration.toSeconds();
        if (seconds < 60) {
            return String.format(Locale.ROOT, "%.1f s", duration.toMillis() / 1000.0);
        }
        if (seconds < 3600) {
            return seconds / 60 + " min " + seconds % 60 + " s";
        }
        return seconds / 3600 + " h " + seconds % 3600 / 60 + " min";
    }

    static String count(long count) {
        return String.format(Locale.ROOT, "%,d", count);
    }

    static String count(Long count) {
        return count == null ? "-" : count(count.longValue());
    }

    /** {@code ReentrantLock} for {@code java.util.concurrent.locks.ReentrantLock}; "a lock" for null. */
    static String simpleName(String className) {
        return className == null ? "a lock" : className.substring(className.lastIndexOf('.') + 1);
    }

    /** An SVG coordinate: one decimal, a dot whatever the locale. */
    static String coordinate(double value) {
        return String.format(Locale.ROOT, "%.1f", value);
    }

    /** {@code 1 error}, {@code 2 errors}. */
    static String plural(long count, String noun) {
        return count(count) + " " + noun + (count == 1 ? "" : "s");
    }
}
