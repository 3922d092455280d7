package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.H2ServerUnderLoad;
import dev.weft.schema.WeftEvents.AgentInfo;
import java.io.File;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

/**
 * The agent on a real library under load: H2's TCP server with concurrent JDBC clients over
 * loopback runs to the same output, exit code and (empty) stderr with weft as without it, in
 * every mode; the recording is readable, nothing in the program's own code is reported, and every
 * JDK class weft models that the server loaded got its instrumentation.
 */
class H2ServerIT {
    private static final String EXPECTED = "rows=900 balance=" + (6 * (149L * 150 / 2 + 150)) + " clients="
        + (6 * (149L * 150 / 2 + 150)) + "\n";

    @ParameterizedTest
    @ValueSource(strings = {"", "lockorder=off", "races=on"})
    void theServerBehavesTheSameUnderTheAgent(String options, @TempDir Path dir) throws Exception {
        ForkedJvm.Result plain = ForkedJvm.java().main(classpath(), H2ServerUnderLoad.class.getName()).run();
        assertThat(plain.exitCode()).as(plain.toString()).isZero();
        assertThat(plain.stdout()).isEqualTo(EXPECTED);

        Path recording = dir.resolve("h2.jfr");
        String agentOptions = "filename=" + recording + (options.isEmpty() ? "" : "," + options);
        ForkedJvm.Result traced = ForkedJvm.java().agent(agentOptions)
            .main(classpath(), H2ServerUnderLoad.class.getName()).run();
        assertThat(traced.exitCode()).as(traced.toString()).isZero();
        assertThat(traced.stderr()).as(traced.toString()).isEmpty();
        assertThat(traced.stdout()).isEqualTo(plain.stdout());

        ForkedJvm.Result analyze = ForkedJvm.weft("analyze", recording.toString());
        assertThat(analyze.exitCode()).as("nothing in the program's own code: " + analyze).isZero();
        List<RecordedEvent> infos = RecordedEvents.read(recording).named(AgentInfo.NAME);
        assertThat(infos).isNotEmpty();
        assertThat(infos.get(infos.size() - 1).getString(AgentInfo.MODELS_NOT_APPLIED_TO))
            .as("modelled JDK classes left uninstrumented").isEmpty();
    }

    /** The test classes and H2's jar, where the test itself found H2. */
    private static Path classpath() throws Exception {
        Path h2 = Paths.get(org.h2.Driver.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        return Paths.get(ForkedJvm.TEST_CLASSES.toAbsolutePath() + File.pathSeparator + h2);
    }
}
