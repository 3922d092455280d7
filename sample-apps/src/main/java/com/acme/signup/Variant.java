package com.acme.signup;

import java.sql.SQLException;
import java.util.Locale;

/**
 * Which twin of the server to run. {@link #BUGGY} breaks three items of the thread-safety checklist on
 * purpose; {@link #FIXED} is the same server with those three spots corrected. Everything else (threads,
 * HTTP handling, the audit log and the recent-signups buffer) is shared by both.
 */
public enum Variant {
    BUGGY,
    FIXED;

    RequestCounter newRequestCounter() {
        return this == FIXED ? new AtomicRequestCounter() : new UnguardedRequestCounter();
    }

    UserStore openUserStore() throws SQLException {
        return this == FIXED ? PerRequestUserStore.open() : SharedConnectionUserStore.open();
    }

    /** Lower-case name as printed in summaries, e.g. {@code fixed}. */
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
