package dev.weft.junit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Without weft's agent (this JVM runs without it) there is nothing to check, and nothing fails. */
class RecordingCheckTest {
    private static final CheckSettings DEFAULTS = CheckSettings.from(name -> Optional.empty());

    @Test
    void withoutTheAgentThereIsNothingToCheck() throws CheckException {
        assertThat(RecordingCheck.dumpBeforeClass(DEFAULTS)).isEmpty();
        assertThat(RecordingCheck.checkClass("com.acme.SomeTest", DEFAULTS, null)).isEmpty();
        assertThat(RecordingCheck.checkRun(DEFAULTS)).isEmpty();
    }
}
