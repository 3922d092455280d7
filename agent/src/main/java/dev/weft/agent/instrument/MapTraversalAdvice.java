package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConcurrentHashMap}'s views and its {@code Traverser}: a traversal is weakly
 * consistent, so it may reach elements put after it began — after the acquire of the map's
 * {@code values()}, {@code iterator()} or {@code spliterator()} — and what was done before their
 * {@code put} must still happen before what the traversal does with them. A view's method notes
 * its map for the thread; each step of a traversal takes in that map's clock
 * ({@code Hooks.traversalAdvanced}).
 */
final class MapTraversalAdvice {
    private MapTraversalAdvice() {
    }

    /** The instance methods of {@code KeySetView}, {@code ValuesView}, {@code EntrySetView}. */
    static final class ViewUsed {
        private ViewUsed() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.FieldValue("map") Object map) {
            Hooks.traversing(map);
        }
    }

    /** {@code Traverser.advance()}. */
    static final class Advanced {
        private Advanced() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit() {
            Hooks.traversalAdvanced();
        }
    }
}
