package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.schema.WeftEvents.UnmodelledSync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Where the program synchronized through something the race detector does not model — memory
 * fences, {@code LockSupport.park/unpark} of its own synchronizers, {@code Unsafe}'s ordered and
 * compare-and-swap operations, spin loops — from the agent's {@code UnmodelledSync} events (one per
 * call site and thread).
 *
 * <p>Such a primitive may order two accesses that weft sees as unordered, so a race it reports
 * cannot be justified when the program used one where it matters: the two racing threads both
 * used some, or one was used in the class (the top-level class, lambdas and nested classes
 * included) of one of the accesses. {@link #explaining} finds those uses, and the data-race rule
 * tells them rather than state the race as certain.
 */
final class UnmodelledSynchronization implements Analyzer {
    /** Uses kept over all recordings; one per site and thread, so this is rarely reached. */
    static final int MAX_USES = 100_000;

    private final Set<Use> uses = new LinkedHashSet<>();
    private final Map<RunKey, List<Use>> byThread = new HashMap<>();
    private final Map<RunKey, List<Use>> byClass = new HashMap<>();
    private int recording;
    private long dropped;

    /** A call of {@code primitive} at {@code site} by {@code thread}, in one recording. */
    record Use(int recording, String primitive, Frame site, String thread) {
    }

    @Override
    public Set<String> eventTypes() {
        return Set.of(UnmodelledSync.NAME);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
    }

    @Override
    public void onEvent(RecordedEvent event) {
        if (uses.size() >= MAX_USES) {
            dropped++;
            return;
        }
        Use use = new Use(recording, EventFields.text(event, UnmodelledSync.PRIMITIVE),
                new Frame(EventFields.text(event, UnmodelledSync.SITE_CLASS),
                        EventFields.text(event, UnmodelledSync.SITE_METHOD),
                        EventFields.line(event, UnmodelledSync.SITE_LINE)),
                EventFields.threadName(event.getThread()));
        if (uses.add(use)) {
            if (use.thread() != null) {
                byThread.computeIfAbsent(new RunKey(recording, use.thread()), key -> new ArrayList<>()).add(use);
            }
            byClass.computeIfAbsent(new RunKey(recording, topLevel(use.site().className())), key -> new ArrayList<>())
                    .add(use);
        }
    }

    /**
     * The uses that may order a race between {@code one} and {@code other} (thread names) whose
     * accesses are in {@code classes}: those of both threads when each used some, and those in the
     * accesses' classes; empty when neither holds.
     */
    List<Use> explaining(int recording, String one, String other, Collection<String> classes) {
        Set<Use> explaining = new LinkedHashSet<>();
        List<Use> byOne = one == null ? List.of() : byThread.getOrDefault(new RunKey(recording, one), List.of());
        List<Use> byOther = other == null ? List.of() : byThread.getOrDefault(new RunKey(recording, other), List.of());
        if (!byOne.isEmpty() && !byOther.isEmpty()) {
            explaining.addAll(byOne);
            explaining.addAll(byOther);
        }
        for (String className : classes) {
            explaining.addAll(byClass.getOrDefault(new RunKey(recording, topLevel(className)), List.of()));
        }
        return List.copyOf(explaining);
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        if (dropped > 0) {
            report.addNote(String.format(Locale.ROOT, "weft kept the first %,d calls of synchronization it does not"
                    + " model and left out %,d more, so some data races they may order are errors rather than"
                    + " warnings.", MAX_USES, dropped));
        }
    }

    /** A thread's name or a top-level class name, in one recording. */
    private record RunKey(int recording, String name) {
    }
}
