package dev.weft.cli;

import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * The options of the commands that start weft's agent ({@code record}, {@code attach}): which
 * agent jar, and what options to give it besides the ones the command sets.
 *
 * <p>Without {@code --agent}, the jar is found as a user would look for it: the {@code WEFT_AGENT}
 * environment variable, then {@code weft-agent.jar} next to {@code weft.jar} (a distribution), then
 * {@code ../../agent/target/weft-agent.jar} from weft.jar's directory (weft's own build, where
 * weft.jar is {@code cli/target/weft.jar}). A path that is named but missing is an error, never a
 * reason to look further: a typo must not silently pick up another agent.
 */
final class AgentJarOptions {
    static final String FILE_NAME = "weft-agent.jar";
    static final String ENVIRONMENT_VARIABLE = "WEFT_AGENT";

    @Option(names = "--agent", paramLabel = "JAR",
            description = {"weft's agent jar; default: $" + ENVIRONMENT_VARIABLE + ", else " + FILE_NAME
                    + " next to weft.jar"})
    private Path agent;

    @Option(names = "--agent-options", paramLabel = "OPTIONS",
            description = {"more agent options, comma-separated as after -javaagent:weft-agent.jar=,"
                    + " e.g. include=com.acme.*,threshold=1ms"})
    private String extraOptions;

    /** The agent jar to use, as an absolute path. */
    Path jar() throws UsageOrInputException {
        return locate(agent, System.getenv(ENVIRONMENT_VARIABLE), weftJarDirectory());
    }

    /** {@code options} followed by the user's {@code --agent-options}, in the agent's comma-separated form. */
    String optionsWith(String options) {
        return extraOptions == null || extraOptions.isBlank() ? options : options + "," + extraOptions.strip();
    }

    /**
     * @param option      the {@code --agent} value, or null
     * @param environment the {@code WEFT_AGENT} value, or null
     * @param weftJarDir  the directory of weft.jar (or of the CLI's classes), or null when unknown
     */
    static Path locate(Path option, String environment, Path weftJarDir) throws UsageOrInputException {
        if (option != null) {
            return existing(option, "--agent '" + option + "'");
        }
        if (environment != null && !environment.isBlank()) {
            return existing(Path.of(environment.strip()), ENVIRONMENT_VARIABLE + "='" + environment.strip() + "'");
        }
        List<Path> candidates = new ArrayList<>();
        if (weftJarDir != null) {
            candidates.add(weftJarDir.resolve(FILE_NAME));
            candidates.add(weftJarDir.resolve("../../agent/target").resolve(FILE_NAME));
        }
        for (Path candidate : candidates) {
            if (Files.isRegularFile(candidate)) {
                return candidate.toAbsolutePath().normalize();
            }
        }
        String looked = candidates.isEmpty() ? ""
                : " (looked for " + String.join(" and ", candidates.stream()
                        .map(path -> path.toAbsolutePath().normalize().toString()).toList()) + ")";
        throw new UsageOrInputException("cannot find " + FILE_NAME + looked + ": pass --agent PATH or set "
                + ENVIRONMENT_VARIABLE + " to the agent jar");
    }

    private static Path existing(Path jar, String named) throws UsageOrInputException {
        if (!Files.isRegularFile(jar)) {
            throw new UsageOrInputException(named + " is not a file: pass the path of " + FILE_NAME);
        }
        return jar.toAbsolutePath().normalize();
    }

    /** The directory weft runs from: that of weft.jar, or of the classes directory in weft's own build. */
    private static Path weftJarDirectory() {
        CodeSource source = AgentJarOptions.class.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            Path location = Path.of(source.getLocation().toURI());
            return location.toAbsolutePath().getParent();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return null;
        }
    }
}
