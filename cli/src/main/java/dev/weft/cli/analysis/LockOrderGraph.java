package dev.weft.cli.analysis;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The lock-order graph of one run: a node per lock instance, an edge first &rarr; second for each
 * pair a thread took nested. A cycle means the program took the same locks in conflicting orders:
 * threads running those paths at the same time can each hold what the next one waits for, a
 * deadlock whether or not this run happened to hang.
 *
 * <p>Elementary cycles can be exponentially many, so the search is bounded three ways. Only a
 * strongly connected component of two or more locks can hold a cycle (Tarjan's algorithm, linear,
 * and most programs' graphs have none). Cycles are searched by increasing length up to
 * {@link #MAX_CYCLE_LENGTH}, so the short ones, the likely ones, come first; each is found once,
 * from its lowest-numbered lock, which also dedupes its rotations. A budget of search steps and a
 * cap on cycles bound the rest, and {@link Cycles#capped()} says when they cut the search.
 *
 * <p>A cycle whose every edge was taken while holding one same lock outside the cycle (a "gate")
 * cannot deadlock: the gate lets one of those threads in at a time. Such cycles are left out. A
 * pair seen more than once keeps as gates only the locks held every time.
 */
final class LockOrderGraph {
    static final int MAX_CYCLE_LENGTH = 6;
    static final long STEP_BUDGET = 2_000_000;
    static final int MAX_CYCLES = 1_000;

    private final Map<Long, Integer> nodeOfLock = new HashMap<>();
    private final List<List<Edge>> outgoing = new ArrayList<>();
    private final Map<Pair, Edge> edges = new HashMap<>();

    /** Adds an edge; a pair seen before only narrows its gates. */
    void add(LockOrderEdge edge) {
        if (edge.firstLock() == edge.secondLock()) {
            return;
        }
        Pair pair = new Pair(edge.firstLock(), edge.secondLock());
        Edge known = edges.get(pair);
        if (known != null) {
            known.gates.retainAll(edge.heldLockIds());
            return;
        }
        Set<Long> gates = new HashSet<>(edge.heldLockIds());
        gates.remove(edge.firstLock());
        gates.remove(edge.secondLock());
        Edge added = new Edge(edge, nodeOf(edge.firstLock()), nodeOf(edge.secondLock()), gates);
        edges.put(pair, added);
        outgoing.get(added.from).add(added);
    }

    int edgeCount() {
        return edges.size();
    }

    /** The unguarded elementary cycles, shortest first, within the bounds described above. */
    Cycles cycles() {
        return cycles(MAX_CYCLE_LENGTH, STEP_BUDGET, MAX_CYCLES);
    }

    Cycles cycles(int maxLength, long stepBudget, int maxCycles) {
        int[] component = new StronglyConnected(outgoing).components();
        Search search = new Search(component, stepBudget, maxCycles);
        for (int length = 2; length <= maxLength && !search.stopped(); length++) {
            for (int start = 0; start < outgoing.size() && !search.stopped(); start++) {
                search.from(start, length);
            }
        }
        return new Cycles(search.found, search.stopped());
    }

    private int nodeOf(long lock) {
        return nodeOfLock.computeIfAbsent(lock, id -> {
            outgoing.add(new ArrayList<>());
            return outgoing.size() - 1;
        });
    }

    /**
     * @param cycles each a list of edges, the second lock of one the first of the next, the last
     *               closing the cycle
     * @param capped whether a bound stopped the search before it was complete
     */
    record Cycles(List<List<LockOrderEdge>> cycles, boolean capped) {
    }

    private record Pair(long first, long second) {
    }

    private static final class Edge {
        final LockOrderEdge event;
        final int from;
        final int to;
        final Set<Long> gates;

        Edge(LockOrderEdge event, int from, int to, Set<Long> gates) {
            this.event = event;
            this.from = from;
            this.to = to;
            this.gates = gates;
        }
    }

    /** Depth-first search for cycles of one exact length through locks numbered above the start. */
    private final class Search {
        private final int[] component;
        private final int maxCycles;
        private final List<List<LockOrderEdge>> found = new ArrayList<>();
        private final Deque<Edge> path = new ArrayDeque<>();
        private final Set<Integer> onPath = new HashSet<>();
        private long stepsLeft;

        Search(int[] component, long stepBudget, int maxCycles) {
            this.component = component;
            this.stepsLeft = stepBudget;
            this.maxCycles = maxCycles;
        }

        boolean stopped() {
            return stepsLeft <= 0 || found.size() >= maxCycles;
        }

        void from(int start, int length) {
            if (component[start] < 0) {
                return;
            }
            onPath.add(start);
            extend(start, start, length);
            onPath.remove(start);
        }

        private void extend(int start, int node, int edgesLeft) {
            for (Edge edge : outgoing.get(node)) {
                if (stopped()) {
                    return;
                }
                stepsLeft--;
                if (component[edge.to] != component[start] || edge.to < start) {
                    continue;
                }
                if (edge.to == start) {
                    if (edgesLeft == 1) {
                        path.addLast(edge);
                        recordIfUnguarded();
                        path.removeLast();
                    }
                } else if (edgesLeft > 1 && !onPath.contains(edge.to)) {
                    path.addLast(edge);
                    onPath.add(edge.to);
                    extend(start, edge.to, edgesLeft - 1);
                    onPath.remove(edge.to);
                    path.removeLast();
                }
            }
        }

        private void recordIfUnguarded() {
            Set<Long> commonGates = null;
            Set<Long> locks = new LinkedHashSet<>();
            for (Edge edge : path) {
                locks.add(edge.event.firstLock());
                if (commonGates == null) {
                    commonGates = new HashSet<>(edge.gates);
                } else {
                    commonGates.retainAll(edge.gates);
                }
            }
            commonGates.removeAll(locks);
            if (commonGates.isEmpty()) {
                found.add(path.stream().map(edge -> edge.event).toList());
            }
        }
    }

    /**
     * Tarjan's strongly connected components, iteratively (a recursive walk would overflow the
     * stack on a long chain of locks). Nodes in a component of one get -1: no cycle passes them.
     */
    private static final class StronglyConnected {
        private final List<List<Edge>> outgoing;
        private final int[] index;
        private final int[] lowLink;
        private final boolean[] onStack;
        private final Deque<Integer> stack = new ArrayDeque<>();
        private final int[] component;
        private int nextIndex;
        private int nextComponent;

        StronglyConnected(List<List<Edge>> outgoing) {
            this.outgoing = outgoing;
            int nodes = outgoing.size();
            index = new int[nodes];
            lowLink = new int[nodes];
            onStack = new boolean[nodes];
            component = new int[nodes];
            Arrays.fill(index, -1);
        }

        int[] components() {
            for (int node = 0; node < outgoing.size(); node++) {
                if (index[node] < 0) {
                    visit(node);
                }
            }
            return component;
        }

        private void visit(int root) {
            Deque<int[]> work = new ArrayDeque<>();
            enter(root);
            work.push(new int[] {root, 0});
            while (!work.isEmpty()) {
                int[] frame = work.peek();
                int node = frame[0];
                List<Edge> edges = outgoing.get(node);
                if (frame[1] < edges.size()) {
                    int next = edges.get(frame[1]++).to;
                    if (index[next] < 0) {
                        enter(next);
                        work.push(new int[] {next, 0});
                    } else if (onStack[next]) {
                        lowLink[node] = Math.min(lowLink[node], index[next]);
                    }
                    continue;
                }
                work.pop();
                if (!work.isEmpty()) {
                    int parent = work.peek()[0];
                    lowLink[parent] = Math.min(lowLink[parent], lowLink[node]);
                }
                if (lowLink[node] == index[node]) {
                    closeComponent(node);
                }
            }
        }

        private void enter(int node) {
            index[node] = nextIndex;
            lowLink[node] = nextIndex;
            nextIndex++;
            stack.push(node);
            onStack[node] = true;
        }

        private void closeComponent(int root) {
            List<Integer> members = new ArrayList<>();
            int member;
            do {
                member = stack.pop();
                onStack[member] = false;
                members.add(member);
            } while (member != root);
            int id = members.size() > 1 ? nextComponent++ : -1;
            members.forEach(node -> component[node] = id);
        }
    }
}
