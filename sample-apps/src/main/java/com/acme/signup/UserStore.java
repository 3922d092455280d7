package com.acme.signup;

import java.sql.SQLException;

/** Where signups are kept: the {@code users} table of the embedded H2 database. */
interface UserStore extends AutoCloseable {

    /**
     * Registers {@code name}.
     *
     * @return true if a new row was added, false if the name was already registered
     */
    boolean register(String name) throws SQLException;

    Counts counts() throws SQLException;

    /** Shuts the in-memory database down, which also discards it. */
    @Override
    void close() throws SQLException;

    /** Distinct registered names, and rows beyond one per name (only the buggy variant can make those). */
    record Counts(long users, long duplicateRows) {
    }
}
