package dev.weft.cli;

import java.nio.file.Path;

/**
 * The {@code JAVA_TOOL_OPTIONS} value through which {@code weft record} adds the agent to every JVM
 * the command starts: the one it names, build tools such as Maven and Gradle, and the test JVMs they
 * fork, whatever their command lines. The JVM reads the variable itself, so it works where no
 * command line can be changed; it also makes each JVM print {@code Picked up JAVA_TOOL_OPTIONS: ...}
 * on stderr, which is the JVM's doing and cannot be turned off.
 *
 * <p>What the user set already is kept, the agent comes after it. The JVM splits the value at
 * whitespace but honours quotes (JDK 9+), so an argument with spaces is quoted.
 */
final class JavaToolOptions {
    static final String VARIABLE = "JAVA_TOOL_OPTIONS";

    private JavaToolOptions() {
    }

    /**
     * @param existing     the variable's current value, or null
     * @param agentOptions the agent's options, comma-separated
     */
    static String withAgent(String existing, Path agentJar, String agentOptions) {
        String agent = quoted("-javaagent:" + agentJar + "=" + agentOptions);
        return existing == null || existing.isBlank() ? agent : existing.strip() + " " + agent;
    }

    private static String quoted(String argument) {
        if (argument.chars().noneMatch(Character::isWhitespace)) {
            return argument;
        }
        char quote = argument.indexOf('"') < 0 ? '"' : '\'';
        return quote + argument + quote;
    }
}
