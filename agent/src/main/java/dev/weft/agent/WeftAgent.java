package dev.weft.agent;

import java.lang.instrument.Instrumentation;

/**
 * The {@code -javaagent} entry point.
 *
 * <p>This class must not touch any class of the bootstrap runtime ({@code dev.weft.runtime}):
 * those have to be bootstrap classes, so {@link BootstrapRuntime} defines them first, and only
 * then is {@link AgentStarter} loaded, which links against them. Whatever goes wrong, the application runs on: one line on stderr, never an exception.
 */
public final class WeftAgent {
    private WeftAgent() {
    }

    public static void premain(String options, Instrumentation inst) {
        start(options, inst, false);
    }

    public static void agentmain(String options, Instrumentation inst) {
        start(options, inst, true);
    }

    private static synchronized void start(String options, Instrumentation inst, boolean attached) {
        try {
            BootstrapRuntime.install(inst);
            Class.forName("dev.weft.agent.AgentStarter")
                .getMethod("start", String.class, Instrumentation.class, boolean.class)
                .invoke(null, options, inst, attached);
        } catch (Throwable t) {
            Throwable cause = t.getCause() != null ? t.getCause() : t;
            System.err.println("weft: agent not started, the application runs without it: " + cause);
        }
    }
}
