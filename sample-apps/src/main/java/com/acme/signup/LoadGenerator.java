package com.acme.signup;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Sends signup requests to the server on 127.0.0.1 from C client threads ({@code client-1..C}), R requests in all.
 * Request number i is sent by client i % C and signs up {@code user-(round % 50)} where round = i / C, so in each
 * round every client asks for the same name at about the same moment, which is what a check-then-insert race
 * needs. Bounded: exactly R requests at most, each with a timeout, and no new requests after a deadline.
 *
 * <p>Runs inside {@link SignupDemo}, or on its own against a running server:
 * {@code java -cp weft-sample-apps.jar com.acme.signup.LoadGenerator --port P [--clients C] [--requests R]}.
 */
public final class LoadGenerator {

    public static final int DISTINCT_USERS = 50;

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    private static final Duration RUN_DEADLINE = Duration.ofSeconds(60);

    private final int port;
    private final int clients;
    private final int requests;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(CONNECT_TIMEOUT)
            .build();

    public LoadGenerator(int port, int clients, int requests) {
        if (clients < 1 || requests < 0) {
            throw new IllegalArgumentException("need clients >= 1 and requests >= 0");
        }
        this.port = port;
        this.clients = clients;
        this.requests = requests;
    }

    /** Starts the client threads, waits for all of them and adds up what they did. */
    public LoadResult run() throws InterruptedException {
        long deadline = System.nanoTime() + RUN_DEADLINE.toNanos();
        List<Client> clientLoops = new ArrayList<>();
        List<Thread> clientThreads = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            Client client = new Client(c, deadline);
            Thread thread = new Thread(client, "client-" + (c + 1));
            clientLoops.add(client);
            clientThreads.add(thread);
            thread.start();
        }
        for (Thread thread : clientThreads) {
            thread.join();
        }
        int sent = 0;
        int failed = 0;
        for (Client client : clientLoops) { // safe to read: each thread was joined above
            sent += client.sent;
            failed += client.failed;
        }
        return new LoadResult(sent, failed);
    }

    /** How many distinct names a run signs up: one per round, at most {@link #DISTINCT_USERS}. */
    public static int expectedUsers(int clients, int requests) {
        int rounds = (requests + clients - 1) / clients;
        return Math.min(rounds, DISTINCT_USERS);
    }

    /** The server's {@code GET /stats} text. */
    public String fetchStats() throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/stats")).timeout(REQUEST_TIMEOUT).GET().build();
        HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IOException("GET /stats answered " + response.statusCode());
        }
        return response.body();
    }

    private String userFor(int requestNumber) {
        int round = requestNumber / clients;
        return "user-" + (round % DISTINCT_USERS);
    }

    /** Sends one signup; true if the server answered 200. */
    private boolean signUp(String user) throws InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(uri("/signup?user=" + user))
                .timeout(REQUEST_TIMEOUT)
                .POST(HttpRequest.BodyPublishers.noBody())
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private URI uri(String pathAndQuery) {
        return URI.create("http://127.0.0.1:" + port + pathAndQuery);
    }

    /** One client thread's loop: requests number index, index + C, index + 2C, ... one after the other. */
    private final class Client implements Runnable {

        private final int index;
        private final long deadline;
        private int sent;   // written by this client's thread, read by run() after join()
        private int failed; // likewise

        Client(int index, long deadline) {
            this.index = index;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            try {
                for (int i = index; i < requests && System.nanoTime() < deadline; i += clients) {
                    sent++;
                    if (!signUp(userFor(i))) {
                        failed++;
                    }
                }
            } catch (InterruptedException e) {
                // stop sending; what was done so far is still reported
            }
        }
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    static int run(String[] args, PrintStream out, PrintStream err) {
        LoadGenerator generator;
        try {
            Args parsed = Args.parse(args, Set.of(), Set.of("--port", "--clients", "--requests"));
            if (!parsed.hasValue("--port")) {
                throw new UsageException("--port is required");
            }
            generator = new LoadGenerator(parsed.intValue("--port", 0, 1, 65535),
                    parsed.intValue("--clients", 8, 1, 64), parsed.intValue("--requests", 400, 0, 100_000));
        } catch (UsageException e) {
            err.println("load-generator: " + e.getMessage()
                    + " (usage: --port P [--clients C=8] [--requests R=400])");
            return 2;
        }
        try {
            out.print(generator.run().toText());
            out.println("server stats:");
            out.print(generator.fetchStats());
            return 0;
        } catch (IOException e) {
            err.println("load-generator: cannot reach 127.0.0.1:" + generator.port + ": " + e);
            return 1;
        } catch (InterruptedException e) {
            err.println("load-generator: interrupted");
            return 1;
        }
    }
}
