package com.acme.signup;

import java.sql.Connection;
import java.sql.SQLException;

/** The buggy variant's user store: one connection for everybody, and a check-then-insert registration. */
final class SharedConnectionUserStore implements UserStore {

    // BUG (checklist: each request gets its own database connection):
    // this single connection is opened at start-up and used by every worker at the same time.
    private final Connection sharedConnection;

    private SharedConnectionUserStore(Connection sharedConnection) {
        this.sharedConnection = sharedConnection;
    }

    static SharedConnectionUserStore open() throws SQLException {
        Connection connection = UsersTable.connect();
        try {
            UsersTable.create(connection, false); // no unique constraint: nothing in the database stops duplicates
            return new SharedConnectionUserStore(connection);
        } catch (SQLException e) {
            connection.close();
            throw e;
        }
    }

    @Override
    public boolean register(String name) throws SQLException {
        // BUG (checklist: multiple SQL operations per request can race; check-then-insert is not thread-safe):
        // two statements with no transaction, lock or constraint between them. Two workers can both count 0
        // for the same name and both insert it, leaving a duplicate row.
        if (UsersTable.countByName(sharedConnection, name) == 0) {
            UsersTable.insert(sharedConnection, name);
            return true;
        }
        return false;
    }

    @Override
    public Counts counts() throws SQLException {
        return UsersTable.counts(sharedConnection);
    }

    @Override
    public void close() throws SQLException {
        try (sharedConnection) {
            UsersTable.shutdown(sharedConnection);
        }
    }
}
