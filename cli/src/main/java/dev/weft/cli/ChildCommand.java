package dev.weft.cli;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The command {@code weft record} runs: with weft's terminal (stdin, stdout and stderr inherited,
 * so its output passes through untouched and interactive programs still work) and a changed
 * environment.
 *
 * <p>When weft itself is told to stop (Ctrl-C, SIGTERM from a CI timeout), the command is stopped
 * the same way and weft waits a little for it: its JVMs then still write their recordings, which a
 * killed child would not.
 */
final class ChildCommand {
    private static final long GRACE_SECONDS = 10;

    private ChildCommand() {
    }

    /** Runs {@code command} to its end; returns its exit code (128 + the signal's number when a signal ended it). */
    static int run(List<String> command, Map<String, String> environment)
            throws UsageOrInputException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).inheritIO();
        builder.environment().putAll(environment);
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new UsageOrInputException("cannot run '" + command.get(0) + "': " + reason(e)
                    + " (is it installed, and on the PATH?)");
        }
        Thread stopWithWeft = new Thread(() -> stop(process), "weft-stop-child");
        Runtime.getRuntime().addShutdownHook(stopWithWeft);
        try {
            return process.waitFor();
        } finally {
            try {
                Runtime.getRuntime().removeShutdownHook(stopWithWeft);
            } catch (IllegalStateException e) {
                // weft is shutting down: the hook runs
            }
        }
    }

    private static void stop(Process process) {
        process.destroy();
        try {
            process.waitFor(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** {@code Cannot run program "x": error=2, No such file or directory} → {@code No such file or directory}. */
    private static String reason(IOException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        String message = String.valueOf(cause.getMessage());
        int comma = message.indexOf(", ");
        return message.startsWith("error=") && comma > 0 ? message.substring(comma + 2) : message;
    }
}
