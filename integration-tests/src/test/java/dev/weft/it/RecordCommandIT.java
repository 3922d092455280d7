package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.Deadlocker;
import com.acme.it.LockOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code weft record -- java ...} as CI runs it: the real weft.jar finds the real agent jar (weft's
 * build layout), adds it to the JVMs the command starts, and gates on what they recorded.
 */
class RecordCommandIT {
    private static final String TEST_CLASSES = ForkedJvm.TEST_CLASSES.toString();

    @Test
    void aLiveDeadlockFailsTheGate() throws Exception {
        ForkedJvm.Result result = record("--agent-options", "deadlock=200ms", "--", ForkedJvm.launcher(), "-cp",
            TEST_CLASSES, Deadlocker.class.getName(), "monitors", "1500");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stdout()).startsWith("giving up on alice and bob").contains("ERROR deadlock");
        assertThat(result.stderr()).contains("Picked up JAVA_TOOL_OPTIONS: -javaagent:" + ForkedJvm.AGENT_JAR);
    }

    @Test
    void theRacySampleServerFailsTheGateAndItsFixedTwinPasses() throws Exception {
        ForkedJvm.Result racy = record("--agent-options", "races=on", "--", ForkedJvm.launcher(), "-jar",
            ForkedJvm.SAMPLE_JAR.toString());
        ForkedJvm.Result fixed = record("--agent-options", "races=on", "--", ForkedJvm.launcher(), "-jar",
            ForkedJvm.SAMPLE_JAR.toString(), "--fixed");

        assertThat(racy.exitCode()).as(racy.toString()).isEqualTo(1);
        assertThat(racy.stdout()).contains("ERROR data-race on com.acme.signup.UnguardedRequestCounter.requestsServed");
        assertThat(fixed.exitCode()).as(fixed.toString()).isZero();
        assertThat(fixed.stdout()).doesNotContain("ERROR data-race on com.acme.");
    }

    @Test
    void aCorrectProgramPasses() throws Exception {
        ForkedJvm.Result result = record("--", ForkedJvm.launcher(), "-cp", TEST_CLASSES, LockOrders.class.getName(),
            "consistent", "monitors");

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).startsWith("consistent monitors done").contains("No findings");
    }

    @Test
    void theGateIsTheOneOfWeftAnalyze() throws Exception {
        String[] inversion = {ForkedJvm.launcher(), "-cp", TEST_CLASSES, LockOrders.class.getName(), "inverted",
            "monitors"};

        ForkedJvm.Result byDefault = record(inversion);
        ForkedJvm.Result strict = record(prepend(inversion, "--fail-on", "warning", "--"));

        assertThat(byDefault.exitCode()).as(byDefault.toString()).isZero();
        assertThat(strict.exitCode()).as(strict.toString()).isEqualTo(1);
        assertThat(strict.stdout()).contains("WARNING lock-order-inversion");
    }

    @Test
    void everyJvmTheCommandStartsIsRecordedAndKeptInTheRecordingsDirectory(@TempDir Path dir) throws Exception {
        Path recordings = dir.resolve("recordings");
        Path report = dir.resolve("report.json");
        String twoJvms = String.join(" ", ForkedJvm.launcher(), "-cp", TEST_CLASSES, LockOrders.class.getName(),
            "consistent", "locks", "&&", ForkedJvm.launcher(), "-cp", TEST_CLASSES, LockOrders.class.getName(),
            "consistent", "monitors");

        ForkedJvm.Result result = record("--recordings", recordings.toString(), "--format", "json",
            "--output", report.toString(), "--", "sh", "-c", twoJvms);

        assertThat(result.exitCode()).as(result.toString()).isZero();
        assertThat(result.stdout()).isEqualTo("consistent locks done\nconsistent monitors done\n");
        try (Stream<Path> files = Files.list(recordings)) {
            assertThat(files.map(file -> file.getFileName().toString()))
                .hasSize(2).allMatch(name -> name.matches("weft-\\d+\\.jfr"));
        }
        JsonNode json = new ObjectMapper().readTree(report.toFile());
        assertThat(json.get("recordings")).hasSize(2);
        assertThat(json.at("/summary/gateFailed").asBoolean()).isFalse();
    }

    @Test
    void aFailingCommandKeepsItsExitCode() throws Exception {
        ForkedJvm.Result result = record("--", ForkedJvm.launcher(), "-cp", TEST_CLASSES, "com.acme.it.NoSuchProgram");

        assertThat(result.exitCode()).as(result.toString()).isEqualTo(1);
        assertThat(result.stderr()).contains("Could not find or load main class com.acme.it.NoSuchProgram",
            "exited with code 1");
    }

    private static ForkedJvm.Result record(String... args) throws Exception {
        return ForkedJvm.java().jar(ForkedJvm.CLI_JAR, prepend(args, "record")).run();
    }

    private static String[] prepend(String[] args, String... first) {
        List<String> all = new ArrayList<>(List.of(first));
        all.addAll(List.of(args));
        return all.toArray(String[]::new);
    }
}
