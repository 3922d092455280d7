package dev.weft.cli.report;

import java.util.Locale;

/**
 * The {@code --fail-on} level: findings at or above it fail the run (exit code 1). {@link #NEVER}
 * lets every report pass, for runs that only collect.
 */
public enum Gate {
    ERROR(Severity.ERROR),
    WARNING(Severity.WARNING),
    INFO(Severity.INFO),
    NEVER(null);

    private final Severity lowestFailing;

    Gate(Severity lowestFailing) {
        this.lowestFailing = lowestFailing;
    }

    /** Whether a finding of this severity fails the gate. */
    public boolean failsOn(Severity severity) {
        return lowestFailing != null && severity.compareTo(lowestFailing) <= 0;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
