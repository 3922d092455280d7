package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Thread.isAlive()}: a thread found no longer alive has ended, and its actions
 * happen before what follows (JLS 17.4.4: {@code isAlive()}, like {@code join()}, detects the end).
 */
final class ThreadAliveAdvice {
    private ThreadAliveAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Thread self, @Advice.Return boolean alive) {
        if (!alive) {
            Hooks.joined(self);
        }
    }
}
