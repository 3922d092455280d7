package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into the {@code next()} of the weakly consistent iterators of the modelled concurrent
 * collections (inner classes, whose {@code this$0} is their collection): an iterator may return an
 * element added after it was made, after the acquire of {@code iterator()}, so each element it
 * returns takes in the collection's clock again. Inlined too into their spliterators'
 * {@code trySplit}, which hands a batch of elements to a task that may run on another thread.
 */
final class IteratorAdvice {
    private IteratorAdvice() {
    }

    @Advice.OnMethodExit(suppress = Throwable.class)
    static void exit(@Advice.FieldValue("this$0") Object collection) {
        Hooks.syncExit(collection);
    }
}
