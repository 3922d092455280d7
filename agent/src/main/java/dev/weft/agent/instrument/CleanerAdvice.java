package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code java.lang.ref.Cleaner.register} and {@code PhantomCleanable.clean}: a
 * cleaning action runs on the cleaner's thread once its object is unreachable (or when the
 * program cleans it itself), and sees what was done before it was registered — the state it
 * releases was made then. Registration publishes on the cleanable it returns; cleaning takes in.
 */
final class CleanerAdvice {
    private CleanerAdvice() {
    }

    /** {@code Cleaner.register(Object, Runnable)}. */
    static final class Registered {
        private Registered() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object cleanable) {
            Hooks.syncEnter(cleanable);
        }
    }

    /** {@code PhantomCleanable.clean()}. */
    static final class Cleaning {
        private Cleaning() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object cleanable) {
            Hooks.syncExit(cleanable);
        }
    }
}
