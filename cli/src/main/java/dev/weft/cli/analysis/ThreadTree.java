package dev.weft.cli.analysis;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.ReportBuilder;
import dev.weft.cli.report.StartedThread;
import dev.weft.schema.WeftEvents;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
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
 *
 * <p>Some events name a thread only by its name (the other thread of a data race). Names are not
 * unique, so a look-up by name answers only when every thread of that name in the recording was
 * started at one place: no answer is better than another thread's creation site.
 */
public final class ThreadTree implements Analyzer {
    static final int LISTED_CAP = 1000;

    private final Map<RunThread, StartedThread> threads = new LinkedHashMap<>();
    private final Map<RunThreadName, Frame> creationSitesByName = new HashMap<>();
    private final Set<RunThreadName> namesStartedAtSeveralSites = new HashSet<>();
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
        indexByName(thread);
    }

    private void indexByName(StartedThread thread) {
        RunThreadName name = new RunThreadName(recording, thread.name());
        if (!creationSitesByName.containsKey(name)) {
            creationSitesByName.put(name, thread.createdAt());
        } else if (!Objects.equals(creationSitesByName.get(name), thread.createdAt())) {
            namesStartedAtSeveralSites.add(name);
        }
    }

    /** The thread with this {@code Thread.getId()} in the given recording, if weft saw it start. */
    public Optional<StartedThread> find(int recording, long threadId) {
        return Optional.ofNullable(threads.get(new RunThread(recording, threadId)));
    }

    /**
     * Where a thread of the given recording was started: the thread with {@code threadId} if weft saw
     * it start, else the threads named {@code threadName} if they all started at one place; null when
     * unknown (the main thread, threads started before the agent, an ambiguous name).
     */
    public Frame createdAt(int recording, long threadId, String threadName) {
        StartedThread byId = threads.get(new RunThread(recording, threadId));
        if (byId != null) {
            return byId.createdAt();
        }
        RunThreadName name = new RunThreadName(recording, threadName);
        return namesStartedAtSeveralSites.contains(name) ? null : creationSitesByName.get(name);
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

    private record RunThreadName(int recording, String name) {
    }
}
