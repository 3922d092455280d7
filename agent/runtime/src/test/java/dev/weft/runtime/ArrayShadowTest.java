package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The per-array shadow scheme, with threads simulated by their states: a race between two accesses
 * to one element is reported, accesses to different elements never race, whatever the array's
 * shadows look like (coarse, per range, per element, or past the refinement cap).
 */
class ArrayShadowTest {
    /** The site numbers the tests use are registered, as the agent registers them while it rewrites code. */
    @BeforeAll
    static void registerSites() {
        while (AccessSites.size() < nextSite + 100) {
            AccessSites.register("com.acme.Test", "access", AccessSites.size());
        }
    }

    private static int nextSite = 10_000;

    private final Reports reports = new Reports();
    private final ThreadState first = new ThreadState(Thread.currentThread(), 0, null);
    private final ThreadState second = new ThreadState(Thread.currentThread(), 1, null);
    private final ThreadState third = new ThreadState(Thread.currentThread(), 2, null);
    /** Fresh sites per test: reports are capped per field and pair of sites across the JVM. */
    private final int writeSite = nextSite++;
    private final int readSite = nextSite++;
    private final int otherSite = nextSite++;

    @Test
    void anUnorderedWriteAndReadOfOneElementIsReportedAtOnce() {
        ArrayShadow array = shadowOf(new int[100]);

        array.writeChecked(first, 5, writeSite, reports);
        array.readChecked(second, 5, readSite, reports);

        assertThat(reports.races).containsExactly("read at " + readSite + " / write at " + writeSite);
        assertThat(array.refined()).as("a race on one element needs no finer shadows").isFalse();
    }

    @Test
    void threadsWritingDisjointHalvesConcurrentlyNeverRace() {
        ArrayShadow array = shadowOf(new double[1000]);

        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 500; i++) {
                array.readChecked(first, i, readSite, reports);
                array.writeChecked(first, i, writeSite, reports);
                array.readChecked(second, 500 + i, readSite, reports);
                array.writeChecked(second, 500 + i, writeSite, reports);
            }
            first.tick();
            second.tick();
        }

        assertThat(reports.races).isEmpty();
        assertThat(array.refined()).isTrue();
    }

    @Test
    void interleavedElementsOfOneRangeNeverRace() {
        ArrayShadow array = shadowOf(new int[300]);

        for (int round = 0; round < 5; round++) {
            for (int i = 0; i < 300; i += 3) {
                array.writeChecked(first, i, writeSite, reports);
                array.writeChecked(second, i + 1, writeSite, reports);
                array.readChecked(third, i + 2, readSite, reports);
                array.writeChecked(third, i + 2, otherSite, reports);
                array.readChecked(first, i, readSite, reports);
            }
            first.tick();
            second.tick();
            third.tick();
        }

        assertThat(reports.races).isEmpty();
    }

    @Test
    void aRaceOnAnElementIsFoundAfterTheArrayWasRefined() {
        ArrayShadow array = shadowOf(new long[1000]);
        array.writeChecked(first, 0, writeSite, reports);
        array.writeChecked(second, 700, writeSite, reports); // another element: refines, no race

        array.writeChecked(first, 700, otherSite, reports);

        assertThat(array.refined()).isTrue();
        assertThat(reports.races).containsExactly("write at " + otherSite + " / write at " + writeSite);
    }

    @Test
    void refiningHandsTheRememberedAccessesDown() {
        ArrayShadow array = shadowOf(new int[10]);
        array.readChecked(first, 3, readSite, reports);
        array.readChecked(second, 4, otherSite, reports); // unordered reads: both remembered

        array.writeChecked(third, 3, writeSite, reports); // conflicts with a read of 4: refines, then races with the read of 3

        assertThat(reports.races).containsExactly("write at " + writeSite + " / read at " + readSite);
    }

    @Test
    void aThreadsLatestUnorderedReadIsTheOneAWriteRacesWith() {
        int latestSite = nextSite++;
        ArrayShadow array = shadowOf(new int[10]);
        array.readChecked(first, 3, readSite, reports);
        array.readChecked(second, 4, otherSite, reports); // unordered reads: one record per thread
        first.tick();
        array.readChecked(first, 6, latestSite, reports); // the first thread's record is now this read

        array.writeChecked(third, 6, writeSite, reports);

        assertThat(reports.races).containsExactly("write at " + writeSite + " / read at " + latestSite);
    }

    @Test
    void unorderedReadsHandedDownToOneElementKeepTheirSites() {
        ArrayShadow array = shadowOf(new int[10]);
        array.readChecked(first, 3, readSite, reports);
        array.readChecked(second, 3, otherSite, reports); // unordered reads of one element
        array.writeChecked(third, 4, writeSite, reports); // conflicts with the reads of 3: per-element shadows

        array.writeChecked(third, 3, writeSite, reports);

        assertThat(reports.races).containsExactlyInAnyOrder("write at " + writeSite + " / read at " + readSite,
            "write at " + writeSite + " / read at " + otherSite);
    }

    @Test
    void aRecordWhoseSiteIsUnknownIsNotHandedDownToAnElement() throws Exception {
        ArrayShadow array = shadowOf(new int[10]);
        array.readChecked(first, 3, readSite, reports);
        array.readChecked(second, 4, otherSite, reports);
        tornSite(coarse(array).sharedRead(0)); // caught between its owner's two writes

        array.writeChecked(third, 4, writeSite, reports); // conflicts with the read of 3: per-element shadows
        third.tick();
        array.writeChecked(third, 3, writeSite, reports);

        assertThat(reports.races).as("the read of 3 is dropped, not reported at a site that is not its own")
            .containsExactly("write at " + writeSite + " / read at " + otherSite);
    }

    @Test
    void aRecordWhoseSiteIsUnknownIsNotHandedDownToARange() throws Exception {
        ArrayShadow array = shadowOf(new int[1000]);
        array.readChecked(first, 3, readSite, reports);
        array.readChecked(second, 700, otherSite, reports);
        tornSite(coarse(array).sharedRead(0));

        array.writeChecked(third, 5, writeSite, reports); // conflicts with the read of 3: ranges
        third.tick();
        array.writeChecked(third, 3, writeSite, reports);
        array.writeChecked(third, 700, writeSite, reports);

        assertThat(reports.races).containsExactly("write at " + writeSite + " / read at " + otherSite);
    }

    private static RangeShadow coarse(ArrayShadow array) {
        return array; // the array's shadow is its coarse range shadow itself
    }

    /** The record's site as a reader sees it between its owner's two writes: another time's. */
    private static void tornSite(ArrayAccess record) throws Exception {
        java.lang.reflect.Field siteTime = ArrayAccess.class.getDeclaredField("siteTime");
        siteTime.setAccessible(true);
        siteTime.setLong(record, siteTime.getLong(record) + 1);
    }

    @Test
    void accessesOrderedByARelease() {
        ArrayShadow array = shadowOf(new Object[50]);
        for (int i = 0; i < 50; i++) {
            array.writeChecked(first, i, writeSite, reports);
        }

        handOver(first, second);
        for (int i = 0; i < 50; i++) {
            array.readChecked(second, i, readSite, reports);
            array.writeChecked(second, i, writeSite, reports);
        }

        assertThat(reports.races).isEmpty();
    }

    @Test
    void pastTheRefinementCapRangesStayCoarseAndStillNeverConfuseElements() {
        int length = ArrayShadow.RANGE * (ArrayShadow.MAX_REFINED_RANGES + 50);
        ArrayShadow array = shadowOf(new byte[length]);

        for (int round = 0; round < 3; round++) {
            for (int i = 0; i < length; i += 2) {
                array.writeChecked(first, i, writeSite, reports);
                array.writeChecked(second, i + 1, writeSite, reports);
            }
            first.tick();
            second.tick();
        }
        assertThat(reports.races).isEmpty();

        array.writeChecked(first, length - 1, otherSite, reports); // element last written by the second thread
        assertThat(reports.races).containsExactly("write at " + otherSite + " / write at "
            + writeSite);
    }

    private static void handOver(ThreadState from, ThreadState to) {
        to.clock.join(from.clock);
        from.tick();
    }

    private static ArrayShadow shadowOf(Object array) {
        ArrayShadow shadow = new ArrayShadow(array, null, java.lang.reflect.Array.getLength(array), 0);
        shadow.nameId = Fields.register("test.Arrays.data[]", false);
        shadow.named = true;
        return shadow;
    }

    /** A sink that keeps each race as {@code "write at 7 / read at 8"}. */
    static final class Reports implements Sink {
        final List<String> races = new ArrayList<>();

        @Override
        public void threadStarted(Thread started) {
        }

        @Override
        public Object beginContended(Object lock, Thread owner) {
            return null;
        }

        @Override
        public void endContended(Object token, Object lock, String operation, LockSite site) {
        }

        @Override
        public void lockOrder(Object outer, LockSite outerSite, Object inner, LockSite innerSite, String heldIds) {
        }

        @Override
        public void dataRace(String field, boolean write, int site, String otherThread, boolean otherWrite,
                             int otherSite, String heldLocks) {
            races.add((write ? "write" : "read") + " at " + site + " / " + (otherWrite ? "write" : "read")
                + " at " + otherSite);
        }

        @Override
        public void accessStack(String field, boolean write, int site, String heldLocks) {
        }

        @Override
        public void unmodelledSync(int site) {
        }
    }
}
