package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import java.util.concurrent.CountedCompleter;
import net.bytebuddy.asm.Advice;

/**
 * A {@code CountedCompleter} tree completes through pending counts: each task that finishes
 * counts its parent down, and whichever finishes last completes the parent (its
 * {@code onCompletion} combining the children's results) and so on up to the root, which its
 * joiner waits for. Parallel streams are such trees. The counts are modelled on one clock per
 * tree, the root's — the clock its {@code join}/{@code invoke} takes in (see
 * {@link TaskHandoffAdvice}) — so the joiner, and the task completing a parent, are ordered after
 * every task that counted down before them.
 */
final class CountedCompleterAdvice {
    private CountedCompleterAdvice() {
    }

    /** {@code tryComplete}, {@code propagateCompletion}, the pending-count methods and the like. */
    static final class Completion {
        private Completion() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This CountedCompleter<?> task) {
            CountedCompleter<?> root = task.getRoot();
            Hooks.syncEnter(root);
            Hooks.syncExit(root);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This CountedCompleter<?> task) {
            Hooks.syncExit(task.getRoot());
        }
    }

    /**
     * {@code onCompletion} of the JDK's completers (the streams' tasks, which run the application's
     * combiners there): it runs once the last child counted down, after that child published.
     */
    static final class OnCompletion {
        private OnCompletion() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This CountedCompleter<?> task) {
            Hooks.syncExit(task.getRoot());
        }
    }
}
