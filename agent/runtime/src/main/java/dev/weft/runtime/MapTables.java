package dev.weft.runtime;

/**
 * The bucket tables of the program's {@code ConcurrentHashMap}s, and the spliterators and sub-maps of
 * its {@code ConcurrentSkipListMap}s, each with its map's synchronization slot ({@link SyncClocks}),
 * for the traversals that run where the map is not known.
 *
 * <p>A traversal of a {@code ConcurrentHashMap} is weakly consistent: it may reach elements put
 * after it began, so each of its steps takes in the map's clock ({@link Hooks#traversalAdvanced}).
 * The step knows only the table it walks — a {@code Traverser}'s or a bulk task's {@code tab} —
 * and it may run on any thread: a parallel stream's split spliterators and the map's own parallel
 * bulk operations run on fork/join workers that never called a method of the map. So each table
 * is noted with its map when the map makes it (its first table, a pre-sized one, a deserialized
 * one, and a resize's next one as soon as the forwarding node that leads traversals to it is
 * made), and a step looks its table up here; each thread remembers its last table's entry, so a
 * traversal's steps after the first compare one reference.
 *
 * <p>A skip list's spliterators are static classes that hold nodes and the comparator, never their
 * map; its sub-maps' iterators know their sub-map. So a spliterator is noted with its map when the
 * map makes it, a split one with the spliterator it was split from ({@link #split}), and a sub-map
 * when it is made; their steps look them up as a step of a hash map looks up its table.
 *
 * <p>The entries are a {@link WeakIdentityTable}'s, pinned (tables are made rarely, and a dropped
 * one would leave its traversals to the fallback below; past the pins' bound, kept in the old
 * generation): they never keep a table alive.
 * A table not found is taken for the thread's last traversed one's map ({@link #slotOf}), and
 * without one, for the map the thread last used a view of (see {@link Hooks#traversing}).
 */
final class MapTables {
    private static final WeakIdentityTable TABLES = new WeakIdentityTable(new WeakIdentityTable.Factory() {
        @Override
        public WeakIdentityTable.Entry create(Object table, java.lang.ref.ReferenceQueue<Object> queue) {
            return new Table(table, queue);
        }
    });

    /** A table's entry: a weak reference to the table, with its map's slot. */
    static final class Table extends WeakIdentityTable.Entry {
        /** The slot of the map that made the table; -1 until noted. */
        volatile int slot = -1;

        Table(Object table, java.lang.ref.ReferenceQueue<Object> queue) {
            super(table, queue);
        }
    }

    private MapTables() {
    }

    /** The map {@code map} has made {@code table} (not null). */
    static void made(Object map, Object table) {
        note(table, SyncClocks.slotOf(map));
    }

    /** {@code split} (not null) was split from {@code traversal}: it traverses the same map, if that is known. */
    static void split(ThreadState state, Object traversal, Object split) {
        int slot = slotOf(state, traversal);
        if (slot >= 0) {
            note(split, slot);
        }
    }

    private static void note(Object table, int slot) {
        Table entry = (Table) TABLES.get(table);
        entry.slot = slot;
        if (!TABLES.pin(entry)) {
            TABLES.keep(entry); // past the pins' bound: kept until the old generation fills
        }
    }

    /**
     * The slot of the map that made {@code table}. A table not noted — the next table of a resize
     * still under way, which a traversal reaches through a bin already moved, or a table made before
     * weft was installed — is taken for the thread's last traversed table's, most likely the same
     * map's (-1 if there is none).
     */
    static int slotOf(ThreadState state, Object table) {
        Table last = state.traversedTable;
        if (last != null && last.get() == table) {
            return last.slot;
        }
        Table found = (Table) TABLES.find(table);
        if (found != null && found.slot >= 0) {
            state.traversedTable = found;
            return found.slot;
        }
        return last != null ? last.slot : -1;
    }
}
