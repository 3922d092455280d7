package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * A {@code CompletableFuture} stage added to a future fires through a completion object
 * ({@code UniApply}, {@code BiApply}, {@code OrRun} …): whichever thread completes the last of
 * its sources — or the thread adding the stage, if they are done — runs its {@code tryFire}, which
 * reads the sources' results from their fields and runs the stage's function. The sources' own
 * methods, which the futures' model sees, are not called there, so {@code tryFire} takes in the
 * sources' clocks itself (the one source {@code src}, and {@code snd} of two-source stages) before
 * the function runs: a function that reads what a source's supplier wrote is ordered after it,
 * whichever thread it runs on. Taking in a source that is not complete yet orders more than the
 * future promises (races can hide), never less.
 */
final class CompletionAdvice {
    private CompletionAdvice() {
    }

    /** {@code tryFire} of a one-source stage. */
    static final class OneSource {
        private OneSource() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("src") Object source) {
            Hooks.syncExit(source);
        }
    }

    /** {@code tryFire} of a two-source stage ({@code thenCombine}, {@code applyToEither} …). */
    static final class TwoSources {
        private TwoSources() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("src") Object source, @Advice.FieldValue("snd") Object second) {
            Hooks.syncExit(source);
            Hooks.syncExit(second);
        }
    }
}
