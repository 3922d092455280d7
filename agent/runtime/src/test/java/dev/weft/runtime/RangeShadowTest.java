package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Field;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A coarse shadow's records: a thread's next access in a new epoch moves its own record on instead
 * of allocating one, races are reported at the site of the access a record holds (or not at all),
 * and refinement hands down copies that their threads replace with records of their own.
 * Conflicts with other elements are checked with {@code mayRefine} false here: they pass, and only
 * same-element races are reported.
 */
class RangeShadowTest {
    @BeforeAll
    static void registerSites() {
        while (AccessSites.size() < nextSite + 100) {
            AccessSites.register("com.acme.Test", "access", AccessSites.size());
        }
    }

    private static int nextSite = 20_000;

    private final ArrayShadowTest.Reports reports = new ArrayShadowTest.Reports();
    private final int nameId = Fields.register("test.Ranges.data[]", false);
    private final ThreadState first = new ThreadState(Thread.currentThread(), 0, null);
    private final ThreadState second = new ThreadState(Thread.currentThread(), 1, null);
    private final ThreadState third = new ThreadState(Thread.currentThread(), 2, null);
    private final int writeSite = nextSite++;
    private final int readSite = nextSite++;
    private final int otherSite = nextSite++;
    private final RangeShadow shadow = new RangeShadow();

    @Test
    void aThreadsUnorderedReadsInNewEpochsMoveItsSlotOn() {
        read(first, 3, readSite);
        read(second, 4, otherSite); // unordered: a slot per thread
        first.tick();
        read(first, 9, readSite); // replaces its ordered-read record with a padded slot record, once
        ArrayAccess slot = shadow.sharedRead(0);
        assertThat(slot).isInstanceOf(ArrayAccess.Slot.class);
        assertThat(shadow.sharedRead(1)).isInstanceOf(ArrayAccess.Slot.class);

        for (int step = 0; step < 5; step++) {
            first.tick();
            read(first, 10 + step, readSite);
        }

        assertThat(shadow.sharedRead(0)).as("moved on, not replaced").isSameAs(slot);
        assertThat(ArrayAccess.index(slot.timeIndex())).isEqualTo(14);
        assertThat(shadow.sharedReadTime(0)).isEqualTo(Epochs.time(first.epoch));
    }

    @Test
    void aWriteRacesWithTheAccessTheSlotHoldsNowAtItsSite() {
        int latestSite = nextSite++;
        read(first, 3, readSite);
        read(second, 4, otherSite);
        first.tick();
        read(first, 6, latestSite);

        write(third, 6, writeSite);
        third.tick();
        write(third, 3, writeSite); // the read of 3 was moved on: forgotten, as FastTrack forgets a thread's older reads

        assertThat(reports.races).containsExactly("write at " + writeSite + " / read at " + latestSite);
    }

    @Test
    void whenReadsTurnUnorderedTheLastReadIsItsReadersSlotUntilItsNextRead() {
        read(first, 3, readSite);
        ArrayAccess last = shadow.lastRead;

        read(second, 4, otherSite);

        assertThat(shadow.readsShared()).isTrue();
        assertThat(shadow.sharedRead(0)).isSameAs(last);
        first.tick();
        read(first, 5, readSite);
        ArrayAccess slot = shadow.sharedRead(0);
        assertThat(slot).as("a slot record of its own, padded to a cache line").isInstanceOf(ArrayAccess.Slot.class);
        assertThat(ArrayAccess.index(slot.timeIndex())).isEqualTo(5);
        assertThat(shadow.sharedReadTime(0)).isEqualTo(Epochs.time(first.epoch));
    }

    @Test
    void theLastOrderedReadAndWriteAreMovedOnByTheirThread() {
        write(first, 1, writeSite);
        ArrayAccess written = shadow.lastWrite;
        first.tick();
        read(first, 2, readSite);
        ArrayAccess read = shadow.lastRead;

        first.tick();
        read(first, 5, readSite);
        assertThat(shadow.lastRead).isSameAs(read);
        assertThat(ArrayAccess.index(read.timeIndex())).isEqualTo(5);
        first.tick();
        write(first, 6, writeSite);

        assertThat(shadow.lastWrite).isSameAs(written);
        assertThat(ArrayAccess.index(written.timeIndex())).isEqualTo(6);
        assertThat(shadow.read).as("a write forgets the reads before it").isEqualTo(Epochs.NONE);
        assertThat(shadow.lastRead).as("kept, emptied, for the thread's next read").isSameAs(read);
        assertThat(read.timeIndex()).isZero();
    }

    @Test
    void aThreadThatReadsAndWritesInEveryEpochKeepsOneReadRecord() {
        read(first, 3, readSite);
        ArrayAccess record = shadow.lastRead;
        int latestSite = nextSite++;

        for (int step = 0; step < 5; step++) {
            write(first, 4, writeSite);
            assertThat(shadow.read).isEqualTo(Epochs.NONE);
            assertThat(shadow.lastRead.happensBefore(shadow.lastRead.timeIndex(), second.clock))
                .as("a write forgets the reads before it").isTrue();
            first.tick();
            read(first, 3 + step, step == 4 ? latestSite : readSite);
        }

        assertThat(shadow.lastRead).isSameAs(record);
        write(second, 7, otherSite); // unordered: the read of 7 races, the forgotten ones do not exist
        assertThat(reports.races).containsExactly("write at " + otherSite + " / read at " + latestSite);
    }

    @Test
    void aWriterKeepsItsUnorderedReadSlotForItsNextRead() {
        read(first, 3, readSite);
        read(second, 4, otherSite); // unordered: slots
        ArrayAccess slot = shadow.sharedRead(0);

        write(first, 5, writeSite); // races with nothing (no read of 5)
        first.tick();
        read(first, 6, readSite);

        assertThat(shadow.readsShared()).isFalse();
        assertThat(shadow.lastRead).isSameAs(slot);
        assertThat(ArrayAccess.index(slot.timeIndex())).isEqualTo(6);
        assertThat(reports.races).isEmpty();
    }

    @Test
    void aForgottenReadIsNeitherReportedNorHandedDown() {
        read(first, 3, readSite);
        write(first, 3, writeSite); // same epoch: the read is forgotten, its time is not moved on
        ArrayAccess forgotten = shadow.lastRead;

        assertThat(forgotten.site(forgotten.timeIndex())).isEqualTo(-1);
        assertThat(ArrayAccess.copyOf(forgotten)).isNull();
        assertThat(forgotten.movableBy(first, Epochs.time(first.epoch)))
            .as("a time it held is never written into it again").isFalse();
        read(second, 3, otherSite);
        assertThat(reports.races).containsExactly("read at " + otherSite + " / write at " + writeSite);
    }

    @Test
    void anotherThreadsAccessGetsARecordOfItsOwn() {
        write(first, 1, writeSite);
        ArrayAccess written = shadow.lastWrite;
        handOver(first, second);

        write(second, 2, otherSite);

        assertThat(shadow.lastWrite).isNotSameAs(written);
        assertThat(shadow.lastWrite.tid).isEqualTo(1);
        assertThat(ArrayAccess.index(written.timeIndex())).as("the first thread's record is left as it was")
            .isEqualTo(1);
        assertThat(reports.races).isEmpty();
    }

    @Test
    void aRecordCaughtBetweenItsOwnersTwoWritesIsNotReported() throws Exception {
        write(first, 5, writeSite);
        ArrayAccess written = shadow.lastWrite;
        set(written, "siteTime", ((long) otherSite << 32) | (Epochs.time(first.epoch) - 1)); // a site of another time

        read(second, 5, readSite);

        assertThat(reports.races).as("rather no report than one at a site that is not the write's").isEmpty();
    }

    @Test
    void aThreadTakingOverANumberMovesTheEndedThreadsRecordOn() {
        read(first, 3, readSite);
        ArrayAccess record = shadow.lastRead;
        VectorClock inherited = first.clock.copy(); // the newcomer's parent joined the ended thread
        ThreadState newcomer = new ThreadState(Thread.currentThread(), 0, inherited);
        newcomer.tick(); // Threads.register continues the number's time after the ended thread's

        read(newcomer, 8, readSite);

        assertThat(shadow.lastRead).isSameAs(record);
        assertThat(ArrayAccess.time(record.timeIndex())).isEqualTo(Epochs.time(newcomer.epoch));
        assertThat(ArrayAccess.index(record.timeIndex())).isEqualTo(8);
    }

    @Test
    void aRecordedAccessMarksTheThreadsStep() {
        read(first, 3, readSite);
        assertThat(first.accessedThisStep).as("its number is not taken over by a thread that does not know this step")
            .isTrue();
        first.tick();
        assertThat(first.accessedThisStep).isFalse();
        write(first, 3, writeSite);
        assertThat(first.accessedThisStep).isTrue();
    }

    @Test
    void seededCopiesKeepTheirAccessesAndSites() {
        write(first, 2, writeSite);
        handOver(first, second);
        handOver(first, third);
        read(second, 3, readSite);
        read(third, 4, otherSite); // unordered reads
        RangeShadow finer = new RangeShadow();

        finer.seedWrite(ArrayAccess.copyOf(shadow.lastWrite));
        for (int tid = 0; tid < shadow.sharedReadCount(); tid++) {
            ArrayAccess copy = ArrayAccess.copyOf(shadow.sharedRead(tid));
            if (copy != null) {
                finer.seedRead(copy, true);
            }
        }
        ThreadState reader = new ThreadState(Thread.currentThread(), 6, null);
        finer.read(reader, 2, readSite, false, nameId, reports); // unordered with the seeded write of 2
        ThreadState writer = new ThreadState(Thread.currentThread(), 5, null);
        writer.clock.join(first.clock); // ordered after the write, not after the reads
        finer.write(writer, 3, writeSite, false, nameId, reports); // unordered with the seeded read of 3

        assertThat(finer.write).isEqualTo(writer.epoch);
        assertThat(reports.races).containsExactly("read at " + readSite + " / write at " + writeSite,
            "write at " + writeSite + " / read at " + readSite);
    }

    @Test
    void aSeededCopyIsReplacedByItsThreadsOwnRecord() {
        read(first, 3, readSite);
        read(second, 4, otherSite);
        RangeShadow finer = new RangeShadow();
        ArrayAccess copy = ArrayAccess.copyOf(shadow.sharedRead(0));
        finer.seedRead(copy, true);
        finer.seedRead(ArrayAccess.copyOf(shadow.sharedRead(1)), true);

        assertThat(finer.sharedReadTime(0)).as("the thread read in this epoch").isEqualTo(Epochs.time(first.epoch));
        first.tick();
        finer.read(first, 7, readSite, false, nameId, reports);

        assertThat(finer.sharedRead(0)).isNotSameAs(copy).isNotInstanceOf(ArrayAccess.Copy.class);
        assertThat(ArrayAccess.index(copy.timeIndex())).as("a copy is never written").isEqualTo(3);
        assertThat(ArrayAccess.index(finer.sharedRead(0).timeIndex())).isEqualTo(7);
    }

    private void read(ThreadState thread, int index, int site) {
        shadow.read(thread, index, site, false, nameId, reports);
    }

    private void write(ThreadState thread, int index, int site) {
        shadow.write(thread, index, site, false, nameId, reports);
    }

    private static void handOver(ThreadState from, ThreadState to) {
        to.clock.join(from.clock);
        from.tick();
    }

    private static void set(ArrayAccess record, String name, long value) throws Exception {
        Field field = ArrayAccess.class.getDeclaredField(name);
        field.setAccessible(true);
        field.setLong(record, value);
    }
}
