package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Thread.start} (and {@code VirtualThread.start}): reports each started thread
 * once, from the parent thread, so the event's stack trace is the creation site.
 */
final class ThreadStartAdvice {
    private ThreadStartAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static Object enter(@Advice.This Thread self) {
        return Hooks.threadStarting(self);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Thread self, @Advice.Enter Object token, @Advice.Thrown Throwable thrown) {
        Hooks.threadStarted(token, self, thrown);
    }
}
