package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ThreadPoolExecutor} and {@code ScheduledThreadPoolExecutor}: only the hand-offs
 * the executor promises order anything — a submission before the task runs, a worker's tasks
 * before {@code awaitTermination} returns (and, through the {@code Future}, a task before
 * {@code get}). Everything else the pool does (its {@code ctl} atomic, its queue, its main lock)
 * is machinery: modelled as it is, it ordered a submitting thread after whatever a worker had
 * done, and hid the races of tasks with their submitter.
 */
final class ExecutorAdvice {
    private ExecutorAdvice() {
    }

    /**
     * {@code execute}, {@code submit}, {@code schedule*}, a periodic task queued again, a worker's
     * exit: what the thread did so far is published on the executor, the rest is machinery.
     */
    static final class Publish {
        private Publish() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object executor) {
            Hooks.syncEnter(executor);
            Hooks.enterMachinery();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit() {
            Hooks.leaveMachinery();
        }
    }

    /** {@code getTask} (a worker is handed a task) and {@code awaitTermination}: machinery, then take in. */
    static final class Take {
        private Take() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter() {
            Hooks.enterMachinery();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object executor) {
            Hooks.leaveMachinery();
            Hooks.syncExit(executor);
        }
    }

    /** {@code reject}: the handler may run the task in the submitting thread (caller-runs). */
    static final class Reject {
        private Reject() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static int enter() {
            return Hooks.suspendMachinery();
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.Enter int depth) {
            Hooks.resumeMachinery(depth);
        }
    }
}
