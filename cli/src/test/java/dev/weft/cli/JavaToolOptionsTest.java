package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class JavaToolOptionsTest {
    private static final Path AGENT = Path.of("/opt/weft/weft-agent.jar");

    @Test
    void theAgentAloneWhenNothingWasSet() {
        assertThat(JavaToolOptions.withAgent(null, AGENT, "filename=/tmp/r/weft-%p.jfr"))
                .isEqualTo("-javaagent:/opt/weft/weft-agent.jar=filename=/tmp/r/weft-%p.jfr");
        assertThat(JavaToolOptions.withAgent("  ", AGENT, "filename=x.jfr"))
                .isEqualTo("-javaagent:/opt/weft/weft-agent.jar=filename=x.jfr");
    }

    @Test
    void whatTheUserSetComesFirst() {
        assertThat(JavaToolOptions.withAgent("-Xmx1g -Dfile.encoding=UTF-8 ", AGENT, "filename=x.jfr"))
                .isEqualTo("-Xmx1g -Dfile.encoding=UTF-8 -javaagent:/opt/weft/weft-agent.jar=filename=x.jfr");
    }

    @Test
    void anAgentArgumentWithSpacesIsQuoted() {
        assertThat(JavaToolOptions.withAgent(null, Path.of("/my tools/weft-agent.jar"), "filename=/tmp/my run/a.jfr"))
                .isEqualTo("\"-javaagent:/my tools/weft-agent.jar=filename=/tmp/my run/a.jfr\"");
    }
}
