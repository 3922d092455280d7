package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentJarOptionsTest {
    @TempDir
    Path dir;

    @Test
    void theOptionComesFirst() throws Exception {
        Path option = jar("option/weft-agent.jar");
        Path environment = jar("environment/weft-agent.jar");

        assertThat(AgentJarOptions.locate(option, environment.toString(), weftJarDir()))
                .isEqualTo(option.toAbsolutePath());
    }

    @Test
    void thenTheEnvironmentVariable() throws Exception {
        Path environment = jar("environment/weft-agent.jar");
        jar("cli/target/weft-agent.jar");

        assertThat(AgentJarOptions.locate(null, environment.toString(), weftJarDir())).isEqualTo(environment);
    }

    @Test
    void thenTheJarNextToWeftJar() throws Exception {
        Path beside = jar("cli/target/weft-agent.jar");
        jar("agent/target/weft-agent.jar");

        assertThat(AgentJarOptions.locate(null, null, weftJarDir())).isEqualTo(beside);
    }

    @Test
    void thenTheAgentModuleOfWeftsOwnBuild() throws Exception {
        Path built = jar("agent/target/weft-agent.jar");

        assertThat(AgentJarOptions.locate(null, "", weftJarDir())).isEqualTo(built);
    }

    @Test
    void aNamedJarThatIsMissingIsAnErrorEvenWhenAnotherExists() throws Exception {
        jar("cli/target/weft-agent.jar");

        assertThatThrownBy(() -> AgentJarOptions.locate(null, dir.resolve("typo.jar").toString(), weftJarDir()))
                .isInstanceOf(UsageOrInputException.class)
                .hasMessage("WEFT_AGENT='" + dir.resolve("typo.jar") + "' is not a file: pass the path of weft-agent.jar");
    }

    @Test
    void noJarAnywhereSaysWhereItLookedAndWhatToDo() throws IOException {
        Path weftJarDir = weftJarDir();

        assertThatThrownBy(() -> AgentJarOptions.locate(null, null, weftJarDir))
                .isInstanceOf(UsageOrInputException.class)
                .hasMessage("cannot find weft-agent.jar (looked for " + dir.resolve("cli/target/weft-agent.jar") + " and "
                        + dir.resolve("agent/target/weft-agent.jar") + "): pass --agent PATH or set WEFT_AGENT to the"
                        + " agent jar");
    }

    /** weft.jar's directory in weft's own build: cli/target. */
    private Path weftJarDir() throws IOException {
        return Files.createDirectories(dir.resolve("cli/target"));
    }

    private Path jar(String path) throws IOException {
        Path jar = dir.resolve(path);
        Files.createDirectories(jar.getParent());
        return Files.write(jar, new byte[] {'P', 'K'});
    }
}
