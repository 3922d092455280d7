package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.schema.WeftEvents.UnmodelledSync;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
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
    static final int MAX_USES = 10_000;

    private final Set<Use> uses = new LinkedHashSet<>();
    private int recording;

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
            return;
        }
        uses.add(new Use(recording, EventFields.text(event, UnmodelledSync.PRIMITIVE),
                new Frame(EventFields.text(event, UnmodelledSync.SITE_CLASS),
                        EventFields.text(event, UnmodelledSync.SITE_METHOD),
                        EventFields.line(event, UnmodelledSync.SITE_LINE)),
                EventFields.threadName(event.getThread())));
    }

    /**
     * The uses that may order a race between {@code one} and {@code other} (thread names) whose
     * accesses are in {@code classes}: those of both threads when each used some, and those in the
     * accesses' classes; empty when neither holds.
     */
    List<Use> explaining(int recording, String one, String other, Collection<String> classes) {
        List<Use> byOne = new ArrayList<>();
        List<Use> byOther = new ArrayList<>();
        List<Use> inClasses = new ArrayList<>();
        Set<String> topLevel = new LinkedHashSet<>();
        classes.forEach(name -> topLevel.add(topLevel(name)));
        for (Use use : uses) {
            if (use.recording() != recording) {
                continue;
            }
            if (use.thread() != null && use.thread().equals(one)) {
                byOne.add(use);
            } else if (use.thread() != null && use.thread().equals(other)) {
                byOther.add(use);
            }
            if (topLevel.contains(topLevel(use.site().className()))) {
                inClasses.add(use);
            }
        }
        Set<Use> explaining = new LinkedHashSet<>();
        if (!byOne.isEmpty() && !byOther.isEmpty()) {
            explaining.addAll(byOne);
            explaining.addAll(byOther);
        }
        explaining.addAll(inClasses);
        return List.copyOf(explaining);
    }

    private static String topLevel(String className) {
        int nested = className.indexOf('$');
        return nested < 0 ? className : className.substring(0, nested);
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        // the data-race rule uses what this keeps
    }
}
