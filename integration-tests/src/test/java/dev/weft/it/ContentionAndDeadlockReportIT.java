package dev.weft.it;

import static dev.weft.it.ForkedJvm.weft;
import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.Deadlocker;
import com.acme.it.HotLocks;
import com.acme.it.LockOrders;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What `weft analyze` (the real CLI jar) reports of programs recorded with the real agent. */
class ContentionAndDeadlockReportIT {
    private static final SourceLines HOT = SourceLines.ofTestProgram(HotLocks.class);

    @Test
    void theHotMonitorAndTheHotReentrantLockTopTheContentionListWithTheirOwner(@TempDir Path dir) throws Exception {
        Path recording = record(dir, HotLocks.class, "");

        JsonNode report = analyzeJson(recording, 0);
        List<JsonNode> top = new ArrayList<>();
        report.get("contention").elements().forEachRemaining(top::add);
        assertThat(top).hasSizeGreaterThanOrEqualTo(2);
        assertThat(top.subList(0, 2)).anySatisfy(entry -> assertHot(entry, "monitor", "hot-monitor", "holder-monitor"))
            .anySatisfy(entry -> assertHot(entry, "juc", "hot-lock", "holder-lock"));
    }

    private static void assertHot(JsonNode entry, String kind, String site, String owner) {
        assertThat(entry.get("lockKind").asText()).isEqualTo(kind);
        assertThat(entry.get("site").get("class").asText()).isEqualTo(HotLocks.class.getName());
        assertThat(entry.get("site").get("line").asInt()).isEqualTo(HOT.site(site));
        assertThat(entry.get("waitNanos").get("total").asLong()).isGreaterThan(150_000_000L);
        assertThat(entry.get("owners").get(0).get("thread").asText()).isEqualTo(owner);
        assertThat(entry.get("waiters").get(0).get("thread").asText()).startsWith("waiter-");
    }

    @ParameterizedTest(name = "{0} {1}: {2} inversion(s)")
    @CsvSource({"inverted,monitors,1", "consistent,monitors,0", "inverted,locks,1", "consistent,locks,0",
        "gated,monitors,0"})
    void lockOrderShapesGiveOneOrNoInversion(String shape, String kind, int inversions, @TempDir Path dir)
        throws Exception {
        Path recording = record(dir, LockOrders.class, "", shape, kind);

        JsonNode report = analyzeJson(recording, 0); // a warning: below the default gate
        assertThat(findings(report, "lock-order-inversion")).hasSize(inversions);
    }

    @Test
    void aDeadlockEndedBySystemExitIsReportedWithBothThreadsAndFailsTheGate(@TempDir Path dir) throws Exception {
        Path recording = record(dir, Deadlocker.class, ",deadlock=200ms", "monitors", "2000");

        JsonNode report = analyzeJson(recording, 1);
        List<JsonNode> deadlocks = findings(report, "deadlock");
        assertThat(deadlocks).hasSize(1);
        assertThat(deadlocks.get(0).get("severity").asText()).isEqualTo("error");
        List<String> threads = new ArrayList<>();
        deadlocks.get(0).get("locations").elements().forEachRemaining(l -> threads.add(l.get("thread").asText()));
        assertThat(threads).containsExactlyInAnyOrder("alice", "bob");

        ForkedJvm.Result text = weft("analyze", recording.toString());
        assertThat(text.exitCode()).isEqualTo(1);
        assertThat(text.stdout()).contains("deadlock").contains("alice").contains("bob");
    }

    private static Path record(Path dir, Class<?> program, String options, String... args) throws Exception {
        Path recording = dir.resolve(program.getSimpleName() + ".jfr");
        ForkedJvm.Result run = ForkedJvm.java().agent("filename=" + recording + options).main(program, args).run();
        assertThat(run.exitCode()).as(run.toString()).isZero();
        return recording;
    }

    private static JsonNode analyzeJson(Path recording, int expectedExit) throws Exception {
        ForkedJvm.Result analysis = weft("analyze", recording.toString(), "--format", "json");
        assertThat(analysis.exitCode()).as(analysis.stderr()).isEqualTo(expectedExit);
        return new ObjectMapper().readTree(analysis.stdout());
    }

    private static List<JsonNode> findings(JsonNode report, String rule) {
        List<JsonNode> matching = new ArrayList<>();
        report.get("findings").elements().forEachRemaining(finding -> {
            if (finding.get("rule").asText().equals(rule)) {
                matching.add(finding);
            }
        });
        return matching;
    }
}
