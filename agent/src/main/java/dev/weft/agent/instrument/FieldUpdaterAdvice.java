package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the JDK's atomic field updaters: their {@code newUpdater} factories note which field
 * an updater updates, and the operations of their implementations ({@code AtomicIntegerFieldUpdaterImpl}
 * and kin) release into and acquire from that field's clock on the object they are given
 * (argument 0), as a volatile write and read of the field would: sets publish before they run,
 * gets take in once they return, read-modify-writes do both. Which clock that is, is the
 * runtime's business ({@code dev.weft.runtime.FieldUpdaterKeys}).
 */
final class FieldUpdaterAdvice {
    private FieldUpdaterAdvice() {
    }

    /** {@code AtomicReferenceFieldUpdater.newUpdater(Class, Class, String)}: the field's name is argument 2. */
    static final class MadeWithValueType {
        private MadeWithValueType() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Class<?> owner, @Advice.Argument(2) String field,
                         @Advice.Return Object updater) {
            Hooks.fieldUpdaterMade(updater, owner, field);
        }
    }

    /** {@code AtomicIntegerFieldUpdater.newUpdater(Class, String)}, {@code AtomicLongFieldUpdater}'s: argument 1. */
    static final class Made {
        private Made() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Class<?> owner, @Advice.Argument(1) String field,
                         @Advice.Return Object updater) {
            Hooks.fieldUpdaterMade(updater, owner, field);
        }
    }

    /** {@code set}, {@code lazySet}. */
    static final class Release {
        private Release() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object updater, @Advice.Argument(0) Object holder) {
            Hooks.fieldUpdaterSync(updater, holder, Hooks.RELEASE);
        }
    }

    /** {@code get}. */
    static final class Acquire {
        private Acquire() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object updater, @Advice.Argument(0) Object holder) {
            Hooks.fieldUpdaterSync(updater, holder, Hooks.ACQUIRE);
        }
    }

    /** Read-modify-writes: compare-and-set, get-and-set, the arithmetic ones. */
    static final class Both {
        private Both() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object updater, @Advice.Argument(0) Object holder) {
            Hooks.fieldUpdaterSync(updater, holder, Hooks.EXCHANGE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object updater, @Advice.Argument(0) Object holder) {
            Hooks.fieldUpdaterSync(updater, holder, Hooks.ACQUIRE);
        }
    }
}
