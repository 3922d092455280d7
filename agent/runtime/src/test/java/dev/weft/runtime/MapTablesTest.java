package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MapTablesTest {
    private final ThreadState worker = new ThreadState(Thread.currentThread(), 5, null);
    private final Object map = new Object();
    private final Object other = new Object();

    @Test
    void aTableIsTraversedAsItsMapsOnAnyThread() {
        Object[] table = new Object[16];
        MapTables.made(map, table);

        assertThat(MapTables.slotOf(worker, table)).isEqualTo(SyncClocks.slotOf(map));
        assertThat(MapTables.slotOf(new ThreadState(Thread.currentThread(), 6, null), table))
            .isEqualTo(SyncClocks.slotOf(map));
    }

    @Test
    void aTableNotNotedIsTakenForTheLastTraversedOnes() {
        Object[] first = new Object[16];
        Object[] second = new Object[16];
        MapTables.made(map, first);
        MapTables.made(other, second);
        Object[] resizing = new Object[32];

        assertThat(MapTables.slotOf(worker, resizing)).isEqualTo(-1);
        MapTables.slotOf(worker, first);
        assertThat(MapTables.slotOf(worker, resizing)).isEqualTo(SyncClocks.slotOf(map));
        MapTables.slotOf(worker, second);
        assertThat(MapTables.slotOf(worker, resizing)).isEqualTo(SyncClocks.slotOf(other));

        MapTables.made(map, resizing);
        assertThat(MapTables.slotOf(worker, resizing)).isEqualTo(SyncClocks.slotOf(map));
    }

    @Test
    void aSplitTraversalIsItsOriginsMapsOnAnyThread() {
        Object spliterator = new Object();
        Object split = new Object();
        Object splitAgain = new Object();
        MapTables.made(map, spliterator);
        MapTables.split(worker, spliterator, split);
        MapTables.split(new ThreadState(Thread.currentThread(), 6, null), split, splitAgain);

        assertThat(MapTables.slotOf(new ThreadState(Thread.currentThread(), 7, null), split))
            .isEqualTo(SyncClocks.slotOf(map));
        assertThat(MapTables.slotOf(new ThreadState(Thread.currentThread(), 8, null), splitAgain))
            .isEqualTo(SyncClocks.slotOf(map));
    }

    @Test
    void aSplitOfATraversalNotNotedIsNotNotedEither() {
        Object unknown = new Object();
        Object split = new Object();
        MapTables.split(worker, unknown, split);

        assertThat(MapTables.slotOf(new ThreadState(Thread.currentThread(), 6, null), split)).isEqualTo(-1);
    }
}
