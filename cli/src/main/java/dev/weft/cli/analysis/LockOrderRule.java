package dev.weft.cli.analysis;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Severity;
import dev.weft.cli.report.StartedThread;
import dev.weft.schema.WeftEvents.LockOrder;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedThread;

/**
 * {@code lock-order-inversion}: locks taken in conflicting orders, a deadlock that has not happened
 * yet. Reads weft's {@code LockOrder} edges into one {@link LockOrderGraph} per recording (lock ids
 * are unique within a run only), searches it when the recording ends and keeps only the findings,
 * so memory holds one run's graph at a time.
 *
 * <p>Each cycle becomes a finding whose locations come in pairs, one pair per edge: where the first
 * lock was taken (weft's site, with the part of the stack from that frame out) and where the second
 * was (the innermost application frame of the event's stack, with the stack). The same cycle
 * between other objects (every pair of accounts that two transfers lock in opposite orders) has the
 * same fingerprint and is counted, not repeated. A warning, not an error: the run did not hang.
 */
final class LockOrderRule implements Rule {
    static final String RULE = "lock-order-inversion";
    static final String FIX_HINT = "take these locks in one global order, or guard them with one outer lock";
    /** Edges kept per recording; the agent stops at 100,000 pairs anyway. */
    static final int MAX_EDGES = 200_000;

    private final ThreadTree threads;
    private final FindingCounter findings = new FindingCounter();
    private final Map<Frame, Frame> frames = new HashMap<>();
    private final Map<List<Frame>, List<Frame>> stacks = new HashMap<>();
    private LockOrderGraph graph = new LockOrderGraph();
    private Map<Long, String> lockClasses = new HashMap<>();
    private int recording;
    private boolean searchCapped;
    private long edgesDropped;

    LockOrderRule(ThreadTree threads) {
        this.threads = threads;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(RULE);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(LockOrder.NAME);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
        graph = new LockOrderGraph();
        lockClasses = new HashMap<>();
        frames.clear();
        stacks.clear();
    }

    @Override
    public void onEvent(RecordedEvent event) {
        if (graph.edgeCount() >= MAX_EDGES) {
            edgesDropped++;
            return;
        }
        long first = EventFields.number(event, LockOrder.FIRST_LOCK_ID);
        long second = EventFields.number(event, LockOrder.SECOND_LOCK_ID);
        lockClasses.putIfAbsent(first, EventFields.text(event, LockOrder.FIRST_LOCK_CLASS));
        lockClasses.putIfAbsent(second, EventFields.text(event, LockOrder.SECOND_LOCK_CLASS));
        RecordedThread thread = event.getThread();
        graph.add(new LockOrderEdge(first, second,
                intern(new Frame(EventFields.text(event, LockOrder.FIRST_SITE_CLASS),
                        EventFields.text(event, LockOrder.FIRST_SITE_METHOD),
                        EventFields.line(event, LockOrder.FIRST_SITE_LINE))),
                intern(new Frame(EventFields.text(event, LockOrder.SECOND_SITE_CLASS),
                        EventFields.text(event, LockOrder.SECOND_SITE_METHOD),
                        EventFields.line(event, LockOrder.SECOND_SITE_LINE))),
                EventFields.threadName(thread), thread == null ? 0 : thread.getJavaThreadId(),
                intern(StackFrames.framesOf(event.getStackTrace())),
                lockIds(EventFields.text(event, LockOrder.HELD_LOCK_IDS))));
    }

    @Override
    public void endRecording() {
        LockOrderGraph.Cycles cycles = graph.cycles();
        searchCapped |= cycles.capped();
        cycles.cycles().forEach(cycle -> findings.add(findingOf(cycle)));
        graph = new LockOrderGraph();
        frames.clear();
        stacks.clear();
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        findings.contributeTo(report);
        if (searchCapped) {
            report.addNote(String.format("The lock-order graph was too large to search in full: weft looked for"
                    + " cycles of up to %d locks and stopped after %,d cycles or %,d steps, so some"
                    + " lock-order inversions may be missing.", LockOrderGraph.MAX_CYCLE_LENGTH,
                    LockOrderGraph.MAX_CYCLES, LockOrderGraph.STEP_BUDGET));
        }
        if (edgesDropped > 0) {
            report.addNote(String.format("The lock-order graph kept the first %,d lock pairs of each recording and"
                    + " left out %,d more, so some lock-order inversions may be missing.", MAX_EDGES, edgesDropped));
        }
    }

    private Finding findingOf(List<LockOrderEdge> cycle) {
        List<Location> locations = new ArrayList<>();
        for (LockOrderEdge edge : cycle) {
            locations.add(firstLockTaken(edge));
            locations.add(secondLockTaken(edge));
        }
        return new Finding(RULE, Severity.WARNING, null, messageOf(cycle), FIX_HINT, null, 1, locations);
    }

    private String messageOf(List<LockOrderEdge> cycle) {
        String orders = cycle.stream()
                .map(edge -> "thread \"" + edge.thread() + "\" took " + shortName(edge.firstLock()) + " then "
                        + shortName(edge.secondLock()))
                .collect(Collectors.joining(", "));
        boolean oneThread = cycle.stream().map(LockOrderEdge::thread).distinct().count() == 1;
        return "potential deadlock: " + cycle.size() + " locks taken in conflicting orders: " + orders + "."
                + (oneThread ? " One thread took them in both orders here; two threads running these paths can"
                        + " each hold the lock the other waits for." : "")
                + " This run did not hang, but threads that take these locks at the same time can deadlock.";
    }

    /** Where the first lock was taken: weft's site, and its frame in the stack with the callers below it. */
    private Location firstLockTaken(LockOrderEdge edge) {
        Frame site = edge.firstSite();
        List<String> stack = new ArrayList<>();
        for (int i = 0; i < edge.stack().size(); i++) {
            Frame frame = edge.stack().get(i);
            if (stack.isEmpty() && frame.className().equals(site.className()) && frame.method().equals(site.method())) {
                stack.add((site.hasLine() ? site : frame).toString());
            } else if (!stack.isEmpty()) {
                stack.add(frame.toString());
            }
        }
        List<Long> heldBefore = edge.heldLockIds().contains(edge.firstLock())
                ? edge.heldLockIds().subList(0, edge.heldLockIds().indexOf(edge.firstLock()))
                : List.of();
        return new Location(site, edge.thread(), "acquired", stack, names(heldBefore), createdAt(edge),
                name(edge.firstLock()), null);
    }

    /** Where the second lock was taken, while the first was held: the event's stack. */
    private Location secondLockTaken(LockOrderEdge edge) {
        Frame application = StackFrames.applicationFrameOrNull(edge.stack());
        Frame at = application != null ? application : edge.secondSite();
        List<String> stack = edge.stack().stream().map(Frame::toString).toList();
        List<Long> held = edge.heldLockIds().isEmpty() ? List.of(edge.firstLock()) : edge.heldLockIds();
        return new Location(at, edge.thread(), "then acquired", stack, names(held), createdAt(edge),
                name(edge.secondLock()), null);
    }

    private Frame createdAt(LockOrderEdge edge) {
        return threads.find(recording, edge.threadId()).map(StartedThread::createdAt).orElse(null);
    }

    private String name(long lock) {
        return LockNames.name(lockClasses.get(lock), lock);
    }

    private String shortName(long lock) {
        return LockNames.shortName(name(lock));
    }

    private List<String> names(List<Long> locks) {
        return locks.stream().map(this::name).toList();
    }

    private Frame intern(Frame frame) {
        return frames.computeIfAbsent(frame, f -> f);
    }

    private List<Frame> intern(List<Frame> stack) {
        List<Frame> shared = stack.stream().map(this::intern).toList();
        return stacks.computeIfAbsent(shared, s -> s);
    }

    /** {@code "12,345"} → [12, 345]; what is not a number is skipped. */
    private static List<Long> lockIds(String text) {
        List<Long> ids = new ArrayList<>();
        if (text == null) {
            return ids;
        }
        for (String part : text.split(",")) {
            try {
                ids.add(Long.parseLong(part.strip()));
            } catch (NumberFormatException e) {
                // not an id
            }
        }
        return ids;
    }
}
