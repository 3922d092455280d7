package dev.weft.cli.analysis;

import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.StartedThread;
import dev.weft.schema.WeftEvents;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import jdk.jfr.consumer.RecordedEvent;

/**
 * Which thread started which, and where: a finding is far easier to act on when it says that
 * "worker-2" was started by "main" in {@code Server.start(Server.java:40)} than when it names a
 * thread alone. Built from weft's {@code ThreadStart}, committed by the parent right after
 * {@code Thread.start()}, so the event's thread is the parent and its stack the creation site.
 *
 * <p>Every thread is kept for look-ups by rules, but the report lists at most {@link #LISTED_CAP}:
 * thread-per-task programs start hundreds of thousands.
 */
public final class ThreadTree implements Analyzer {
    static final int LISTED_CAP = 1000;

    private final Map<RunThread, StartedThread> threads = new LinkedHashMap<>();
    private int recording;

    @Override
    public Set<String> eventTypes() {
        return Set.of(WeftEvents.ThreadStart.NAME);
    }

    @Override
    public void beginRecording(int recording) {
        this.recording = recording;
    }

    @Override
    public void onEvent(RecordedEvent event) {
        long id = EventFields.number(event, WeftEvents.ThreadStart.STARTED_THREAD_ID);
        StartedThread thread = new StartedThread(
                EventFields.text(event, WeftEvents.ThreadStart.STARTED_THREAD_NAME), id,
                EventFields.threadName(event.getThread()), StackFrames.firstApplicationFrame(event.getStackTrace()));
        threads.put(new RunThread(recording, id), thread);
    }

    /** The thread with this {@code Thread.getId()} in the given recording, if weft saw it start. */
    public Optional<StartedThread> find(int recording, long threadId) {
        return Optional.ofNullable(threads.get(new RunThread(recording, threadId)));
    }

    @Override
    public void contributeTo(ReportBuilder report) {
        threads.values().stream().limit(LISTED_CAP).forEach(report::addThread);
        if (threads.size() > LISTED_CAP) {
            report.addNote(String.format("weft saw %,d threads start; the report lists the first %,d.",
                    threads.size(), LISTED_CAP));
        }
    }

    /** Thread ids are unique within one run only. */
    private record RunThread(int recording, long threadId) {
    }
}
