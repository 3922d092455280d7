package com.acme.signup;

import java.sql.SQLException;
import java.util.regex.Pattern;

/**
 * Answers one parsed request, on whichever worker thread calls it. Routes:
 * {@code POST /signup?user=NAME} (GET works too) registers a name; {@code GET /stats} reports the counters.
 * One handler per server, shared by all workers, so everything it holds is shared state.
 */
final class SignupHandler {

    private static final Pattern USER_NAME = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    private final UserStore users;
    private final RequestCounter requestCounter;
    private final AuditLog auditLog = new AuditLog();
    private final RecentSignups recentSignups = new RecentSignups();

    SignupHandler(UserStore users, RequestCounter requestCounter) {
        this.users = users;
        this.requestCounter = requestCounter;
    }

    Response handle(Request request) {
        try {
            return switch (request.method() + " " + request.path()) {
                case "POST /signup", "GET /signup" -> signup(request.parameter("user"));
                case "GET /stats" -> Response.ok(stats().toText());
                default -> Response.notFound();
            };
        } catch (SQLException e) {
            System.err.println(Thread.currentThread().getName() + ": database error: " + e);
            return Response.serverError();
        }
    }

    ServerStats stats() throws SQLException {
        UserStore.Counts counts = users.counts();
        return new ServerStats(requestCounter.value(), counts.users(), counts.duplicateRows(),
                auditLog.snapshot(), recentSignups.newestFirst());
    }

    private Response signup(String name) throws SQLException {
        if (name == null || !USER_NAME.matcher(name).matches()) {
            return Response.badRequest("user must be 1-64 letters, digits, '.', '_' or '-'");
        }
        boolean added = users.register(name);
        auditLog.append("signup " + name + " by " + Thread.currentThread().getName());
        recentSignups.record(name);
        return Response.ok((added ? "registered " : "already registered ") + name + "\n");
    }
}
