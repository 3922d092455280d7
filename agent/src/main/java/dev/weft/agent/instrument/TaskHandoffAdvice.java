package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Where the JDK's fork/join pools hand a task to the thread that runs it (the thread-pool
 * executors are {@link ExecutorAdvice}'s): {@code ForkJoinTask.doExec} runs a task that was pushed
 * into some fork/join pool, so fork/join submissions publish on one pool-wide key and task starts take it in;
 * a task's completion is published on the task, where {@code join}/{@code get} take it in.
 */
final class TaskHandoffAdvice {
    private TaskHandoffAdvice() {
    }

    /**
     * Public methods of {@code ForkJoinPool} and {@code ForkJoinTask} (and the pool's joins): each
     * may hand a task over, so each publishes, on the pool-wide key and on the object.
     */
    static final class ForkJoinHandOver {
        private ForkJoinHandOver() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            Hooks.syncEnter(java.util.concurrent.ForkJoinPool.class);
            Hooks.syncEnter(self);
        }
    }

    /**
     * Those of them that wait (joins, invokes, {@code awaitTermination}...): on return, what the
     * tasks published on the object happens before the caller's next steps. Not the hand-overs
     * that return at once ({@code execute}, {@code submit}, {@code fork}).
     */
    static final class ForkJoinTakeIn {
        private ForkJoinTakeIn() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            Hooks.syncExit(self);
        }
    }

    /** {@code ForkJoinTask.doExec}: a task starts on a pool thread. */
    static final class ForkJoinRun {
        private ForkJoinRun() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object task) {
            Hooks.syncExit(java.util.concurrent.ForkJoinPool.class);
            Hooks.syncExit(task);
        }
    }

    /**
     * {@code exec()} of the JDK's fork/join tasks: the task's work is done but not yet marked
     * done. Published here, not when {@code doExec} returns: a joiner may see the task done and
     * return before that. Published on the worker's pool too, for {@code awaitTermination} and
     * {@code awaitQuiescence}.
     */
    static final class ForkJoinComplete {
        private ForkJoinComplete() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object task) {
            Hooks.syncEnter(task);
            Hooks.syncEnter(java.util.concurrent.ForkJoinTask.getPool());
        }
    }

    /**
     * {@code Condition.await*} of the JDK's locks: waiting releases the lock (entry) and returns
     * holding it again (exit); the lock's clock is kept on its synchronizer, the condition's outer
     * instance.
     */
    static final class ConditionAwait {
        private ConditionAwait() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("this$0") Object synchronizer) {
            Hooks.syncEnter(synchronizer);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.FieldValue("this$0") Object synchronizer) {
            Hooks.conditionAwaited(synchronizer);
        }
    }
}
