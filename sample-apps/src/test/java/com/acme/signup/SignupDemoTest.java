package com.acme.signup;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class SignupDemoTest {

    @Test
    void fixedRunWithDefaultsPrintsExactlyTheExpectedSummary() {
        Outcome outcome = runDemo("--fixed");

        assertThat(outcome.exitCode).isZero();
        assertThat(outcome.err).isEmpty();
        assertThat(outcome.out).isEqualTo("""
                variant: fixed
                requests: 400
                failed requests: 0
                users: 50
                duplicate rows: 0
                counter: 400
                """);
    }

    @Test
    void fixedRunSummaryFollowsTheOptions() {
        Outcome outcome = runDemo("--fixed", "--workers", "2", "--clients=4", "--requests", "100");

        assertThat(outcome.exitCode).isZero();
        assertThat(outcome.out).isEqualTo("""
                variant: fixed
                requests: 100
                failed requests: 0
                users: 25
                duplicate rows: 0
                counter: 100
                """);
    }

    @Test
    void buggyRunPrintsTheSameLinesPlusAHint() {
        Outcome outcome = runDemo("--requests", "80");

        assertThat(outcome.exitCode).isZero();
        assertThat(outcome.out.lines())
                .extracting(line -> line.substring(0, line.indexOf(':')))
                .containsExactly("variant", "requests", "failed requests", "users", "duplicate rows", "counter", "hint");
        assertThat(outcome.out).startsWith("variant: buggy\nrequests: 80\n");
    }

    @Test
    void invalidOptionsGiveOneLineOnStderrAndExitCode2() {
        for (String[] args : new String[][] {{"--bogus"}, {"--workers", "0"}, {"--clients"}, {"--port", "x"}}) {
            Outcome outcome = runDemo(args);

            assertThat(outcome.exitCode).as(String.join(" ", args)).isEqualTo(2);
            assertThat(outcome.out).isEmpty();
            assertThat(outcome.err.lines()).hasSize(1).first().asString().startsWith("signup-demo: ");
        }
    }

    @Test
    void serveModeAnnouncesThePortAndStopsWhenStdinIsClosed() {
        Outcome outcome = runDemo(new ByteArrayInputStream(new byte[0]), "--serve", "--fixed");

        assertThat(outcome.exitCode).isZero();
        assertThat(outcome.out).matches("listening on 127\\.0\\.0\\.1:\\d+\n");
    }

    private static Outcome runDemo(String... args) {
        return runDemo(new ByteArrayInputStream(new byte[0]), args);
    }

    private static Outcome runDemo(InputStream stdin, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exitCode = SignupDemo.run(args, stdin, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Outcome(exitCode, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private record Outcome(int exitCode, String out, String err) {
    }
}
