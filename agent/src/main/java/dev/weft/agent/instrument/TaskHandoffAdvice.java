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
     * The other public methods of {@code ForkJoinPool} and {@code ForkJoinTask} — joins, invokes,
     * waits — publish on entry (an {@code invoke} submits) and take in the object's clock on exit.
     */
    static final class ForkJoinSubmit {
        private ForkJoinSubmit() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            Hooks.syncEnter(java.util.concurrent.ForkJoinPool.class);
            Hooks.syncEnter(self);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            Hooks.syncExit(self);
        }
    }

    /**
     * The fork/join methods that hand a task over and return ({@code execute}, {@code submit},
     * {@code fork}...): they publish as {@link ForkJoinSubmit} does, and take in nothing.
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
