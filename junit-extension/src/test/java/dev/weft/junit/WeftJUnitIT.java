package dev.weft.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The small test project ({@code com.acme.transfers}) run through the JUnit Platform Launcher in a
 * forked JVM with the real agent, as Surefire runs a user's tests with weft in its {@code argLine}.
 */
class WeftJUnitIT {
    private static final Path AGENT_JAR = Path.of(System.getProperty("weft.agent.jar", "../agent/target/weft-agent.jar"));
    private static final String INVERTED = "com.acme.transfers.InvertedOrderCase";
    private static final String CONSISTENT = "com.acme.transfers.ConsistentOrderCase";
    private static final String UNCHECKED_INVERTED = "com.acme.transfers.UncheckedInvertedOrderCase";

    @TempDir
    Path dir;

    @Test
    void theExtensionFailsTheClassWithAFindingAtTheGateAndPassesTheCleanOne() throws Exception {
        Run run = launch("warning", INVERTED, CONSISTENT);

        assertThat(run.classLine(INVERTED)).startsWith("FAILED " + INVERTED + ": weft found 1 finding at or above"
                + " 'warning' while " + INVERTED + " ran:")
            .contains("WARNING lock-order-inversion", "com.acme.transfers.Accounts.transfer(Accounts.java:",
                "The recording is kept for the whole report: weft analyze " + dir.resolve("dumps"));
        assertThat(run.classLine(CONSISTENT)).isEqualTo("PASSED " + CONSISTENT);
        assertThat(run.stdout()).as("the run-wide check reports nothing twice").doesNotContain("SESSION FAILED");
        assertThat(run.stderr()).contains("weft: no new findings while the test run ran");
    }

    @Test
    void aFindingBelowTheGatePasses() throws Exception {
        Run run = launch("error", INVERTED);

        assertThat(run.classLine(INVERTED)).isEqualTo("PASSED " + INVERTED);
        assertThat(run.stdout()).doesNotContain("SESSION FAILED");
    }

    @Test
    void theRunWideCheckFailsTheRunForAFindingOfAClassWithoutTheExtension() throws Exception {
        Run run = launch("warning", UNCHECKED_INVERTED, CONSISTENT);

        assertThat(run.classLine(UNCHECKED_INVERTED)).isEqualTo("PASSED " + UNCHECKED_INVERTED);
        assertThat(run.classLine(CONSISTENT)).as("the checked class after it does not own the finding")
            .isEqualTo("PASSED " + CONSISTENT);
        assertThat(run.stdout().indexOf(UNCHECKED_INVERTED)).isLessThan(run.stdout().indexOf(CONSISTENT));
        assertThat(run.stdout()).contains("SESSION FAILED: weft found 1 finding at or above 'warning' while the test"
            + " run ran (listed above); the recording is kept for the whole report: weft analyze " + dir.resolve("dumps"));
        assertThat(run.stderr()).contains("weft: 0 errors, 1 warning, 0 infos while the test run ran: gate 'warning'"
            + " failed", "WARNING lock-order-inversion", "com.acme.transfers.Accounts.transfer(Accounts.java:");
    }

    private Run launch(String failOn, String... testClasses) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-javaagent:" + AGENT_JAR.toAbsolutePath() + "=filename=" + dir.resolve("run.jfr") + ",include=com.acme.*",
            "-Dweft.failOn=" + failOn,
            "-Dweft.recordings=" + dir.resolve("dumps"),
            "-Djunit.jupiter.testclass.order.default=org.junit.jupiter.api.ClassOrderer$OrderAnnotation",
            "-cp", System.getProperty("java.class.path"),
            LauncherRun.class.getName()));
        command.addAll(List.of(testClasses));
        ProcessBuilder builder = new ProcessBuilder(command);
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        Process process = builder.start();
        process.getOutputStream().close();
        CompletableFuture<String> stderr = CompletableFuture.supplyAsync(() -> text(process.getErrorStream()));
        String stdout = text(process.getInputStream());
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the launcher JVM ends").isTrue();
        return new Run(process.exitValue(), stdout, stderr.join());
    }

    private static String text(java.io.InputStream in) {
        try {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "<unreadable: " + e + ">";
        }
    }

    /** What the launcher JVM printed. */
    private record Run(int exitCode, String stdout, String stderr) {
        /** The outcome line of a test class (PASSED or FAILED, with the message's lines after it). */
        String classLine(String className) {
            int start = Math.max(stdout.indexOf("PASSED " + className), stdout.indexOf("FAILED " + className));
            assertThat(start).as("a line for %s in%n%s%n--- stderr%n%s", className, stdout, stderr).isNotNegative();
            int end = stdout.indexOf("\nPASSED ", start + 1);
            int failed = stdout.indexOf("\nFAILED ", start + 1);
            int session = stdout.indexOf("\nSESSION FAILED", start + 1);
            for (int next : new int[] {failed, session}) {
                if (next >= 0 && (end < 0 || next < end)) {
                    end = next;
                }
            }
            return (end < 0 ? stdout.substring(start) : stdout.substring(start, end)).strip();
        }
    }
}
