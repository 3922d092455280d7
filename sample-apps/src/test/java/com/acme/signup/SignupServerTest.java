package com.acme.signup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class SignupServerTest {

    @ParameterizedTest
    @EnumSource(Variant.class)
    void answersARealHttpRequest(Variant variant) throws Exception {
        try (SignupServer server = SignupServer.start(variant, 0, 2)) {
            String response = exchange(server.port(),
                    "POST /signup?user=alice HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Length: 0\r\n\r\n");

            assertThat(response)
                    .startsWith("HTTP/1.1 200 OK\r\n")
                    .contains("\r\nContent-Length: 17\r\n", "\r\nConnection: close\r\n")
                    .endsWith("\r\n\r\nregistered alice\n");
            assertThat(exchange(server.port(), "GET /stats HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"))
                    .contains("requests served: 1\n", "users: 1\n", "duplicate rows: 0\n", "recent signups: alice\n");
        }
    }

    @Test
    void fixedVariantRefusesASecondSignupForTheSameName() throws Exception {
        try (SignupServer server = SignupServer.start(Variant.FIXED, 0, 1)) {
            exchange(server.port(), "GET /signup?user=bob HTTP/1.1\r\n\r\n");

            assertThat(exchange(server.port(), "GET /signup?user=bob HTTP/1.1\r\n\r\n"))
                    .endsWith("already registered bob\n");
            assertThat(server.stats().users()).isEqualTo(1);
            assertThat(server.stats().duplicateRows()).isZero();
        }
    }

    @Test
    void answersBadRequestsAndUnknownPaths() throws Exception {
        try (SignupServer server = SignupServer.start(Variant.FIXED, 0, 1)) {
            assertThat(exchange(server.port(), "nonsense\r\n\r\n")).startsWith("HTTP/1.1 400 Bad Request\r\n");
            assertThat(exchange(server.port(), "POST /signup HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server.port(), "GET /signup?user=a%20b HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 400 ");
            assertThat(exchange(server.port(), "GET /nowhere HTTP/1.1\r\n\r\n")).startsWith("HTTP/1.1 404 Not Found\r\n");
            assertThat(server.stats().requestsServed()).isEqualTo(4);
        }
    }

    @ParameterizedTest
    @EnumSource(Variant.class)
    void closeEndsEveryServerThreadAndFreesThePort(Variant variant) throws Exception {
        SignupServer server = SignupServer.start(variant, 0, 3);
        exchange(server.port(), "GET /signup?user=carol HTTP/1.1\r\n\r\n");
        List<Thread> serverThreads = liveThreadsNamed("listener", "worker-1", "worker-2", "worker-3");
        assertThat(serverThreads).hasSize(4);

        server.close();

        assertThat(serverThreads).noneMatch(Thread::isAlive);
        assertThatThrownBy(() -> new Socket("127.0.0.1", server.port()).close()).isInstanceOf(ConnectException.class);
        server.close(); // a second close is harmless
    }

    @Test
    void closeDiscardsTheDatabase() throws Exception {
        try (SignupServer first = SignupServer.start(Variant.FIXED, 0, 1)) {
            exchange(first.port(), "GET /signup?user=dave HTTP/1.1\r\n\r\n");
        }
        try (SignupServer second = SignupServer.start(Variant.FIXED, 0, 1)) {
            assertThat(second.stats().users()).isZero();
        }
    }

    /** Sends raw request bytes and reads the whole response; the server closes the connection after it. */
    private static String exchange(int port, String rawRequest) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(5_000);
            OutputStream out = socket.getOutputStream();
            out.write(rawRequest.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Thread> liveThreadsNamed(String... names) {
        List<String> wanted = List.of(names);
        return Thread.getAllStackTraces().keySet().stream()
                .filter(thread -> wanted.contains(thread.getName()))
                .toList();
    }
}
