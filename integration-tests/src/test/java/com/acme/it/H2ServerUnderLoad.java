package com.acme.it;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.h2.tools.Server;

/**
 * A real server under load: H2's TCP server in this JVM, and client threads that each open their
 * own connection over loopback and insert, query and update rows concurrently. Prints a summary
 * that is the same on every run (and with or without weft), then stops the server and exits.
 */
public final class H2ServerUnderLoad {
    private static final int CLIENTS = 6;
    private static final int OPERATIONS = 150;

    private H2ServerUnderLoad() {
    }

    public static void main(String[] args) throws Exception {
        Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
        String url = "jdbc:h2:tcp://localhost:" + server.getPort() + "/mem:load;DB_CLOSE_DELAY=-1";
        try (Connection setup = DriverManager.getConnection(url, "sa", "");
             Statement statement = setup.createStatement()) {
            statement.execute("CREATE TABLE accounts(id INT PRIMARY KEY, client INT, balance BIGINT)");
            ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
            List<Future<Long>> results = new ArrayList<>();
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                results.add(clients.submit(() -> work(url, client)));
            }
            long total = 0;
            for (Future<Long> result : results) {
                total += result.get();
            }
            clients.shutdown();
            try (ResultSet rows = statement.executeQuery("SELECT COUNT(*), SUM(balance) FROM accounts")) {
                rows.next();
                System.out.println("rows=" + rows.getLong(1) + " balance=" + rows.getLong(2) + " clients=" + total);
            }
        } finally {
            server.stop();
        }
    }

    private static long work(String url, int client) throws SQLException {
        long sum = 0;
        try (Connection connection = DriverManager.getConnection(url, "sa", "");
             PreparedStatement insert = connection.prepareStatement("INSERT INTO accounts VALUES (?, ?, ?)");
             PreparedStatement update = connection.prepareStatement("UPDATE accounts SET balance = balance + 1 WHERE id = ?");
             PreparedStatement select = connection.prepareStatement("SELECT balance FROM accounts WHERE id = ?")) {
            for (int i = 0; i < OPERATIONS; i++) {
                int id = client * OPERATIONS + i;
                insert.setInt(1, id);
                insert.setInt(2, client);
                insert.setLong(3, i);
                insert.executeUpdate();
                update.setInt(1, id);
                update.executeUpdate();
                select.setInt(1, id);
                try (ResultSet row = select.executeQuery()) {
                    row.next();
                    sum += row.getLong(1);
                }
            }
        }
        return sum;
    }
}
