package dev.weft.cli.read;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.testing.Scenarios;
import dev.weft.cli.testing.TestRecording;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecordingReaderTest {
    @TempDir
    Path dir;

    @Test
    void streamsEveryEventAndNotesWhetherWeftsWereAmongThem() throws InputException {
        Path recording = TestRecording.withWeftEvents(dir.resolve("agent.jfr"), () -> {
            Scenarios.reportAgentInfo("9.9.9-test", 0, "");
            Scenarios.reportAgentInfo("9.9.9-test", 0, "");
        });
        List<String> seen = new ArrayList<>();

        ReadResult result = new RecordingReader(null).read(recording, event -> seen.add(event.getEventType().getName()));

        assertThat(result.events()).isEqualTo(seen.size()).isGreaterThanOrEqualTo(2);
        assertThat(result.weftEvents()).isTrue();
        assertThat(result.cut()).isFalse();
        assertThat(result.start()).isBeforeOrEqualTo(result.end());
    }

    @Test
    void smallFilesShowNoProgressEvenOnATerminal() throws InputException {
        Path recording = TestRecording.plain(dir.resolve("plain.jfr"), () -> Scenarios.contendedMonitor(1));
        StringWriter terminal = new StringWriter();

        ReadResult result = new RecordingReader(new PrintWriter(terminal, true)).read(recording, event -> { });

        assertThat(result.weftEvents()).isFalse();
        assertThat(terminal.toString()).isEmpty();
    }

    @Test
    void progressIsOneLineRedrawnInPlaceAndErasedAtTheEnd() throws InterruptedException {
        StringWriter terminal = new StringWriter();
        TerminalProgress progress = new TerminalProgress(new PrintWriter(terminal, true), Path.of("big.jfr"),
                60L * 1024 * 1024);

        Thread.sleep(300);
        progress.eventsRead(4096);
        String shown = terminal.toString();
        progress.done();

        assertThat(shown).startsWith("\rweft: reading big.jfr (60 MB): 4,096 events, 0 s").doesNotContain("\n");
        assertThat(terminal.toString()).endsWith("\r" + " ".repeat(shown.length() - 1) + "\r");
    }
}
