package dev.weft.cli.analysis;

import dev.weft.cli.report.ReportBuilder;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Sees the events of every input recording once, in file order, keeps aggregates (never the events
 * themselves: recordings can be gigabytes), and adds what it concluded to the report at the end.
 *
 * <p>This is also how rules plug in: a rule is an analyzer that adds {@link
 * dev.weft.cli.report.Finding findings}. Several recordings are fed one after the other; the
 * recording index keeps apart what is only unique within one run (thread ids, weft's site ids).
 */
public interface Analyzer {
    /** Names of the event types to receive; {@link Analysis} sends no others. */
    Set<String> eventTypes();

    /** Called before the events of recording {@code recording} (0, 1, … in input order). */
    default void beginRecording(int recording) {
    }

    void onEvent(RecordedEvent event);

    /** Called after the last readable event of the current recording. */
    default void endRecording() {
    }

    /** Adds this analyzer's conclusions; called once, after the last recording. */
    void contributeTo(ReportBuilder report);
}
