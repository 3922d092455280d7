package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the methods of the JDK's synchronizers, concurrent collections, futures and
 * atomics, by direction: a method that publishes (put, offer, set, countDown, complete, release)
 * releases the calling thread's clock on the object before it runs; a method that observes (take,
 * poll, get, await, join, acquire) takes in the object's clock once it returns; a read-modify-write
 * or unclassified method does both: on entry it releases and takes in, in one step, and on exit
 * it takes in again what others published meanwhile. A method that runs the caller's code inside
 * it (a {@code compute}, {@code merge} or {@code forEach} callback) publishes at entry and takes in
 * at exit, and its callbacks are ordered where they run ({@link CallbackFences}). Treating the
 * whole object as one synchronization variable orders more than the memory model promises (a
 * {@code take} is ordered after every earlier {@code put}, not only the one it took): races can
 * hide behind that, none is invented.
 */
final class SyncObjectAdvice {
    private SyncObjectAdvice() {
    }

    /** Publishing methods. */
    static final class Release {
        private Release() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            Hooks.syncEnter(self);
        }
    }

    /** Observing methods. */
    static final class Acquire {
        private Acquire() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            Hooks.syncExit(self);
        }
    }

    /**
     * Read-modify-write and unclassified methods: they publish and take in what others published
     * in one step on entry (as a monitor's owner or an atomic's first read would), and take in again
     * on exit what others published meanwhile.
     */
    static final class Both {
        private Both() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object self) {
            Hooks.syncExchange(self);
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self) {
            Hooks.syncExit(self);
        }
    }

    /**
     * Methods that run the caller's code inside them ({@link CallbackFences} orders the callbacks
     * themselves and publishes after each): they take in at exit; an exception, which may have
     * skipped the publication after a callback, publishes too. Most of them also publish at entry
     * ({@link Release}, applied beside): a {@code merge} may store the caller's value without
     * calling back, a future's {@code thenApply} hands the caller's work to the thread that will
     * run the function. Not the concurrent maps' {@code compute}, {@code computeIfAbsent} and
     * {@code computeIfPresent}, which store only what their callback returns, published after it
     * returns: a {@code computeIfAbsent} that finds its key (a session looked up request after
     * request) is then a read of the map, as the memory model has it, where a publication at entry
     * cost a locked release into a clock every caller writes.
     */
    static final class CallingBack {
        private CallingBack() {
        }

        @Advice.OnMethodExit(onThrowable = Throwable.class, suppress = Throwable.class)
        static void exit(@Advice.This Object self, @Advice.Thrown Throwable thrown) {
            if (thrown == null) {
                Hooks.syncExit(self);
            } else {
                Hooks.syncExchange(self);
            }
        }
    }
}
