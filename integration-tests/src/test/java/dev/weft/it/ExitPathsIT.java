package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.ExitPaths;
import dev.weft.schema.WeftEvents.AgentInfo;
import dev.weft.schema.WeftEvents.ThreadStart;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** However the JVM ends, the recording is written and the program's output and exit code are its own. */
class ExitPathsIT {

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"normal", "exit", "throw"})
    void outputAndExitCodeAreUnchangedAndTheRecordingIsWritten(String path, @TempDir Path dir) throws Exception {
        Path file = dir.resolve(path + ".jfr");

        ForkedJvm.Result without = ForkedJvm.java().main(ExitPaths.class, path).run();
        ForkedJvm.Result with = ForkedJvm.java().agent("filename=" + file).main(ExitPaths.class, path).run();

        assertThat(with.exitCode()).isEqualTo(without.exitCode());
        assertThat(with.stdout()).isEqualTo(without.stdout());
        assertThat(with.stderr()).isEqualTo(without.stderr());
        assertRecordingComplete(file);
    }

    @Test
    void sigtermStillWritesTheRecording(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("sigterm.jfr");
        Process process = ForkedJvm.java().agent("filename=" + file).main(ExitPaths.class, "hang").start();
        try (BufferedReader out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            String line;
            do {
                line = out.readLine();
            } while (line != null && !line.equals("ready"));
            assertThat(line).isEqualTo("ready");
            process.destroy(); // SIGTERM
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(process.exitValue()).isEqualTo(143);
        assertRecordingComplete(file);
    }

    private static void assertRecordingComplete(Path file) throws Exception {
        assertThat(file).exists();
        RecordedEvents events = RecordedEvents.read(file);
        assertThat(events.named(AgentInfo.NAME)).isNotEmpty();
        assertThat(events.named(ThreadStart.NAME))
            .anySatisfy(e -> assertThat(e.getString(ThreadStart.STARTED_THREAD_NAME)).isEqualTo("exit-worker"));
        Files.delete(file);
    }
}
