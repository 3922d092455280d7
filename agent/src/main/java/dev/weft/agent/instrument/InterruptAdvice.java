package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code Thread} (and {@code VirtualThread}) and {@code InterruptedException}: an
 * interrupt of a thread synchronizes-with every point where it is found interrupted (JLS 17.4.4) —
 * {@code isInterrupted()} or {@code Thread.interrupted()} returning true, or an
 * {@code InterruptedException} made on the interrupted thread (the JVM makes it there when a
 * sleep, wait or join is interrupted; the JDK's blocking methods make it after
 * {@code Thread.interrupted()}).
 */
final class InterruptAdvice {
    private InterruptAdvice() {
    }

    /** {@code interrupt()}. */
    static final class Interrupt {
        private Interrupt() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Thread self) {
            Hooks.interruptSync(self, Hooks.RELEASE);
        }
    }

    /** {@code isInterrupted()}. */
    static final class IsInterrupted {
        private IsInterrupted() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Thread self, @Advice.Return boolean interrupted) {
            if (interrupted) {
                Hooks.interruptSync(self, Hooks.ACQUIRE);
            }
        }
    }

    /** {@code Thread.interrupted()}. */
    static final class Interrupted {
        private Interrupted() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return boolean interrupted) {
            if (interrupted) {
                Hooks.interruptSync(Thread.currentThread(), Hooks.ACQUIRE);
            }
        }
    }

    /** {@code InterruptedException}'s constructors. */
    static final class Thrown {
        private Thrown() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            Hooks.interruptSync(Thread.currentThread(), Hooks.ACQUIRE);
        }
    }
}
