package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The shaded {@code target/weft.jar}, run as users run it: {@code java -jar weft.jar ...} in its own JVM. */
class WeftJarIT {
    private static final Path JAR = Path.of(System.getProperty("weft.jar", "target/weft.jar"));

    @Test
    void printsItsVersion() throws Exception {
        Result result = run("--version");

        assertThat(result.exitCode()).isZero();
        assertThat(result.out().strip()).isEqualTo("weft " + System.getProperty("weft.version"));
        assertThat(result.err()).isEmpty();
    }

    @Test
    void analyzesARecordingWithEverythingItNeedsInside(@TempDir Path dir) throws Exception {
        Path recording = TestRecording.plain(dir.resolve("plain.jfr"), () -> Scenarios.contendedMonitor(1));

        Result result = run("analyze", recording.toString(), "--format", "json");

        assertThat(result.exitCode()).as(result.err()).isZero();
        assertThat(result.out()).contains("\"contention\"", Scenarios.GuardedResource.class.getName());
    }

    @Test
    void failsWithOneLineForAMissingFile() throws Exception {
        Result result = run("analyze", "no-such-recording.jfr");

        assertThat(result.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(result.err().lines()).singleElement().asString()
                .startsWith("weft: cannot read 'no-such-recording.jfr': no such file");
    }

    private static Result run(String... args) throws IOException, InterruptedException {
        assertThat(JAR).as("the shaded jar, built in the package phase").isRegularFile();
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", JAR.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).start();
        process.getOutputStream().close();
        // small outputs: reading one stream after the other cannot fill a pipe and block
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Result(process.exitValue(), out, err);
    }

    private record Result(int exitCode, String out, String err) {
    }
}
