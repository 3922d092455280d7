package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.AgentSafety;
import dev.weft.schema.WeftEvents.LockStatistics;
import java.nio.file.Path;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The agent never changes what a program does: regressions of what once did. */
class AgentSafetyIT {

    @Test
    void aWriterBehindBusyReadersStillGetsTheLock(@TempDir Path dir) throws Exception {
        ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + dir.resolve("w.jfr")).main(AgentSafety.class, "writer").run();

        assertThat(run.stdout()).as(run.toString()).isEqualTo("writer waited less than a second\n");
    }

    @Test
    void aSynchronizedMethodStartingWithALoopIsCountedOncePerCall(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("loop.jfr");
        ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + file).main(AgentSafety.class, "loop").run();

        assertThat(run.stdout()).as(run.toString()).isEqualTo("turns 3000000\n");
        RecordedEvent site = RecordedEvents.read(file).named(LockStatistics.NAME).stream()
            .filter(e -> e.getString(LockStatistics.SITE_METHOD).equals("spin")).findFirst().orElseThrow();
        assertThat(site.getLong(LockStatistics.ACQUISITIONS)).isEqualTo(3000);
        assertThat(site.getInt(LockStatistics.SITE_LINE)).isEqualTo(SourceLines.ofTestProgram(AgentSafety.class)
            .lineOf("int i = 0;"));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"lockorder=on", "races=on"})
    void serialVersionUidsAreThoseOfTheClassesAsWritten(String options, @TempDir Path dir) throws Exception {
        ForkedJvm.Result without = ForkedJvm.java().main(AgentSafety.class, "serial").run();
        ForkedJvm.Result with = ForkedJvm.java().agent("filename=" + dir.resolve("s.jfr") + "," + options)
            .main(AgentSafety.class, "serial").run();

        assertThat(without.exitCode()).as(without.toString()).isZero();
        assertThat(with.exitCode()).as(with.toString()).isZero();
        assertThat(with.stdout()).isEqualTo(without.stdout());
        assertThat(with.stderr()).isEmpty();
    }

    @Test
    void aModularApplicationStartsWithRaceDetection(@TempDir Path dir) throws Exception {
        Path sources = java.nio.file.Files.createDirectories(dir.resolve("src/m/p"));
        java.nio.file.Files.writeString(dir.resolve("src/m/module-info.java"), "module m { }");
        java.nio.file.Files.writeString(sources.resolve("App.java"), String.join("\n",
            "package p;",
            "public class App {",
            "    static final Object LOCK = new Object();",
            "    static int count;",
            "    public static void main(String[] args) {",
            "        synchronized (LOCK) { count++; }",
            "        System.out.println(\"modular \" + count);",
            "    }",
            "}"));
        Path out = dir.resolve("out/m");
        int compiled = javax.tools.ToolProvider.getSystemJavaCompiler().run(null, null, null, "-d", out.toString(),
            dir.resolve("src/m/module-info.java").toString(), sources.resolve("App.java").toString());
        assertThat(compiled).isZero();

        ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + dir.resolve("m.jfr") + ",races=on")
            .module(dir.resolve("out"), "m/p.App").run();

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).isEqualTo("modular 1\n");
    }
}
