package dev.weft.cli.report;

import java.util.Locale;

/** How bad a finding is; declared from worst to mildest. */
public enum Severity {
    ERROR,
    WARNING,
    INFO;

    /** The lower-case name used on the command line and in JSON. */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return id();
    }
}
