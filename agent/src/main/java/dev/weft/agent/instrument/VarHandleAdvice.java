package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the static access methods of the JDK's {@code VarHandle} implementations
 * ({@code VarHandleInts$FieldInstanceReadWrite.setRelease(VarHandle, Object, int)} and kin), by
 * access mode: volatile and release writes publish before they run, volatile and acquire reads
 * take in once they return, read-modify-writes do both; plain and opaque modes order nothing.
 * Argument 0 is the handle; for field-of-an-object, array and byte-view handles argument 1 is the
 * object, array or buffer. Which clock that is, is the runtime's business
 * ({@code dev.weft.runtime.VarHandleKeys}).
 */
final class VarHandleAdvice {
    private VarHandleAdvice() {
    }

    /** Releasing modes of handles on an object's field, an array element or a byte view. */
    static final class OnObjectRelease {
        private OnObjectRelease() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object handle, @Advice.Argument(1) Object holder) {
            Hooks.varHandleSync(handle, holder, Hooks.RELEASE);
        }
    }

    /** Acquiring modes of handles on an object's field, an array element or a byte view. */
    static final class OnObjectAcquire {
        private OnObjectAcquire() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object handle, @Advice.Argument(1) Object holder) {
            Hooks.varHandleSync(handle, holder, Hooks.ACQUIRE);
        }
    }

    /** Read-modify-write modes of handles on an object's field, an array element or a byte view. */
    static final class OnObjectBoth {
        private OnObjectBoth() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object handle, @Advice.Argument(1) Object holder) {
            Hooks.varHandleSync(handle, holder, Hooks.EXCHANGE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object handle, @Advice.Argument(1) Object holder) {
            Hooks.varHandleSync(handle, holder, Hooks.ACQUIRE);
        }
    }

    /** Releasing modes of handles on a static field. */
    static final class OnStaticRelease {
        private OnStaticRelease() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object handle) {
            Hooks.varHandleSync(handle, null, Hooks.RELEASE);
        }
    }

    /** Acquiring modes of handles on a static field. */
    static final class OnStaticAcquire {
        private OnStaticAcquire() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object handle) {
            Hooks.varHandleSync(handle, null, Hooks.ACQUIRE);
        }
    }

    /** Read-modify-write modes of handles on a static field. */
    static final class OnStaticBoth {
        private OnStaticBoth() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.Argument(0) Object handle) {
            Hooks.varHandleSync(handle, null, Hooks.EXCHANGE);
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.Argument(0) Object handle) {
            Hooks.varHandleSync(handle, null, Hooks.ACQUIRE);
        }
    }
}
