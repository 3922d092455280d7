package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/** Inlined into the JDK's class loading: its own concurrent maps and atomics order no application code. */
final class MachineryAdvice {
    private MachineryAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter() {
        Hooks.enterMachinery();
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit() {
        Hooks.leaveMachinery();
    }
}
