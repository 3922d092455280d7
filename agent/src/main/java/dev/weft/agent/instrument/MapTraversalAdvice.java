package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import net.bytebuddy.asm.Advice;

/**
 * Inlined into {@code ConcurrentHashMap}, its views, its {@code Traverser} and its {@code BulkTask}:
 * a traversal is weakly consistent, so it may reach elements put after it began — after the
 * acquire of the map's {@code values()}, {@code iterator()} or {@code spliterator()} — and what
 * was done before their {@code put} must still happen before what the traversal does with them.
 * The map notes each table it makes; each step of a traversal, on whatever thread (a parallel
 * stream's split spliterators, the parallel bulk operations' tasks), takes in the clock of the map
 * that made the table it walks ({@code Hooks.traversalAdvanced}). A view's method notes its map for
 * the thread, which stands for the map of a table made before weft was installed.
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

    /** The map's {@code initTable}, {@code tryPresize} and {@code readObject}. */
    static final class TableMade {
        private TableMade() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit(@Advice.This Object map, @Advice.FieldValue("table") Object table) {
            Hooks.mapTableMade(map, table);
        }
    }

    /** The map's {@code transfer}: a resize, or a thread's help with one. */
    static final class Resizing {
        private Resizing() {
        }

        @Advice.OnMethodEnter(suppress = Throwable.class)
        static void enter(@Advice.This Object map) {
            Hooks.mapResizing(map);
        }

        @Advice.OnMethodExit(suppress = Throwable.class, onThrowable = Throwable.class)
        static void exit() {
            Hooks.mapResizing(null);
        }
    }

    /** {@code ForwardingNode}'s constructor, which a resize calls before it moves a bin to the next table. */
    static final class ForwardingMade {
        private ForwardingMade() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("nextTable") Object nextTable) {
            Hooks.forwardingMade(nextTable);
        }
    }

    /** {@code Traverser.advance()} and {@code BulkTask.advance()}. */
    static final class Advanced {
        private Advanced() {
        }

        @Advice.OnMethodExit(suppress = Throwable.class)
        static void exit(@Advice.FieldValue("tab") Object table) {
            Hooks.traversalAdvanced(table);
        }
    }
}
