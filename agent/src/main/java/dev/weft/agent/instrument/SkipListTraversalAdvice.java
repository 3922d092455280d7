package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConcurrentSkipListMap}, its spliterators and its sub-maps' iterators: their
 * traversals are weakly consistent, so they may reach elements put after they began, and what
 * was done before those puts must still happen before what the traversal does with them. A
 * spliterator is a static class that holds nodes, never its map, and a parallel stream's split
 * spliterators run on fork/join workers that never called the map; a sub-map's iterator knows only
 * its sub-map. So the map notes each spliterator and sub-map it makes, a split spliterator is noted
 * with the one it was split from, and each step takes in the clock of the map they were noted
 * with ({@code Hooks.traversalAdvanced}; the spliterators' steps are {@link CallbackFences#BEFORE_CALLS_OF_TRAVERSAL}).
 */
final class SkipListTraversalAdvice {
    private SkipListTraversalAdvice() {
    }

    /** The map's {@code keySpliterator}, {@code valueSpliterator} and {@code entrySpliterator}. */
    static final class SpliteratorMade {
        private SpliteratorMade() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object map, @Advice.Return Object spliterator) {
            Hooks.mapTableMade(map, spliterator);
        }
    }

    /** A spliterator's {@code trySplit}: the spliterator it returns (if any) traverses the same map. */
    static final class Split {
        private Split() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object spliterator, @Advice.Return Object split) {
            Hooks.traversalSplit(spliterator, split);
        }
    }

    /** {@code SubMap}'s constructor. */
    static final class SubMapMade {
        private SubMapMade() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.This Object subMap, @Advice.FieldValue("m") Object map) {
            Hooks.mapTableMade(map, subMap);
        }
    }

    /** {@code next()} of a sub-map's iterators, which are also its views' spliterators. */
    static final class SubMapAdvanced {
        private SubMapAdvanced() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("this$0") Object subMap) {
            Hooks.traversalAdvanced(subMap);
        }
    }
}
