package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code java.util.Timer} and its task queue: scheduling a task publishes on the task
 * ({@code Timer.sched}, which every {@code schedule*} calls), and the timer's thread takes that
 * in when its queue hands it the task to run ({@code TaskQueue.getMin} on a {@code TimerThread};
 * a scheduling thread also asks the queue for its first task, which orders nothing).
 */
final class TimerAdvice {
    private TimerAdvice() {
    }

    /** {@code Timer.sched(TimerTask, long, long)}. */
    static final class Scheduled {
        private Scheduled() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object task) {
            Hooks.syncEnter(task);
        }
    }

    /** {@code TaskQueue.getMin()}. */
    static final class Taken {
        private Taken() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Return Object task) {
            if (task != null && Thread.currentThread().getClass().getName().equals("java.util.TimerThread")) {
                Hooks.syncExit(task);
            }
        }
    }
}
