package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Frame;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class LockOrderGraphTest {
    private final LockOrderGraph graph = new LockOrderGraph();

    @Test
    void oneOrderHasNoCycle() {
        graph.add(edge(1, 2));
        graph.add(edge(2, 3));
        graph.add(edge(1, 3));

        assertThat(graph.cycles().cycles()).isEmpty();
    }

    @Test
    void twoOrdersOfTwoLocksAreOneCycleFoundOnce() {
        graph.add(edge(1, 2));
        graph.add(edge(2, 1));

        LockOrderGraph.Cycles cycles = graph.cycles();

        assertThat(cycles.capped()).isFalse();
        assertThat(cycles.cycles()).singleElement()
                .satisfies(cycle -> assertThat(locks(cycle)).containsExactly(1L, 2L));
    }

    @Test
    void everyCycleOnceWhateverItsRotationShortestFirst() {
        graph.add(edge(3, 1));
        graph.add(edge(1, 2));
        graph.add(edge(2, 3));
        graph.add(edge(2, 1));

        List<List<LockOrderEdge>> cycles = graph.cycles().cycles();

        assertThat(cycles).hasSize(2);
        assertThat(locks(cycles.get(0))).containsExactly(1L, 2L);
        assertThat(locks(cycles.get(1))).containsExactly(3L, 1L, 2L);
        assertThat(cycles.get(1)).extracting(LockOrderEdge::secondLock).as("each edge leads to the next")
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void aGateHeldOnEveryEdgeGuardsTheCycle() {
        graph.add(edge(1, 2, 9, 1));
        graph.add(edge(2, 1, 9, 2));

        assertThat(graph.cycles().cycles()).isEmpty();
    }

    @Test
    void aGateHeldOnSomeEdgesOnlyGuardsNothing() {
        graph.add(edge(1, 2, 9, 1));
        graph.add(edge(2, 1, 2));

        assertThat(graph.cycles().cycles()).hasSize(1);
    }

    @Test
    void aLockOfTheCycleIsNoGate() {
        graph.add(edge(1, 2, 3, 1));
        graph.add(edge(2, 3, 1, 2));
        graph.add(edge(3, 1, 2, 3));

        assertThat(graph.cycles().cycles()).hasSize(1);
    }

    @Test
    void aPairSeenAgainWithoutTheGateLosesIt() {
        graph.add(edge(1, 2, 9, 1));
        graph.add(edge(2, 1, 9, 2));
        graph.add(edge(1, 2, 1));

        assertThat(graph.cycles().cycles()).hasSize(1);
    }

    @Test
    void cyclesLongerThanTheLimitAreNotSearched() {
        for (long lock = 1; lock <= 7; lock++) {
            graph.add(edge(lock, lock % 7 + 1));
        }

        assertThat(graph.cycles(6, LockOrderGraph.STEP_BUDGET, LockOrderGraph.MAX_CYCLES).cycles()).isEmpty();
        assertThat(graph.cycles(7, LockOrderGraph.STEP_BUDGET, LockOrderGraph.MAX_CYCLES).cycles()).hasSize(1);
    }

    @Test
    void theSearchStopsAtItsBoundsAndSaysSo() {
        for (long lock = 1; lock <= 20; lock++) {
            for (long other = 1; other <= 20; other++) {
                graph.add(edge(lock, other));
            }
        }

        LockOrderGraph.Cycles cycles = graph.cycles(6, 100_000, 50);

        assertThat(cycles.capped()).isTrue();
        assertThat(cycles.cycles()).hasSize(50).allSatisfy(cycle -> assertThat(cycle).hasSize(2));
    }

    @Test
    void aLongChainOfLocksIsSearchedWithoutOverflowingTheStack() {
        for (long lock = 1; lock < 200_000; lock++) {
            graph.add(edge(lock, lock + 1));
        }
        graph.add(edge(200_000, 199_999));

        assertThat(graph.cycles().cycles()).hasSize(1);
    }

    /** An edge first → second taken while holding {@code held} (the first lock among them, or not). */
    private static LockOrderEdge edge(long first, long second, long... held) {
        List<Long> heldIds = held.length == 0 ? List.of(first) : Arrays.stream(held).boxed().toList();
        Frame site = new Frame("com.acme.Bank", "transfer", 10);
        return new LockOrderEdge(first, second, site, site, "worker", 1, List.of(site), heldIds);
    }

    private static List<Long> locks(List<LockOrderEdge> cycle) {
        return cycle.stream().map(LockOrderEdge::firstLock).toList();
    }
}
