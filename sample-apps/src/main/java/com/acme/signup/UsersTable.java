package com.acme.signup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** The SQL both user stores share; each method runs on whatever connection the caller hands in. */
final class UsersTable {

    /** In-memory database that lives until {@link #shutdown} (DB_CLOSE_DELAY=-1 keeps it between connections). */
    static final String URL = "jdbc:h2:mem:signup;DB_CLOSE_DELAY=-1";

    private static final String DUPLICATE_KEY_SQLSTATE = "23505";

    private UsersTable() {
    }

    static Connection connect() throws SQLException {
        return DriverManager.getConnection(URL);
    }

    /** Creates the table; with {@code uniqueNames} a unique index lets the database itself refuse duplicates. */
    static void create(Connection connection, boolean uniqueNames) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("CREATE TABLE users(id IDENTITY, name VARCHAR(64) NOT NULL)");
            if (uniqueNames) {
                statement.execute("CREATE UNIQUE INDEX users_name_unique ON users(name)");
            }
        }
    }

    static long countByName(Connection connection, String name) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement("SELECT COUNT(*) FROM users WHERE name = ?")) {
            select.setString(1, name);
            try (ResultSet rows = select.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    static void insert(Connection connection, String name) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO users(name) VALUES (?)")) {
            insert.setString(1, name);
            insert.executeUpdate();
        }
    }

    static boolean isDuplicateKey(SQLException e) {
        return DUPLICATE_KEY_SQLSTATE.equals(e.getSQLState());
    }

    static UserStore.Counts counts(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT COUNT(DISTINCT name), COUNT(*) FROM users")) {
            rows.next();
            long distinctNames = rows.getLong(1);
            return new UserStore.Counts(distinctNames, rows.getLong(2) - distinctNames);
        }
    }

    /** Closes the database and every connection to it; the in-memory data is gone afterwards. */
    static void shutdown(Connection connection) throws SQLException {
        try (Statement statement = connection.createStatement()) {
            statement.execute("SHUTDOWN");
        }
    }
}
