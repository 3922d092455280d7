package dev.weft.agent.jfr;

import dev.weft.agent.instrument.ModelCoverage;
import dev.weft.agent.origin.CodeSources;
import dev.weft.runtime.Hooks;
import dev.weft.runtime.InternalErrors;
import dev.weft.runtime.LockSite;
import dev.weft.runtime.LockSites;
import dev.weft.schema.JdkEvents;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import jdk.jfr.FlightRecorder;
import jdk.jfr.Recording;

/**
 * The JFR recording the agent starts at premain and that JFR writes to the destination when the
 * JVM exits, however it exits (end of {@code main}, {@code System.exit}, an uncaught exception,
 * SIGTERM): JFR's own shutdown hook stops the recording, which runs the end-of-chunk periodic
 * events, so the cumulative lock statistics, the agent info and the code sources are the last
 * events of the file.
 *
 * <p>Which JDK events are on, and at what threshold, is documented in the README's agent section.
 */
public final class RecordingSession {
    private static final String END_CHUNK = "endChunk";
    private final Recording recording;

    private RecordingSession(Recording recording) {
        this.recording = recording;
    }

    /**
     * Starts the recording and installs the sink that writes weft's events.
     *
     * @param threshold minimum wait recorded as a contention event, in JFR's notation
     * @param duration  how long to record before writing the file, or null for until the JVM exits
     */
    /**
     * Which detectors run: only their events are enabled, so that a reader can tell "checked,
     * nothing found" (the event type is in the recording) from "not checked".
     */
    public record Detectors(boolean lockOrder, boolean deadlocks, boolean races) {
    }

    public static RecordingSession start(Path destination, String threshold, Duration duration, Detectors detectors,
                                         String version, String options, LongSupplier instrumentedClasses,
                                         Supplier<List<String>> modelsNotApplied, CodeSources codeSources)
        throws IOException {
        FlightRecorder.addPeriodicEvent(LockStatisticsEvent.class, RecordingSession::emitLockStatistics);
        FlightRecorder.addPeriodicEvent(CodeSourceEvent.class, () -> emitCodeSources(codeSources));
        FlightRecorder.addPeriodicEvent(AgentInfoEvent.class,
            () -> emitAgentInfo(version, options, instrumentedClasses.getAsLong(), modelsNotApplied.get()));

        Recording recording = new Recording();
        recording.setName("weft");
        recording.setToDisk(true);
        recording.setDumpOnExit(true);
        recording.setDestination(destination);
        if (duration != null) {
            recording.setDuration(duration);
        }

        recording.enable(ThreadStartEvent.class).withStackTrace();
        recording.enable(LockContendedEvent.class).withStackTrace().with("threshold", threshold);
        recording.enable(LockStatisticsEvent.class).with("period", END_CHUNK);
        if (detectors.lockOrder()) {
            recording.enable(LockOrderEvent.class).withStackTrace();
        }
        if (detectors.deadlocks()) {
            recording.enable(DeadlockEvent.class);
        }
        if (detectors.races()) {
            recording.enable(DataRaceEvent.class).withStackTrace();
            recording.enable(AccessStackEvent.class).withStackTrace();
            recording.enable(UnmodelledSyncEvent.class).withoutStackTrace();
        }
        recording.enable(AgentInfoEvent.class).with("period", END_CHUNK);
        recording.enable(CodeSourceEvent.class).with("period", END_CHUNK);

        recording.enable(JdkEvents.JAVA_MONITOR_ENTER).withStackTrace().with("threshold", threshold);
        recording.enable(JdkEvents.JAVA_MONITOR_WAIT).withStackTrace().with("threshold", threshold);
        recording.enable(JdkEvents.THREAD_PARK).withStackTrace().with("threshold", threshold);
        recording.enable(JdkEvents.THREAD_START).withStackTrace();
        recording.enable(JdkEvents.THREAD_END);
        recording.enable(JdkEvents.VIRTUAL_THREAD_PINNED).withStackTrace().with("threshold", threshold);
        recording.start();
        if (detectors.races()) {
            initializeRaceEvents();
        }

        Hooks.install(new JfrSink());
        return new RecordingSession(recording);
    }

    /**
     * Initializes the race events' classes now: JFR makes an event class's initialization slow
     * (on a loaded machine, a hundred milliseconds), and the first application threads to report
     * would otherwise do it — one waiting for the other, which the report shows as a wait in the
     * application's code.
     */
    private static void initializeRaceEvents() {
        new DataRaceEvent();
        new AccessStackEvent();
        new UnmodelledSyncEvent();
    }

    /** Stops the recording now and writes it to its destination (nothing if it has ended already). */
    public void stop() {
        try {
            if (recording.getState() == jdk.jfr.RecordingState.RUNNING) {
                recording.stop();
            }
        } catch (IllegalStateException e) {
            // it ended by itself meanwhile (duration): already written
        }
    }

    private static void emitLockStatistics() {
        int sites = LockSites.size();
        for (int id = 0; id < sites; id++) {
            LockSite site = LockSites.site(id);
            long acquisitions = site.acquisitions();
            if (acquisitions == 0 && site.contended() == 0) {
                continue;
            }
            LockStatisticsEvent event = new LockStatisticsEvent();
            event.siteId = id;
            event.lockKind = site.kind();
            event.lockClass = site.lockClass();
            event.siteClass = site.className();
            event.siteMethod = site.methodName();
            event.siteLine = site.line();
            event.acquisitions = acquisitions;
            event.contended = site.contended();
            event.waitNanos = site.waitNanos();
            event.blockingHolds = site.blockingHolds();
            event.blockingHoldNanos = site.blockingHoldNanos();
            event.commit();
        }
    }

    /**
     * One event per code source, at the end of each chunk: by then its packages are those the
     * application loaded so far, and the jars are classified off the class-loading path.
     */
    private static void emitCodeSources(CodeSources codeSources) {
        for (CodeSources.Description source : codeSources.describe()) {
            CodeSourceEvent event = new CodeSourceEvent();
            event.location = source.location();
            event.origin = source.origin();
            event.reason = source.reason();
            event.packages = source.packageList();
            event.packagesTruncated = source.truncated();
            event.classes = source.classes();
            event.commit();
        }
    }

    private static void emitAgentInfo(String version, String options, long instrumentedClasses,
                                      List<String> modelsNotApplied) {
        AgentInfoEvent event = new AgentInfoEvent();
        event.weftVersion = version;
        event.options = options;
        event.javaVersion = System.getProperty("java.version");
        event.instrumentedClasses = instrumentedClasses;
        event.lockSites = LockSites.size();
        event.transformErrors = InternalErrors.transformErrors();
        event.internalErrors = InternalErrors.hookErrors();
        event.firstError = InternalErrors.first();
        event.threadsSeen = Hooks.threadsSeen();
        event.threadNumbers = Hooks.threadNumbers();
        event.arrayShadowsDropped = dev.weft.runtime.ArrayShadows.dropped();
        event.modelsNotApplied = modelsNotApplied.size();
        event.modelsNotAppliedTo = ModelCoverage.describe(modelsNotApplied);
        event.commit();
    }
}
