package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * One race (a field and an unordered pair of accesses) as seen over the recordings: how often it
 * was reported, and the report the finding tells, thread by thread: the earliest, so that the
 * finding is the same however JFR ordered the events in the file.
 *
 * <p>The agent has the stack of the access it is checking, never the stack of the earlier one.
 * When the other thread reported the same race the other way round (the two threads raced again,
 * each time with the other one first), that report's stack is the earlier access's: it is shown
 * too, so that both sides get a stack as in ThreadSanitizer's report. Reports between other
 * threads are only counted, never mixed in, so that the two threads shown did race with each other.
 * One report is kept per way of telling (side and pair of threads): the agent sends at most 100 per
 * field, pair of sites and access kinds, so this stays small.
 */
final class ObservedRace {
    private final Map<RaceEvent.Telling, RaceEvent> earliestByTelling = new HashMap<>();
    private long count;

    void add(RaceEvent event) {
        count++;
        earliestByTelling.merge(event.telling(), event,
                (kept, added) -> RaceEvent.EARLIEST_FIRST.compare(kept, added) <= 0 ? kept : added);
    }

    long count() {
        return count;
    }

    String field() {
        return first().field();
    }

    /** The earliest report, which the finding tells. */
    RaceEvent first() {
        return earliestByTelling.values().stream().min(RaceEvent.EARLIEST_FIRST).orElseThrow();
    }

    /** The access reported first, with its stack, then the earlier access it raced with. */
    List<Location> locations(ThreadTree threads) {
        RaceEvent first = first();
        RaceEvent mirror = earliestByTelling.get(first.mirrored());
        List<Frame> earlierStack = mirror == null ? List.of() : mirror.currentStack();
        Location current = new Location(first.current().site(), first.currentThread(), first.current().access(),
                lines(first.currentStack()), List.of(),
                threads.createdAt(first.recording(), first.currentThreadId(), first.currentThread()));
        Location earlier = new Location(first.earlier().site(), first.earlierThread(), first.earlier().access(),
                lines(earlierStack), List.of(), threads.createdAt(first.recording(), 0, first.earlierThread()));
        return List.of(current, earlier);
    }

    private static List<String> lines(List<Frame> stack) {
        return stack.stream().map(Frame::toString).toList();
    }
}
