package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into {@code Thread.join}: a joined thread's actions happen before what follows the join. */
final class ThreadJoinAdvice {
    private ThreadJoinAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.This Thread self) {
        if (self.getState() == Thread.State.TERMINATED) {
            Hooks.joined(self);
        }
    }
}
