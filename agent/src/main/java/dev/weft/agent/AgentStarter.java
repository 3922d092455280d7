package dev.weft.agent;

import dev.weft.agent.instrument.ClassFilter;
import dev.weft.agent.instrument.Instrumenter;
import dev.weft.agent.jfr.DeadlockDetector;
import dev.weft.agent.jfr.RecordingSession;
import dev.weft.agent.origin.CodeSources;
import dev.weft.runtime.Hooks;
import dev.weft.runtime.LockIntrospection;
import java.io.IOException;
import java.io.InputStream;
import java.lang.instrument.Instrumentation;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Starts weft once the bootstrap runtime is reachable: options, then the JFR recording and the
 * instrumentation side by side. Both are complete before {@code premain} returns, so no event of
 * the application is lost; the hooks write nothing until the recording has installed its sink.
 *
 * <p>Attached to a running JVM ({@code agentmain}), weft also rewrites the application classes
 * loaded already; it sees threads and locks from that moment on. Attaching again with the option
 * string {@code stop} ends the recording and writes it.
 */
public final class AgentStarter {
    /** The agentmain option string that stops a running recording and writes it. */
    static final String STOP = "stop";
    private static RecordingSession session;
    private static boolean started;

    private AgentStarter() {
    }

    /**
     * @param attached whether weft was attached to a running JVM rather than started with it
     */
    public static synchronized void start(String rawOptions, Instrumentation inst, boolean attached) {
        if (STOP.equals(rawOptions == null ? null : rawOptions.trim())) {
            stop();
            return;
        }
        if (started) {
            System.err.println("weft: agent already running in this JVM; ignoring the second start (use 'stop' to end it)");
            return;
        }
        started = true;
        AgentOptions options = AgentOptions.parse(rawOptions);
        for (String problem : options.problems()) {
            System.err.println("weft: " + problem);
        }
        openJdkInternalsToRuntime(inst);
        Hooks.trackHeldLocks(options.lockOrder());
        Hooks.detectRaces(options.races());
        if (options.deadlockPeriod() != null) {
            DeadlockDetector.start(options.deadlockPeriod()); // before instrumentation: not an application thread
        }
        Instrumenter instrumenter = new Instrumenter(CodeSources.ofThisJvm());
        if (attached) {
            // the application runs already: rewrite what it loaded first, so that a duration= counts
            // from the moment weft sees everything
            install(instrumenter, inst, options, true);
            startRecording(options, instrumenter);
            return;
        }
        // JFR's start-up and ByteBuddy's take about as long each: do them side by side
        Thread installing = new Thread(() -> install(instrumenter, inst, options, false), "weft-install");
        installing.setDaemon(true);
        installing.start();
        startRecording(options, instrumenter);
        joinQuietly(installing);
    }

    private static void startRecording(AgentOptions options, Instrumenter instrumenter) {
        try {
            Path destination = options.filename().toAbsolutePath();
            Files.createDirectories(destination.getParent()); // filename=target/weft/%p.jfr just works
            RecordingSession.Detectors detectors = new RecordingSession.Detectors(options.lockOrder(),
                options.deadlockPeriod() != null, options.races());
            session = RecordingSession.start(destination, options.threshold(), options.duration(), detectors,
                version(), options.raw(), instrumenter::transformedClasses, instrumenter.modelCoverage()::notApplied,
                instrumenter.codeSources());
        } catch (IOException | RuntimeException e) {
            System.err.println("weft: cannot record to '" + options.filename() + "' (" + e.getMessage()
                + "); set filename= to a writable path. The application runs without weft's recording.");
        }
    }

    private static void stop() {
        if (session == null) {
            System.err.println("weft: no weft recording runs in this JVM; nothing to stop");
            return;
        }
        session.stop();
    }

    private static void install(Instrumenter instrumenter, Instrumentation inst, AgentOptions options, boolean attached) {
        try {
            ClassFilter filter = new ClassFilter(options.includes(), options.excludes());
            instrumenter.install(inst, filter, options.lockOrder(), options.races(), options.cache());
            // what was loaded before the transformer: other agents' classes, or the whole application when attached
            Class<?>[] loaded = inst.getAllLoadedClasses();
            instrumenter.codeSources().loadedAlready(loaded);
            if (attached) {
                instrumenter.retransformLoaded(inst, filter, loaded);
            }
        } catch (RuntimeException | LinkageError e) {
            System.err.println("weft: cannot instrument the application (" + e + "); recording JFR's events only.");
        }
    }

    private static void joinQuietly(Thread thread) {
        boolean interrupted = false;
        while (thread.isAlive()) {
            try {
                thread.join();
            } catch (InterruptedException e) {
                interrupted = true;
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * Lets the runtime read the JDK locks' owner and fairness (see {@link LockIntrospection}), and
     * the field of an atomic field updater made before weft was attached (its class and offset, and
     * the JDK's {@code Unsafe} to match the offset: the runtime's {@code UpdaterFields}).
     */
    private static void openJdkInternalsToRuntime(Instrumentation inst) {
        Module javaBase = Object.class.getModule();
        Set<Module> runtime = Set.of(Hooks.class.getModule());
        inst.redefineModule(javaBase, Set.of(), Map.of("jdk.internal.misc", runtime),
            Map.of("java.util.concurrent.locks", runtime, "java.util.concurrent.atomic", runtime), Set.of(), Map.of());
        LockIntrospection.init();
    }

    static String version() {
        Properties properties = new Properties();
        try (InputStream in = AgentStarter.class.getResourceAsStream("weft.properties")) {
            if (in != null) {
                properties.load(in);
            }
        } catch (IOException e) {
            // the version is informative only
        }
        return properties.getProperty("version", "unknown");
    }
}
