package dev.weft.cli.analysis;

import dev.weft.cli.report.CodeOrigins;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.schema.WeftEvents.CodeSource;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Collects the code sources the agent recorded (one event per jar or class directory, repeated at
 * the end of every chunk), so that the report can attribute each finding's locations to the
 * application or to a dependency by where their classes came from.
 */
final class CodeSourceAnalyzer implements Analyzer {
    private final CodeOrigins origins = new CodeOrigins();

    @Override
    public Set<String> eventTypes() {
        return Set.of(CodeSource.NAME);
    }

    @Override
    public void onEvent(RecordedEvent event) {
        origins.add(EventFields.text(event, CodeSource.LOCATION), EventFields.text(event, CodeSource.ORIGIN),
                EventFields.text(event, CodeSource.REASON), EventFields.text(event, CodeSource.PACKAGES));
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        if (!origins.isEmpty()) {
            report.codeOrigins(origins);
        }
    }
}
