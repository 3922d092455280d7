package dev.weft.cli.analysis;

import dev.weft.cli.report.AgentSummary;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.schema.WeftEvents;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * What the agent said about itself in the current recording. It reports at the end of every chunk
 * with counters that only grow, so the largest counters and the first error win.
 */
final class AgentInfoAnalyzer implements Analyzer {
    private AgentSummary current;

    @Override
    public Set<String> eventTypes() {
        return Set.of(WeftEvents.AgentInfo.NAME);
    }

    @Override
    public void beginRecording(int recording) {
        current = null;
    }

    @Override
    public void onEvent(RecordedEvent event) {
        AgentSummary latest = new AgentSummary(
                EventFields.text(event, WeftEvents.AgentInfo.VERSION),
                EventFields.text(event, WeftEvents.AgentInfo.OPTIONS),
                EventFields.text(event, WeftEvents.AgentInfo.JAVA_VERSION),
                EventFields.number(event, WeftEvents.AgentInfo.INSTRUMENTED_CLASSES),
                EventFields.number(event, WeftEvents.AgentInfo.LOCK_SITES),
                EventFields.number(event, WeftEvents.AgentInfo.TRANSFORM_ERRORS),
                EventFields.number(event, WeftEvents.AgentInfo.INTERNAL_ERRORS),
                blankToNull(EventFields.text(event, WeftEvents.AgentInfo.FIRST_ERROR)),
                EventFields.number(event, WeftEvents.AgentInfo.MODELS_NOT_APPLIED),
                blankToNull(EventFields.text(event, WeftEvents.AgentInfo.MODELS_NOT_APPLIED_TO)));
        current = current == null ? latest : combine(current, latest);
    }

    /** The agent's report in the recording being read, or null when it has none. */
    AgentSummary current() {
        return current;
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        // the summaries go into each recording's summary, see Analysis
    }

    private static AgentSummary combine(AgentSummary earlier, AgentSummary later) {
        return new AgentSummary(
                later.version() != null ? later.version() : earlier.version(),
                later.options() != null ? later.options() : earlier.options(),
                later.javaVersion() != null ? later.javaVersion() : earlier.javaVersion(),
                Math.max(earlier.instrumentedClasses(), later.instrumentedClasses()),
                Math.max(earlier.lockSites(), later.lockSites()),
                Math.max(earlier.transformErrors(), later.transformErrors()),
                Math.max(earlier.internalErrors(), later.internalErrors()),
                earlier.firstError() == null ? later.firstError() : earlier.firstError(),
                Math.max(earlier.modelsNotApplied(), later.modelsNotApplied()),
                later.modelsNotApplied() >= earlier.modelsNotApplied() ? later.modelsNotAppliedTo()
                    : earlier.modelsNotAppliedTo());
    }

    /** The agent writes an empty string for "no error"; the report says null. */
    private static String blankToNull(String text) {
        return text == null || text.isBlank() ? null : text;
    }
}
