package com.acme.signup;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.sql.SQLException;

/**
 * The jar's entry point. By default: start a {@link SignupServer} on a free port, drive it with a
 * {@link LoadGenerator}, print a summary, shut everything down and return (exit 0, no System.exit). With
 * {@code --serve}: print {@code listening on 127.0.0.1:PORT} and serve until stdin is closed (or the JVM killed).
 *
 * <p>For the fixed variant the summary is fully determined by the options, so it is identical with or without an
 * agent attached. The buggy variant prints the same lines with whatever it got, plus a hint line.
 */
public final class SignupDemo {

    private SignupDemo() {
    }

    public static void main(String[] args) {
        int exitCode = run(args, System.in, System.out, System.err);
        if (exitCode != 0) {
            System.exit(exitCode);
        }
    }

    /** Runs the demo; returns the process exit code (0 ok, 1 failure, 2 bad options). */
    static int run(String[] args, InputStream stdin, PrintStream out, PrintStream err) {
        DemoOptions options;
        try {
            options = DemoOptions.parse(args);
        } catch (UsageException e) {
            err.println("signup-demo: " + e.getMessage() + " (" + DemoOptions.USAGE + ")");
            return 2;
        }
        try (SignupServer server = SignupServer.start(options.variant(), options.port(), options.workers())) {
            if (options.serve()) {
                out.println("listening on 127.0.0.1:" + server.port());
                out.flush();
                stdin.transferTo(OutputStream.nullOutputStream()); // block until stdin is closed
            } else {
                LoadResult load = new LoadGenerator(server.port(), options.clients(), options.requests()).run();
                out.print(summary(options.variant(), load, server.stats()));
            }
            return 0;
        } catch (IOException | SQLException e) {
            err.println("signup-demo: " + e);
            return 1;
        } catch (InterruptedException e) {
            err.println("signup-demo: interrupted");
            return 1;
        }
    }

    static String summary(Variant variant, LoadResult load, ServerStats stats) {
        String summary = "variant: " + variant.label() + "\n"
                + load.toText()
                + "users: " + stats.users() + "\n"
                + "duplicate rows: " + stats.duplicateRows() + "\n"
                + "counter: " + stats.requestsServed() + "\n";
        if (variant == Variant.BUGGY) {
            summary += "hint: buggy variant - counter < requests means lost updates (unguarded static counter),"
                    + " duplicate rows > 0 mean the check-then-insert race; compare with --fixed\n";
        }
        return summary;
    }
}
