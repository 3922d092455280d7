package dev.weft.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every way the input or the command line can be wrong ends the same way: exit code 2 and one
 * line on stderr that starts with "weft: " and says what to do, never a stack trace.
 */
class BadInputTest {
    private static final int CHUNKS = 3;
    private static final int EVENTS_PER_CHUNK = 200;
    private static final Pattern CUT_LINE = Pattern.compile(
            "weft: '(.*)' was cut short after (\\d+) events: the report covers only those \\(.*\\)");

    @TempDir
    static Path dir;
    static byte[] multiChunkRecording;

    @BeforeAll
    static void record() throws IOException {
        Path recording = TestRecording.withWeftEvents(dir.resolve("chunks.jfr"), () -> {
            for (int chunk = 0; chunk < CHUNKS; chunk++) {
                if (chunk > 0) {
                    TestRecording.startNewChunk();
                }
                for (int event = 0; event < EVENTS_PER_CHUNK; event++) {
                    Scenarios.reportAgentInfo("9.9.9-test", 0, "");
                }
            }
        });
        multiChunkRecording = Files.readAllBytes(recording);
    }

    @Test
    void missingFile() {
        CliRun run = CliRun.weft("analyze", dir.resolve("missing.jfr"));

        assertOneLineError(run, "weft: cannot read '" + dir.resolve("missing.jfr") + "': no such file"
                + " (pass the path of a .jfr recording made with -javaagent:weft-agent.jar)");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void directoryWithoutRecordings() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("no-recordings"));
        Files.writeString(empty.resolve("app.log"), "started");

        CliRun run = CliRun.weft("analyze", empty);

        assertOneLineError(run, "weft: no .jfr recordings in directory '" + empty + "'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void fileThatIsNotARecording() throws IOException {
        Path text = Files.writeString(dir.resolve("notes.jfr"), "these are notes, not a flight recording\n".repeat(10));

        CliRun run = CliRun.weft("analyze", text);

        assertOneLineError(run, "weft: '" + text + "' is not a JFR recording (pass ");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void emptyFile() throws IOException {
        Path empty = Files.write(dir.resolve("empty.jfr"), new byte[0]);

        CliRun run = CliRun.weft("analyze", empty);

        assertOneLineError(run, "weft: '" + empty + "' is empty (0 bytes): the recording was never written");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void badInputIsReportedBeforeAnyRecordingIsRead() throws IOException {
        Path good = Files.write(dir.resolve("good.jfr"), multiChunkRecording);

        CliRun run = CliRun.weft("analyze", good, dir.resolve("typo.jfr"));

        assertOneLineError(run, "weft: cannot read '" + dir.resolve("typo.jfr") + "'");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void truncatedRecordingIsAnalyzedAsFarAsItIsReadable() throws IOException {
        Path cut = Files.write(dir.resolve("cut.jfr"), cutInsideLastChunk());

        CliRun run = CliRun.weft("analyze", cut);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).hasSize(1);
        Matcher line = CUT_LINE.matcher(run.errLines().get(0));
        assertThat(line.matches()).as(run.err()).isTrue();
        assertThat(line.group(1)).isEqualTo(cut.toString());
        long eventsRead = Long.parseLong(line.group(2));
        assertThat(eventsRead).as("the complete chunks before the cut, less the event JFR read ahead")
                .isBetween(EVENTS_PER_CHUNK - 1L, (CHUNKS - 1L) * EVENTS_PER_CHUNK);
        assertThat(run.out()).contains("cut short", "weft agent 9.9.9-test")
                .endsWith("gate 'error' passed" + System.lineSeparator());
    }

    @Test
    void truncatedRecordingIsMarkedCutInJson() throws IOException {
        Path cut = Files.write(dir.resolve("cut-for-json.jfr"), cutInsideLastChunk());

        CliRun run = CliRun.weft("analyze", cut, "--format", "json");

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).hasSize(1);
        assertThat(run.json().at("/recordings/0/cut").asBoolean()).isTrue();
        assertThat(run.json().at("/recordings/0/events").asLong()).isPositive();
        assertThat(run.json().get("notes").toString()).contains("was cut short");
    }

    @Test
    void recordingCutInsideItsFirstChunkHasNoReadableEvents() throws IOException {
        Path cut = Files.write(dir.resolve("cut-early.jfr"), Arrays.copyOf(multiChunkRecording, 200));

        CliRun run = CliRun.weft("analyze", cut);

        assertThat(run.exitCode()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).singleElement().asString().startsWith("weft: '" + cut + "' was cut short after 0 events");
        assertThat(run.out()).contains("0 events");
    }

    @Test
    void unknownOption() {
        assertOneLineError(CliRun.weft("analyze", "--bogus", "x.jfr"),
                "weft: Unknown option: '--bogus' (run 'weft analyze --help' for usage)");
    }

    @Test
    void unknownFormat() {
        assertOneLineError(CliRun.weft("analyze", "--format", "xml", "x.jfr"),
                "weft: Invalid value for option '--format': expected one of text, json, sarif, junit, html but was 'xml'");
    }

    @Test
    void unknownGateLevel() {
        assertOneLineError(CliRun.weft("analyze", "--fail-on", "sometimes", "x.jfr"),
                "weft: Invalid value for option '--fail-on': expected one of error, warning, info, never");
    }

    @Test
    void noFile() {
        assertOneLineError(CliRun.weft("analyze"),
                "weft: Missing required parameter: 'FILE' (run 'weft analyze --help' for usage)");
    }

    @Test
    void noCommand() {
        assertOneLineError(CliRun.weft(), "weft: missing command");
    }

    @Test
    void unknownCommand() {
        assertOneLineError(CliRun.weft("analyse", "x.jfr"), "weft: Unmatched argument");
    }

    @Test
    void unwritableOutput() throws IOException {
        Path good = Files.write(dir.resolve("for-output.jfr"), multiChunkRecording);
        Path output = dir.resolve("no-such-dir").resolve("report.txt");

        CliRun run = CliRun.weft("analyze", good, "--output", output);

        assertOneLineError(run, "weft: cannot write '" + output + "': its directory does not exist");
    }

    private static byte[] cutInsideLastChunk() {
        int lastChunk = lastChunkStart(multiChunkRecording);
        assertThat(lastChunk).as("the fixture has several chunks").isPositive();
        return Arrays.copyOf(multiChunkRecording, lastChunk + (multiChunkRecording.length - lastChunk) / 2);
    }

    /** Chunks start with JFR's magic bytes "FLR\0". */
    private static int lastChunkStart(byte[] recording) {
        for (int i = recording.length - 4; i > 0; i--) {
            if (recording[i] == 'F' && recording[i + 1] == 'L' && recording[i + 2] == 'R' && recording[i + 3] == 0) {
                return i;
            }
        }
        return 0;
    }

    private static void assertOneLineError(CliRun run, String expectedStart) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE_OR_INPUT);
        assertThat(run.errLines()).as("stderr").singleElement().asString().startsWith(expectedStart);
        assertThat(run.err()).doesNotContain("Exception", "\tat ");
    }
}
