package com.acme.signup;

import java.util.List;

/** What {@code GET /stats} reports. */
public record ServerStats(long requestsServed, long users, long duplicateRows, AuditLog.Snapshot audit,
                          List<String> recentSignups) {

    String toText() {
        return "requests served: " + requestsServed + "\n"
                + "users: " + users + "\n"
                + "duplicate rows: " + duplicateRows + "\n"
                + "audit entries: " + audit.appended() + "\n"
                + "newest audit entry: " + audit.newestEntry() + "\n"
                + "recent signups: " + String.join(", ", recentSignups) + "\n";
    }
}
