package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.Test;

/**
 * A record's (time, element) pair is one value, and its site is only ever given for the time it was
 * recorded with: a reader holding an older value, or one that caught the owner between its two
 * writes, gets no site rather than another access's.
 */
class ArrayAccessTest {
    private final ThreadState owner = new ThreadState(Thread.currentThread(), 3, null);
    private final ThreadState other = new ThreadState(Thread.currentThread(), 4, null);

    @Test
    void timeAndElementAreDecodedFromOneValue() {
        ArrayAccess record = new ArrayAccess(3, 5, 7, 42);

        long access = record.timeIndex();

        assertThat(ArrayAccess.time(access)).isEqualTo(5);
        assertThat(ArrayAccess.index(access)).isEqualTo(7);
        assertThat(record.site(access)).isEqualTo(42);
        assertThat(record.epoch(access)).isEqualTo(Epochs.of(3, 5));
    }

    @Test
    void theLargestTimesElementsAndSitesSurvivePacking() {
        ArrayAccess record = new ArrayAccess(70_000, Integer.MAX_VALUE, Integer.MAX_VALUE - 1, Integer.MAX_VALUE);

        long access = record.timeIndex();

        assertThat(ArrayAccess.time(access)).isEqualTo(Integer.MAX_VALUE);
        assertThat(ArrayAccess.index(access)).isEqualTo(Integer.MAX_VALUE - 1);
        assertThat(record.site(access)).isEqualTo(Integer.MAX_VALUE);
        assertThat(record.epoch(access)).isEqualTo(Epochs.of(70_000, Integer.MAX_VALUE));
    }

    @Test
    void movingOnReplacesTheWholeTriple() {
        ArrayAccess record = new ArrayAccess(3, 5, 7, 42);
        long before = record.timeIndex();

        record.moveOn(6, 9, 43);
        long after = record.timeIndex();

        assertThat(ArrayAccess.time(after)).isEqualTo(6);
        assertThat(ArrayAccess.index(after)).isEqualTo(9);
        assertThat(record.site(after)).isEqualTo(43);
        assertThat(record.site(before)).as("a value read before the move has no site any more, never the new one")
            .isEqualTo(-1);
    }

    @Test
    void aReaderBetweenTheOwnersTwoWritesGetsNoSite() throws Exception {
        ArrayAccess record = new ArrayAccess(3, 5, 7, 42);
        // the owner wrote the new time and element, the reader still sees the old site (stores seen out of order)
        set(record, "timeIndex", ((long) 6 << 32) | 9);

        long access = record.timeIndex();

        assertThat(ArrayAccess.index(access)).isEqualTo(9);
        assertThat(record.site(access)).isEqualTo(-1);
        assertThat(ArrayAccess.copyOf(record)).as("nor is it handed down").isNull();
    }

    @Test
    void aRecordNotVisibleYetIsNoAccess() throws Exception {
        ArrayAccess record = new ArrayAccess(3, 5, 7, 42);
        set(record, "timeIndex", 0L);
        set(record, "siteTime", 0L);

        long access = record.timeIndex();

        assertThat(record.happensBefore(access, other.clock)).isTrue();
        assertThat(record.site(access)).isEqualTo(-1);
        assertThat(ArrayAccess.copyOf(record)).isNull();
    }

    @Test
    void onlyItsOwnThreadMovesARecordOnAndOnlyToALaterTime() {
        int now = Epochs.time(owner.epoch);
        ArrayAccess record = new ArrayAccess(3, now, 7, 42);

        assertThat(record.movableBy(owner, now)).as("the same time twice would make its site ambiguous").isFalse();
        assertThat(record.movableBy(other, now + 1)).isFalse();
        assertThat(record.movableBy(owner, now + 1)).isTrue();
    }

    @Test
    void aCopyKeepsTheAccessAndIsNeverMovedOn() {
        ArrayAccess record = new ArrayAccess(3, 5, 7, 42);

        ArrayAccess copy = ArrayAccess.copyOf(record);

        assertThat(copy).isInstanceOf(ArrayAccess.Copy.class);
        assertThat(copy.tid).isEqualTo(3);
        assertThat(copy.timeIndex()).isEqualTo(record.timeIndex());
        assertThat(copy.site(copy.timeIndex())).isEqualTo(42);
        assertThat(copy.movableBy(owner, 6)).isFalse();
    }

    private static void set(ArrayAccess record, String name, long value) throws Exception {
        Field field = ArrayAccess.class.getDeclaredField(name);
        field.setAccessible(true);
        field.setLong(record, value);
    }
}
