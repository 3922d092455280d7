package dev.weft.cli.analysis;

import dev.weft.cli.report.Finding;
import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.Severity;
import dev.weft.cli.report.StartedThread;
import dev.weft.schema.WeftEvents.Deadlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import jdk.jfr.consumer.RecordedEvent;

/**
 * {@code deadlock}: threads that the agent found blocked on each other for good while the program
 * ran. The agent writes one {@code Deadlock} event per thread of the cycle, all with the deadlock's
 * number; this rule joins them per recording and number into one finding with a location per
 * thread, and tells the cycle in the order the threads wait on each other, as ThreadSanitizer does:
 * "thread A holds X and waits for Y held by B, …". An error: the program hung.
 *
 * <p>The same deadlock at the same code in another run or between other threads counts as one
 * finding (see {@link FindingCounter}).
 */
final class DeadlockRule implements Rule {
    static final String RULE = "deadlock";

    private final ThreadTree threads;
    private final FindingCounter findings = new FindingCounter();
    private final Map<Long, Map<Long, DeadlockedThread>> threadsByDeadlock = new LinkedHashMap<>();
    private int recording;

    DeadlockRule(ThreadTree threads) {
        this.threads = threads;
    }

    @Override
    public List<String> ruleIds() {
        return List.of(RULE);
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(Deadlock.NAME);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
        threadsByDeadlock.clear();
    }

    @Override
    public void onEvent(RecordedEvent event) {
        DeadlockedThread thread = new DeadlockedThread(
                EventFields.text(event, Deadlock.THREAD_NAME),
                EventFields.number(event, Deadlock.THREAD_ID),
                EventFields.text(event, Deadlock.WAITING_FOR),
                EventFields.text(event, Deadlock.LOCK_OWNER_NAME),
                lockList(EventFields.text(event, Deadlock.HELD_LOCKS)),
                StackText.parse(EventFields.text(event, Deadlock.STACK)));
        threadsByDeadlock.computeIfAbsent(EventFields.number(event, Deadlock.DEADLOCK_ID), id -> new LinkedHashMap<>())
                .putIfAbsent(thread.id(), thread);
    }

    @Override
    public void endRecording() {
        threadsByDeadlock.values().forEach(cycle -> findings.add(findingOf(inWaitingOrder(cycle.values()))));
        threadsByDeadlock.clear();
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        findings.contributeTo(report);
    }

    private Finding findingOf(List<DeadlockedThread> cycle) {
        List<Location> locations = cycle.stream().map(this::locationOf).toList();
        String story = cycle.stream().map(thread -> story(thread, cycle)).collect(Collectors.joining(", "));
        return new Finding(RULE, Severity.ERROR, null, "deadlock: " + story + ".", LockOrderRule.FIX_HINT, null, 1,
                locations);
    }

    /** {@code thread "A" holds X and waits for Y held by "B"}. */
    private static String story(DeadlockedThread thread, List<DeadlockedThread> cycle) {
        StringBuilder text = new StringBuilder("thread \"").append(thread.name()).append('"');
        String held = lockOthersWaitFor(thread, cycle);
        if (held != null) {
            text.append(" holds ").append(LockNames.shortName(held)).append(" and");
        }
        text.append(" waits for ")
                .append(thread.waitingFor() == null ? "a lock" : LockNames.shortName(thread.waitingFor()));
        if (thread.ownerName() != null) {
            text.append(" held by \"").append(thread.ownerName()).append('"');
        }
        return text.toString();
    }

    /** Of the locks {@code thread} holds, the one another thread of the cycle waits for; else its first. */
    private static String lockOthersWaitFor(DeadlockedThread thread, List<DeadlockedThread> cycle) {
        for (DeadlockedThread other : cycle) {
            if (thread.name() != null && thread.name().equals(other.ownerName()) && other.waitingFor() != null) {
                return other.waitingFor();
            }
        }
        return thread.heldLocks().isEmpty() ? null : thread.heldLocks().get(0);
    }

    /** From the first thread by name, each next the owner of what the previous one waits for. */
    private static List<DeadlockedThread> inWaitingOrder(Collection<DeadlockedThread> threads) {
        List<DeadlockedThread> byName = threads.stream()
                .sorted(Comparator.comparing(thread -> String.valueOf(thread.name()))).toList();
        Map<String, DeadlockedThread> named = new LinkedHashMap<>();
        byName.forEach(thread -> named.putIfAbsent(String.valueOf(thread.name()), thread));
        Set<DeadlockedThread> ordered = new LinkedHashSet<>();
        DeadlockedThread next = byName.isEmpty() ? null : byName.get(0);
        while (next != null && ordered.add(next)) {
            next = named.get(String.valueOf(next.ownerName()));
        }
        ordered.addAll(byName);
        return new ArrayList<>(ordered);
    }

    private Location locationOf(DeadlockedThread thread) {
        Frame at = StackFrames.firstApplicationFrame(thread.stack());
        Frame createdAt = threads.find(recording, thread.id()).map(StartedThread::createdAt).orElse(null);
        return new Location(at == null ? new Frame(null, null, Frame.UNKNOWN_LINE) : at, thread.name(), "waits for",
                thread.stack().stream().map(Frame::toString).toList(), thread.heldLocks(), createdAt,
                thread.waitingFor(), thread.ownerName());
    }

    private static List<String> lockList(String text) {
        return text == null ? List.of()
                : Arrays.stream(text.split(",")).map(String::strip).filter(lock -> !lock.isEmpty()).toList();
    }

    /** One thread of a deadlock, as the agent saw it. */
    private record DeadlockedThread(String name, long id, String waitingFor, String ownerName, List<String> heldLocks,
                                    List<Frame> stack) {
    }
}
