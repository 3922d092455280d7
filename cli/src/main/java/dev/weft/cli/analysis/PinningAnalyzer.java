package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.PinnedSite;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.schema.JdkEvents;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Where virtual threads were pinned to their carrier threads (JFR's {@code jdk.VirtualThreadPinned},
 * JDK 21 and later): blocking inside {@code synchronized} or a native frame keeps the carrier
 * busy, so fewer virtual threads run than the program expects. Summed per innermost application
 * frame, the line a user would change. Contention of virtual threads needs nothing special: they
 * are threads in the lock events like any other.
 */
final class PinningAnalyzer implements Analyzer {
    private static final Frame UNKNOWN_SITE = new Frame(null, null, Frame.UNKNOWN_LINE);

    private final Map<Frame, Pins> pinsBySite = new HashMap<>();

    @Override
    public Set<String> eventTypes() {
        return Set.of(JdkEvents.VIRTUAL_THREAD_PINNED);
    }

    @Override
    public void onEvent(RecordedEvent event) {
        Frame site = StackFrames.firstApplicationFrame(event.getStackTrace());
        pinsBySite.computeIfAbsent(site == null ? UNKNOWN_SITE : site, s -> new Pins())
                .add(event.getDuration().toNanos());
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        pinsBySite.forEach((site, pins) -> report.addPinning(new PinnedSite(site, pins.count, pins.total, pins.max)));
    }

    private static final class Pins {
        long count;
        long total;
        long max;

        void add(long nanos) {
            long pinned = Math.max(0, nanos);
            count++;
            total += pinned;
            max = Math.max(max, pinned);
        }
    }
}
