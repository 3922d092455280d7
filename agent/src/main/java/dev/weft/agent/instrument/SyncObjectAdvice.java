package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the methods of the JDK's synchronizers, concurrent collections, futures and
 * atomics: each call publishes what the calling thread did on the object (entry) and takes in
 * what others published there (exit). Treating the whole object as one lock orders more than the
 * memory model promises (a {@code take} is ordered after every earlier {@code put}, not only the
 * one it took): races can hide behind that, none is invented.
 */
final class SyncObjectAdvice {
    private SyncObjectAdvice() {
    }

    @Advice.OnMethodEnter(suppress = Throwable.class)
    static void enter(@Advice.This Object self) {
        Hooks.syncEnter(self);
    }

    @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
    static void exit(@Advice.This Object self) {
        Hooks.syncExit(self);
    }
}
