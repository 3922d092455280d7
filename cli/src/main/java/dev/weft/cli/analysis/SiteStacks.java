package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.StackSource;
import dev.weft.schema.WeftEvents.AccessStack;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Stacks seen at access sites, for the earlier access of a data race, of which the agent reports
 * only the site. Two kinds: the agent's {@code AccessStack} events, taken the next time a thread
 * ran a site after a race there was reported, and the stacks of data races whose reported access
 * was at that site. Per site, the earliest of each thread is kept (at most {@value #THREADS_PER_SITE}
 * threads): a stack of the racing thread itself is preferred, since it likely came the same way.
 */
final class SiteStacks implements Analyzer {
    static final int THREADS_PER_SITE = 16;

    private final Map<RunSite, Map<String, SeenStack>> laterExecutions = new HashMap<>();
    private final Map<RunSite, Map<String, SeenStack>> otherRaces = new HashMap<>();
    private int recording;

    @Override
    public Set<String> eventTypes() {
        return Set.of(AccessStack.NAME);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
    }

    @Override
    public void onEvent(RecordedEvent event) {
        Frame site = new Frame(EventFields.text(event, AccessStack.SITE_CLASS),
                EventFields.text(event, AccessStack.SITE_METHOD), EventFields.line(event, AccessStack.SITE_LINE));
        keep(laterExecutions, new RunSite(recording, site), new SeenStack(recording, event.getStartTime(),
                EventFields.threadName(event.getThread()), StackFrames.framesOf(event.getStackTrace()),
                HeldLocks.parse(EventFields.text(event, AccessStack.HELD_LOCKS))));
    }

    /** A data race's reported access: its stack was seen at its site. */
    void sawRace(RaceEvent race) {
        keep(otherRaces, new RunSite(race.recording(), race.current().site()), new SeenStack(race.recording(),
                race.time(), race.currentThread(), race.currentStack(), race.currentLocks()));
    }

    private static void keep(Map<RunSite, Map<String, SeenStack>> stacks, RunSite site, SeenStack seen) {
        if (seen.stack().isEmpty()) {
            return;
        }
        Map<String, SeenStack> byThread = stacks.computeIfAbsent(site, s -> new LinkedHashMap<>());
        String thread = String.valueOf(seen.thread());
        SeenStack kept = byThread.get(thread);
        if (kept == null ? byThread.size() < THREADS_PER_SITE : SeenStack.EARLIEST_FIRST.compare(seen, kept) < 0) {
            byThread.put(thread, seen);
        }
    }

    /**
     * The best stack seen at {@code site} for an access by {@code thread}: that thread's at a later
     * execution, then in another race, then another thread's, in the same order; null when none.
     */
    Found find(int recording, Frame site, String thread) {
        RunSite key = new RunSite(recording, site);
        Map<String, SeenStack> later = laterExecutions.getOrDefault(key, Map.of());
        Map<String, SeenStack> raced = otherRaces.getOrDefault(key, Map.of());
        String name = String.valueOf(thread);
        if (later.containsKey(name)) {
            return new Found(StackSource.LATER_EXECUTION, later.get(name));
        }
        if (raced.containsKey(name)) {
            return new Found(StackSource.OTHER_RACE, raced.get(name));
        }
        SeenStack any = earliest(later);
        if (any != null) {
            return new Found(StackSource.LATER_EXECUTION, any);
        }
        any = earliest(raced);
        return any == null ? null : new Found(StackSource.OTHER_RACE, any);
    }

    private static SeenStack earliest(Map<String, SeenStack> byThread) {
        return byThread.values().stream().min(SeenStack.EARLIEST_FIRST).orElse(null);
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        // the data-race rule uses what this keeps
    }

    /** A stack found for a site, and how it was seen. */
    record Found(StackSource source, SeenStack seen) {
    }

    private record RunSite(int recording, Frame site) {
    }
}
