package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code AbstractQueuedSynchronizer}'s and {@code AbstractQueuedLongSynchronizer}'s
 * state methods, for the application's own synchronizers built on them (a latch, a mutex, a
 * gate): their state is a volatile field, so {@code setState} publishes on the synchronizer,
 * {@code getState} takes in, {@code compareAndSetState} does both — what a correct {@code tryRelease}
 * and {@code tryAcquire} then order. The JDK's own synchronizers are left out here: their locks are
 * modelled at their call sites, their latches and semaphores by method.
 */
final class ApplicationSynchronizerAdvice {
    private ApplicationSynchronizerAdvice() {
    }

    /** {@code setState}. */
    static final class Release {
        private Release() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            Hooks.applicationSynchronizerReleased(self);
        }
    }

    /** {@code getState}. */
    static final class Acquire {
        private Acquire() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            Hooks.applicationSynchronizerAcquired(self);
        }
    }

    /** {@code compareAndSetState}. */
    static final class Both {
        private Both() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            Hooks.applicationSynchronizerReleased(self);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            Hooks.applicationSynchronizerAcquired(self);
        }
    }
}
