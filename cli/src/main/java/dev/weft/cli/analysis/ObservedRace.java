package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.Location;
import dev.weft.cli.report.StackSource;
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
 * Without such a report, the earlier access gets a stack seen at its site at another moment
 * ({@link SiteStacks}), and says so; or none.
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

    /** The access reported first, with its stack and locks, then the earlier access it raced with. */
    List<Location> locations(ThreadTree threads, SiteStacks siteStacks) {
        RaceEvent first = first();
        Location current = new Location(first.current().site(), first.currentThread(), first.current().access(),
                lines(first.currentStack()), first.currentLocks(),
                threads.createdAt(first.recording(), first.currentThreadId(), first.currentThread()), null, null,
                StackSource.ACCESS, null, first.currentLocks() != null);
        return List.of(current, earlier(first, threads, siteStacks));
    }

    /** The earlier access, with the stack and locks of the best report of its site there is. */
    private Location earlier(RaceEvent first, ThreadTree threads, SiteStacks siteStacks) {
        Frame site = first.earlier().site();
        String thread = first.earlierThread();
        Frame createdAt = threads.createdAt(first.recording(), 0, thread);
        RaceEvent mirror = earliestByTelling.get(first.mirrored());
        if (mirror != null && !mirror.currentStack().isEmpty()) {
            return new Location(site, thread, first.earlier().access(), lines(mirror.currentStack()),
                    mirror.currentLocks(), createdAt, null, null, StackSource.SAME_RACE, null,
                    mirror.currentLocks() != null);
        }
        SiteStacks.Found found = siteStacks.find(first.recording(), site, thread);
        if (found == null) {
            return new Location(site, thread, first.earlier().access(), List.of(), List.of(), createdAt, null, null,
                    StackSource.NONE, null, false);
        }
        SeenStack seen = found.seen();
        String seenOn = seen.thread() == null || seen.thread().equals(thread) ? null : seen.thread();
        return new Location(site, thread, first.earlier().access(), seen.lines(), seen.locks(), createdAt, null,
                null, found.source(), seenOn, seen.locks() != null);
    }

    private static List<String> lines(List<Frame> stack) {
        return stack.stream().map(Frame::toString).toList();
    }
}
