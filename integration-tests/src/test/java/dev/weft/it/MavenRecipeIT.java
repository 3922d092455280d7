package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * docs/CI.md's Maven recipe, run: {@code mvn -B verify} on a small project
 * ({@code src/test/resources/maven-recipe}) whose pom is the recipe, with the real agent and CLI
 * jars. A test that leaves a live deadlock behind fails the build through {@code weft analyze};
 * a clean one passes. The doc's XML block must be the pom's, character for character.
 */
class MavenRecipeIT {
    private static final Path CI_DOC = Paths.get(System.getProperty("weft.ci.doc", "../docs/CI.md"));
    private static final String JUNIT_VERSION = System.getProperty("weft.junit.version", "5.14.4");
    private static final Path LOGS = Paths.get(System.getProperty("weft.work.dir", "target/it-work"), "maven-recipe");
    private static final String FROM = "<!-- docs/CI.md shows the lines from here -->";
    private static final String TO = "<!-- to here -->";
    private static final long TIMEOUT_SECONDS = 180;

    @TempDir
    Path dir;

    @Test
    void aTestThatLeavesADeadlockBehindFailsTheBuild() throws Exception {
        Build build = mvnVerify("DeadlockTest", "-Dweft.agentOptions=deadlock=200ms");

        assertThat(build.exitCode()).as(build.toString()).isNotZero();
        assertThat(build.output()).as(build.summary())
            .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0", "exec-maven-plugin:3.5.0:exec (weft-analyze)",
                "ERROR deadlock", "com.acme.recipe.DeadlockTest", "gate 'error' failed", "BUILD FAILURE")
            .doesNotContain("weft: option");
    }

    @Test
    void cleanTestsPassTheGate() throws Exception {
        Build build = mvnVerify("CleanTest");

        assertThat(build.exitCode()).as(build.toString()).isZero();
        assertThat(build.output()).as(build.summary())
            .contains("Tests run: 1, Failures: 0, Errors: 0, Skipped: 0", "exec-maven-plugin:3.5.0:exec (weft-analyze)",
                "No findings.", "gate 'error' passed", "BUILD SUCCESS")
            .doesNotContain("weft: option");
        try (Stream<Path> recordings = Files.list(build.project().resolve("target/weft"))) {
            assertThat(recordings.map(file -> file.getFileName().toString()))
                .as("the agent creates target/weft itself: one recording for Surefire's one forked JVM")
                .singleElement().matches(name -> name.matches("\\d+\\.jfr"));
        }
    }

    @Test
    void theDocShowsThePomThatIsTested() throws Exception {
        String pom = Files.readString(recipe().resolve("pom.xml"), StandardCharsets.UTF_8);
        int from = pom.indexOf(FROM);
        int to = pom.indexOf(TO);
        assertThat(from).as("markers in the recipe's pom.xml").isNotNegative().isLessThan(to);
        String tested = dedent(pom.substring(pom.indexOf('\n', from) + 1, pom.lastIndexOf('\n', to) + 1));

        assertThat(mavenXmlBlock(Files.readString(CI_DOC, StandardCharsets.UTF_8)))
            .as("the XML block of %s's Maven section must be the lines between the markers of"
                + " integration-tests/src/test/resources/maven-recipe/pom.xml (change both together)", CI_DOC)
            .isEqualTo(tested);
    }

    private Build mvnVerify(String testClass, String... properties) throws Exception {
        Path mvn = onPath("mvn");
        assumeTrue(mvn != null, "mvn is not on the PATH");
        Path project = dir.resolve(testClass);
        copy(recipe(), project);
        Files.createDirectories(LOGS);
        Path log = LOGS.resolve(testClass + ".log");

        List<String> command = new ArrayList<>(List.of(mvn.toString(), "-B", "-ntp", "verify", "-Dtest=" + testClass,
            "-Dweft.agent=" + ForkedJvm.AGENT_JAR, "-Dweft.cli=" + ForkedJvm.CLI_JAR, "-Djunit.version=" + JUNIT_VERSION));
        command.addAll(Arrays.asList(properties));
        ProcessBuilder builder = new ProcessBuilder(command).directory(project.toFile())
            .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        builder.environment().remove("WEFT_HOME");
        long start = System.nanoTime();
        Process process = builder.start();
        process.getOutputStream().close();
        if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly();
            process.waitFor(10, TimeUnit.SECONDS);
            throw new AssertionError("mvn verify did not finish in " + TIMEOUT_SECONDS + " s: " + command + "\n--- "
                + log + "\n" + Files.readString(log, StandardCharsets.UTF_8));
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        System.out.printf("MavenRecipeIT: mvn verify -Dtest=%s took %.1f s, exit %d (log: %s)%n", testClass,
            millis / 1000.0, process.exitValue(), log);
        return new Build(project, command, process.exitValue(), Files.readString(log, StandardCharsets.UTF_8), log);
    }

    /** A finished {@code mvn} run: its exit code and its console output (also kept in {@code log}). */
    private record Build(Path project, List<String> command, int exitCode, String output, Path log) {
        /** The command, its exit code and where its output is kept (assertions on the output show it). */
        String summary() {
            return String.join(" ", command) + "\nexit " + exitCode + ", output in " + log;
        }

        @Override
        public String toString() {
            return summary() + ":\n" + output;
        }
    }

    private static Path recipe() throws URISyntaxException {
        return Paths.get(Objects.requireNonNull(MavenRecipeIT.class.getResource("/maven-recipe/pom.xml"),
            "maven-recipe/pom.xml on the test class path").toURI()).getParent();
    }

    private static Path onPath(String program) {
        for (String entry : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
            Path candidate = entry.isEmpty() ? null : Paths.get(entry, program);
            if (candidate != null && Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return candidate;
            }
        }
        return null;
    }

    private static void copy(Path from, Path to) throws IOException {
        try (Stream<Path> files = Files.walk(from)) {
            for (Path file : files.collect(Collectors.toList())) {
                Path target = to.resolve(from.relativize(file).toString());
                if (Files.isDirectory(file)) {
                    Files.createDirectories(target);
                } else {
                    Files.copy(file, target);
                }
            }
        }
    }

    /** The first {@code ```xml} block after the heading of the Maven section. */
    private static String mavenXmlBlock(String doc) {
        int section = doc.indexOf("\n## Maven");
        assertThat(section).as("a '## Maven' section in " + CI_DOC).isNotNegative();
        int open = doc.indexOf("\n```xml\n", section);
        assertThat(open).as("an xml block in the Maven section of " + CI_DOC).isNotNegative();
        int start = open + "\n```xml\n".length();
        int end = doc.indexOf("\n```", start);
        return doc.substring(start, end + 1);
    }

    private static String dedent(String lines) {
        List<String> all = lines.lines().collect(Collectors.toList());
        int indent = all.stream().filter(line -> !line.isBlank())
            .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
        return all.stream().map(line -> line.isBlank() ? "" : line.substring(indent))
            .collect(Collectors.joining("\n", "", "\n"));
    }
}
