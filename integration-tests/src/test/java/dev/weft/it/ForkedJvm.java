package dev.weft.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** A JVM started for one test: with or without the real shaded agent, its output captured. */
final class ForkedJvm {
    static final Path AGENT_JAR = jar("weft.agent.jar");
    static final Path CLI_JAR = jar("weft.cli.jar");
    static final Path SAMPLE_JAR = jar("weft.sample.jar");
    static final Path TEST_CLASSES = Paths.get(System.getProperty("weft.test.classes", "target/test-classes"));
    private static final Path JDK_25 = Paths.get("/usr/lib/jvm/temurin-25-jdk-amd64/bin/java");

    private final List<String> command = new ArrayList<>();
    private Path directory;

    private ForkedJvm(String java) {
        command.add(java);
    }

    static ForkedJvm java() {
        return new ForkedJvm(launcher());
    }

    /** The {@code java} launcher of the JDK running the tests, for commands that start JVMs themselves. */
    static String launcher() {
        return Paths.get(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** The Temurin 25 JDK installed beside the default one, if this machine has it. */
    static boolean hasJdk25() {
        return Files.isExecutable(JDK_25);
    }

    static ForkedJvm java25() {
        return new ForkedJvm(JDK_25.toString());
    }

    private static Path jar(String property) {
        return Paths.get(System.getProperty(property, "missing-" + property)).toAbsolutePath().normalize();
    }

    /** Runs the real CLI jar: {@code java -jar weft.jar ARGS}. */
    static Result weft(String... args) throws IOException, InterruptedException {
        return java().jar(CLI_JAR, args).run();
    }

    /** JVM options, e.g. {@code -XX:TieredStopAtLevel=1}; before the agent and the program. */
    ForkedJvm options(String... jvmOptions) {
        command.addAll(Arrays.asList(jvmOptions));
        return this;
    }

    ForkedJvm agent(String options) {
        command.add("-javaagent:" + AGENT_JAR + (options.isEmpty() ? "" : "=" + options));
        return this;
    }

    ForkedJvm in(Path workingDirectory) {
        this.directory = workingDirectory;
        return this;
    }

    /** Runs a test program of this module ({@code com.acme.it}). */
    ForkedJvm main(Class<?> program, String... args) {
        command.addAll(List.of("-cp", TEST_CLASSES.toString(), program.getName()));
        command.addAll(Arrays.asList(args));
        return this;
    }

    /** Runs {@code mainClass} from a jar or directory other than this module's test programs. */
    ForkedJvm main(Path classpath, String mainClass, String... args) {
        command.addAll(List.of("-cp", classpath.toString(), mainClass));
        command.addAll(Arrays.asList(args));
        return this;
    }

    /** Runs the module {@code mainModule/mainClass} found on {@code modulePath}. */
    ForkedJvm module(Path modulePath, String mainModuleAndClass, String... args) {
        command.addAll(List.of("-p", modulePath.toString(), "-m", mainModuleAndClass));
        command.addAll(Arrays.asList(args));
        return this;
    }

    ForkedJvm jar(Path jar, String... args) {
        command.addAll(List.of("-jar", jar.toString()));
        command.addAll(Arrays.asList(args));
        return this;
    }

    Process start() throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command);
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        builder.environment().remove("JAVA_TOOL_OPTIONS");
        return builder.start();
    }

    Result run() throws IOException, InterruptedException {
        Process process = start();
        process.getOutputStream().close();
        StreamCollector out = StreamCollector.of(process.getInputStream());
        StreamCollector err = StreamCollector.of(process.getErrorStream());
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("timed out: " + command);
        }
        return new Result(process.exitValue(), out.text(), err.text());
    }

    /** Exit code and output of a finished JVM. */
    record Result(int exitCode, String stdout, String stderr) {
        @Override
        public String toString() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "--- stderr\n" + stderr;
        }
    }

    /** Drains a stream on its own thread so a chatty process never blocks on a full pipe. */
    static final class StreamCollector {
        private final Thread thread;
        private final StringBuilder text = new StringBuilder();

        private StreamCollector(java.io.InputStream in) {
            thread = new Thread(() -> {
                try {
                    text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
                } catch (IOException e) {
                    text.append("<unreadable: ").append(e).append('>');
                }
            }, "drain");
            thread.start();
        }

        static StreamCollector of(java.io.InputStream in) {
            return new StreamCollector(in);
        }

        String text() throws InterruptedException {
            thread.join();
            return text.toString();
        }
    }
}
