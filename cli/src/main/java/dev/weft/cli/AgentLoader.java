package dev.weft.cli;

import java.nio.file.Path;

/**
 * Loads weft's agent into a running JVM, and turns what can go wrong into one line a user can act
 * on. The agent's {@code agentmain} runs before {@link #load} returns, so when it returns the
 * recording runs (or, for {@code stop}, has been written).
 *
 * <p>Attaching needs a JDK on weft's side (a JRE has no {@code jdk.attach} module; the calls into it
 * live in {@link AttachApi}, so that its absence shows when they are reached and not when this class
 * is loaded) and, on the other, a HotSpot JVM of the same user that allows it. JDK 21 and later
 * print a warning when an agent is loaded this way (JEP 451), which
 * {@code -XX:+EnableDynamicAgentLoading} on that JVM's command line turns off.
 */
final class AgentLoader {
    static final String LIST_HINT = "list the Java processes you may attach to with 'jps -l'";

    private AgentLoader() {
    }

    static void load(long pid, Path agentJar, String options) throws UsageOrInputException {
        if (pid == ProcessHandle.current().pid()) {
            throw new UsageOrInputException("process " + pid + " is weft itself: pass the id of the JVM to record ("
                    + LIST_HINT + ")");
        }
        if (ProcessHandle.of(pid).isEmpty()) {
            throw new UsageOrInputException("no process with id " + pid + " (" + LIST_HINT + ")");
        }
        try {
            AttachApi.load(pid, agentJar, options);
        } catch (NoClassDefFoundError e) {
            throw new UsageOrInputException("weft attach needs a JDK, and this Java runtime has no jdk.attach module:"
                    + " run weft.jar with a JDK's java");
        }
    }
}
