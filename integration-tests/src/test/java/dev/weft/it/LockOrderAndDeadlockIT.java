package dev.weft.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.acme.it.Deadlocker;
import com.acme.it.LockOrders;
import dev.weft.schema.WeftEvents.Deadlock;
import dev.weft.schema.WeftEvents.LockKinds;
import dev.weft.schema.WeftEvents.LockOrder;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Lock-order edges and live deadlocks, as the real agent records them. */
class LockOrderAndDeadlockIT {
    private static final SourceLines SOURCE = SourceLines.ofTestProgram(LockOrders.class);

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"monitors", "locks"})
    void invertedOrderRecordsBothDirectionsWithTheirSites(String kind, @TempDir Path dir) throws Exception {
        List<RecordedEvent> edges = lockOrder(dir, "inverted", kind);

        assertThat(edges).hasSize(2);
        assertThat(pairs(edges)).hasSize(2).allSatisfy(pair -> assertThat(pairs(edges)).contains(reverse(pair)));
        String outer = kind.equals("monitors") ? "outer-monitor" : "outer-lock";
        String inner = kind.equals("monitors") ? "inner-monitor" : "inner-lock";
        assertThat(edges).allSatisfy(edge -> {
            assertThat(edge.getInt(LockOrder.FIRST_SITE_LINE)).isEqualTo(SOURCE.site(outer));
            assertThat(edge.getInt(LockOrder.SECOND_SITE_LINE)).isEqualTo(SOURCE.site(inner));
            assertThat(edge.getString(LockOrder.FIRST_LOCK_KIND))
                .isEqualTo(kind.equals("monitors") ? LockKinds.MONITOR : LockKinds.JUC);
            assertThat(RecordedEvents.applicationFrame(edge)).hasValueSatisfying(frame ->
                assertThat(frame.getLineNumber()).isEqualTo(SOURCE.site(inner)));
        });
        assertThat(edges.stream().map(e -> e.getThread("eventThread").getJavaName()))
            .containsExactlyInAnyOrder("forward", "backward");
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"monitors", "locks"})
    void consistentOrderRecordsOneDirection(String kind, @TempDir Path dir) throws Exception {
        List<RecordedEvent> edges = lockOrder(dir, "consistent", kind);

        assertThat(pairs(edges)).hasSize(1);
    }

    @Test
    void edgesTakenUnderAGateLockNameItAmongTheHeldLocks(@TempDir Path dir) throws Exception {
        List<RecordedEvent> edges = lockOrder(dir, "gated", "monitors");

        // besides gate -> left/right, the edges between the pair itself
        List<RecordedEvent> pairEdges = edges.stream()
            .filter(e -> e.getInt(LockOrder.FIRST_SITE_LINE) == SOURCE.site("outer-monitor"))
            .collect(Collectors.toList());
        assertThat(pairEdges).hasSize(2);
        String gate = pairEdges.get(0).getString(LockOrder.HELD_LOCK_IDS).split(",")[0];
        assertThat(pairEdges).allSatisfy(edge -> {
            List<String> held = List.of(edge.getString(LockOrder.HELD_LOCK_IDS).split(","));
            assertThat(held).hasSize(2).startsWith(gate);
            assertThat(held.get(1)).isEqualTo(Long.toString(edge.getLong(LockOrder.FIRST_LOCK_ID)));
        });
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"monitors", "locks"})
    void aLiveDeadlockIsRecordedBeforeSystemExit(String kind, @TempDir Path dir) throws Exception {
        Path file = dir.resolve("deadlock.jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file + ",deadlock=200ms")
            .main(Deadlocker.class, kind, "2000").run();
        assertThat(result.exitCode()).as(result.toString()).isZero();

        List<RecordedEvent> threads = RecordedEvents.read(file).named(Deadlock.NAME);
        assertThat(threads).hasSize(2);
        assertThat(threads).extracting(e -> e.getString(Deadlock.THREAD_NAME)).containsExactlyInAnyOrder("alice", "bob");
        assertThat(threads).allSatisfy(e -> {
            assertThat(e.getLong(Deadlock.DEADLOCK_ID)).isEqualTo(1);
            assertThat(e.getInt(Deadlock.THREADS_IN_CYCLE)).isEqualTo(2);
            assertThat(e.getString(Deadlock.LOCK_OWNER_NAME)).isIn("alice", "bob")
                .isNotEqualTo(e.getString(Deadlock.THREAD_NAME));
            assertThat(e.getString(Deadlock.WAITING_FOR)).isNotBlank();
            assertThat(e.getString(Deadlock.HELD_LOCKS)).isNotBlank();
            assertThat(e.getString(Deadlock.STACK)).contains(Deadlocker.class.getName());
        });
    }

    private static List<RecordedEvent> lockOrder(Path dir, String shape, String kind) throws Exception {
        Path file = dir.resolve(shape + "-" + kind + ".jfr");
        ForkedJvm.Result result = ForkedJvm.java().agent("filename=" + file).main(LockOrders.class, shape, kind).run();
        assertThat(result.exitCode()).as(result.toString()).isZero();
        return RecordedEvents.read(file).named(LockOrder.NAME);
    }

    private static Set<List<Long>> pairs(List<RecordedEvent> edges) {
        return edges.stream()
            .map(e -> List.of(e.getLong(LockOrder.FIRST_LOCK_ID), e.getLong(LockOrder.SECOND_LOCK_ID)))
            .collect(Collectors.toSet());
    }

    private static List<Long> reverse(List<Long> pair) {
        return List.of(pair.get(1), pair.get(0));
    }
}
