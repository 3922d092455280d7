package com.acme.signup;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The fixed variant's user store: every call opens (and closes) its own connection, and registration is a
 * single INSERT against a unique index, so the database decides atomically who registered a name first.
 */
final class PerRequestUserStore implements UserStore {

    private PerRequestUserStore() {
    }

    static PerRequestUserStore open() throws SQLException {
        try (Connection connection = UsersTable.connect()) {
            UsersTable.create(connection, true);
        }
        return new PerRequestUserStore();
    }

    @Override
    public boolean register(String name) throws SQLException {
        try (Connection connection = UsersTable.connect()) {
            UsersTable.insert(connection, name);
            return true;
        } catch (SQLException e) {
            if (UsersTable.isDuplicateKey(e)) {
                return false;
            }
            throw e;
        }
    }

    @Override
    public Counts counts() throws SQLException {
        try (Connection connection = UsersTable.connect()) {
            return UsersTable.counts(connection);
        }
    }

    @Override
    public void close() throws SQLException {
        try (Connection connection = UsersTable.connect()) {
            UsersTable.shutdown(connection);
        }
    }
}
