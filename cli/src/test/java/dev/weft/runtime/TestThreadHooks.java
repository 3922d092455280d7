package dev.weft.runtime;

import dev.weft.cli.testing.WeftTestEvents;

/**
 * A stand-in for the agent's {@code Thread.start} advice, for tests: call {@link #started} right
 * after starting a thread, and weft's {@code ThreadStart} is committed as the agent commits it, by
 * the starting thread. In weft's runtime package (test tree only), so that the CLI skips its frame
 * and takes the caller as the thread's creation site.
 */
public final class TestThreadHooks {
    private TestThreadHooks() {
    }

    public static void started(Thread thread) {
        WeftTestEvents.ThreadStart event = new WeftTestEvents.ThreadStart();
        event.startedThreadId = thread.getId();
        event.startedThreadName = thread.getName();
        event.commit();
    }
}
