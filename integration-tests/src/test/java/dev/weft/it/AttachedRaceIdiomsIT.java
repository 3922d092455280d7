package dev.weft.it;

import static dev.weft.it.ForkedJvm.weft;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.acme.it.races.AfterAttach;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Race detection in a program weft is attached to while it runs, on what the program made before
 * the attach: atomic field updaters made at start (a library's {@code static final} ones), whose
 * making weft could not see. The correct idiom must yield no finding, its racy twin one.
 */
class AttachedRaceIdiomsIT {
    private static final String IDIOM = "atomicFieldUpdater";

    @TempDir
    Path dir;

    @Test
    void updatersMadeBeforeTheAttachOrderWhatTheyPublish() throws Exception {
        assertThat(attachAndAnalyze(ForkedJvm::java, "correct")).as("weft analyze's exit code").isZero();
    }

    @Test
    void aRaceAroundAnUpdaterMadeBeforeTheAttachIsFound() throws Exception {
        assertThat(attachAndAnalyze(ForkedJvm::java, "racy")).as("weft analyze's exit code").isEqualTo(1);
    }

    @Test
    void updatersMadeBeforeTheAttachOrderWhatTheyPublishOnJdk25() throws Exception {
        assumeTrue(ForkedJvm.hasJdk25(), "needs the Temurin 25 JDK beside the default one");
        assertThat(attachAndAnalyze(ForkedJvm::java25, "correct")).as("weft analyze's exit code").isZero();
    }

    /** Starts the program, attaches weft once it is ready, lets it run the idiom, and analyzes the recording. */
    private int attachAndAnalyze(Supplier<ForkedJvm> jvm, String variant) throws Exception {
        Path recording = dir.resolve(variant + ".jfr");
        Process program = jvm.get().main(AfterAttach.class, variant, IDIOM).start();
        ForkedJvm.StreamCollector err = ForkedJvm.StreamCollector.of(program.getErrorStream());
        BufferedReader out = new BufferedReader(new InputStreamReader(program.getInputStream(), StandardCharsets.UTF_8));
        assertThat(out.readLine()).as("the program's first line").isEqualTo("ready true");

        ForkedJvm.Result attach = weft("attach", Long.toString(program.pid()), "--output", recording.toString(),
            "--agent-options", "races=on");
        assertThat(attach.exitCode()).as(attach.toString()).isZero();
        try (OutputStream in = program.getOutputStream()) {
            in.write('\n');
        }
        assertThat(out.readLine()).as("the idioms the program ran").isEqualTo(IDIOM);
        if (!program.waitFor(60, TimeUnit.SECONDS)) {
            program.destroyForcibly();
            throw new AssertionError("the program did not end; stderr:\n" + err.text());
        }
        assertThat(program.exitValue()).as(err.text()).isZero();

        ForkedJvm.Result analyze = weft("analyze", recording.toString());
        assertThat(analyze.exitCode()).as(analyze.toString()).isIn(0, 1);
        return analyze.exitCode();
    }
}
