package dev.weft.cli.analysis;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import jdk.jfr.consumer.RecordedEvent;

/** Hands each event to the analyzers that asked for its type, with one map look-up per event. */
final class EventDispatch implements Consumer<RecordedEvent> {
    private final Map<String, Analyzer[]> analyzersByType = new HashMap<>();

    EventDispatch(List<Analyzer> analyzers) {
        Map<String, List<Analyzer>> byType = new HashMap<>();
        for (Analyzer analyzer : analyzers) {
            for (String type : analyzer.eventTypes()) {
                byType.computeIfAbsent(type, t -> new ArrayList<>()).add(analyzer);
            }
        }
        byType.forEach((type, interested) -> analyzersByType.put(type, interested.toArray(Analyzer[]::new)));
    }

    @Override
    public void accept(RecordedEvent event) {
        Analyzer[] interested = analyzersByType.get(event.getEventType().getName());
        if (interested != null) {
            for (Analyzer analyzer : interested) {
                analyzer.onEvent(event);
            }
        }
    }
}
