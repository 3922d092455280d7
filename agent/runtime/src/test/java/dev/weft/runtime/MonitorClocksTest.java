package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The clocks of application objects' monitors, with threads simulated by their states: an owner
 * takes in exactly what earlier owners had when they released, whether a releaser publishes a new
 * copy of its clock or one it published before (its clock changed only in its own entry since),
 * and whether or not it reads that copy (its source released it, see {@link ThreadState#source}).
 */
class MonitorClocksTest {
    /** An object of an instrumented class. */
    static final class Monitor implements Shadowed {
        private final ShadowMap shadows = ShadowMap.create();

        @Override
        public ShadowMap weft$shadows() {
            return shadows;
        }
    }

    private final ThreadState first = new ThreadState(Thread.currentThread(), 0, null);
    private final ThreadState second = new ThreadState(Thread.currentThread(), 1, null);
    private final ThreadState third = new ThreadState(Thread.currentThread(), 2, null);

    @Test
    void anOwnerTakesInWhatTheLastOwnerHadAtItsRelease() {
        Monitor monitor = new Monitor();
        int released = first.clock.get(0);
        MonitorClocks.release(first, monitor);
        MonitorClocks.release(first, new Monitor()); // a later step of the first, not published on this monitor

        MonitorClocks.acquire(second, monitor);

        assertThat(second.clock.get(0)).isEqualTo(released);
    }

    @Test
    void anArraysOwnerTakesInWhatTheLastOwnerHadAtItsRelease() {
        long[] session = new long[2];
        assertThat(MonitorClocks.entering(first, session)).as("no hashed slot").isEqualTo(-1);
        MonitorClocks.acquirePending(first);
        int released = first.clock.get(0);
        MonitorClocks.release(first, session);

        MonitorClocks.entering(second, session);
        MonitorClocks.acquirePending(second);

        assertThat(second.clock.get(0)).isEqualTo(released);
        assertThat(ArrayShadows.monitorOf(third, session)).as("one clock, beside the array's shadow")
            .isSameAs(ArrayShadows.monitorOf(first, session)).isNotNull();
    }

    @Test
    void aThreadFindsAPinnedShadowWithoutTheTableAndItIsTheTables() {
        long[] session = new long[2];
        ShadowMap clock = ArrayShadows.monitorOf(first, session);
        ArrayShadow shadow = ArrayShadows.lookUp(second, session); // from the table: now among its pinned ones
        for (int i = 0; i < ArrayShadows.RECENT; i++) {
            ArrayShadows.lookUp(second, new int[1]); // out of its recent ones
        }

        assertThat(second.pinnedArrays).contains(shadow);
        assertThat(ArrayShadows.lookUp(second, session)).isSameAs(shadow);
        assertThat(shadow.monitor).isSameAs(clock);
    }

    @Test
    void anArrayWhoseShadowCouldNotBePinnedReleasesIntoItsSlotWhichEveryLaterOwnerTakesIn()
        throws InterruptedException {
        java.util.List<int[]> pinned = new java.util.ArrayList<>();
        int[] refused = null;
        while (refused == null) {
            int[] array = new int[1];
            if (ArrayShadows.monitorOf(first, array) == null) {
                refused = array;
            } else {
                pinned.add(array);
            }
        }
        MonitorClocks.acquire(first, refused);
        int released = first.clock.get(0);
        MonitorClocks.release(first, refused);

        MonitorClocks.acquire(second, refused);
        assertThat(second.clock.get(0)).as("through the hashed slot").isEqualTo(released);

        pinned.clear();
        for (int attempt = 0; attempt < 50 && ArrayShadows.monitorOf(third, refused) == null; attempt++) {
            System.gc();
            Thread.sleep(20);
            for (int i = 0; i < 10_000; i++) {
                ArrayShadows.lookUp(third, new int[1]); // inserts purge each segment's collected keys
            }
        }
        assertThat(ArrayShadows.monitorOf(third, refused)).as("pinned once there was room again").isNotNull();
        MonitorClocks.acquire(third, refused);
        assertThat(third.clock.get(0)).as("the slot still taken in").isEqualTo(released);
    }

    @Test
    void aReusedCopyStillPublishesTheReleasersCurrentTime() {
        Monitor one = new Monitor();
        Monitor other = new Monitor();
        MonitorClocks.release(first, one);
        int[] copy = first.published();
        int released = first.clock.get(0);
        MonitorClocks.release(first, other); // nothing learnt in between: the same copy

        assertThat(first.published()).isSameAs(copy);
        MonitorClocks.acquire(second, other);
        assertThat(second.clock.get(0)).isEqualTo(released);
    }

    @Test
    void whatAReleaserLearntReachesTheNextOwner() {
        Monitor fromThird = new Monitor();
        Monitor fromFirst = new Monitor();
        MonitorClocks.release(first, fromFirst); // the first publishes a copy before it learns anything
        int thirdsStep = third.clock.get(2);
        MonitorClocks.release(third, fromThird);
        MonitorClocks.acquire(first, fromThird);
        assertThat(first.clock.get(2)).isEqualTo(thirdsStep);
        MonitorClocks.acquire(first, fromFirst);
        MonitorClocks.release(first, fromFirst); // a new copy: the clock changed in another entry

        MonitorClocks.acquire(second, fromFirst);

        assertThat(second.clock.get(2)).isEqualTo(thirdsStep);
        assertThat(second.clock.get(0)).isEqualTo(first.clock.get(0) - 1);
    }

    @Test
    void whatAReleaserLearntThroughOtherClocksReachesTheNextOwner() {
        Monitor monitor = new Monitor();
        MonitorClocks.release(first, monitor);
        int slot = 2000;
        int thirdsStep = third.clock.get(2);
        SyncClocks.release(slot, third);
        third.tick();
        SyncClocks.acquire(slot, first);
        MonitorClocks.acquire(first, monitor);
        MonitorClocks.release(first, monitor);

        MonitorClocks.acquire(second, monitor);

        assertThat(second.clock.get(2)).isEqualTo(thirdsStep);
    }

    @Test
    void anOwnerThatKnowsTheReleasersStepKeepsItsClock() {
        Monitor monitor = new Monitor();
        MonitorClocks.release(first, monitor);
        MonitorClocks.acquire(second, monitor);
        int[] before = second.clock.snapshot();

        MonitorClocks.acquire(second, monitor);
        MonitorClocks.acquire(first, monitor); // its own release

        assertThat(second.clock.snapshot()).isEqualTo(before);
        assertThat(first.clock.get(1)).isZero();
    }

    @Test
    void aNeverReleasedMonitorOrdersNothing() {
        MonitorClocks.acquire(second, new Monitor());

        assertThat(second.clock.get(0)).isZero();
        assertThat(second.clock.get(1)).isEqualTo(1);
    }

    @Test
    void twoThreadsHandingMonitorsBackAndForthStillLearnAThirdsSteps() {
        Monitor one = new Monitor();
        Monitor other = new Monitor();
        for (int round = 0; round < 5; round++) { // until each is the other's source
            MonitorClocks.acquire(first, one);
            MonitorClocks.release(first, one);
            MonitorClocks.acquire(second, one);
            MonitorClocks.release(second, other);
            MonitorClocks.acquire(first, other);
        }
        assertThat(first.source()).isEqualTo(second.serial);
        assertThat(second.source()).isEqualTo(first.serial);
        int thirdsStep = third.clock.get(2);
        SyncClocks.release(2001, third);
        third.tick();
        SyncClocks.acquire(2001, first); // the first learns of the third elsewhere
        MonitorClocks.release(first, one);

        MonitorClocks.acquire(second, one);

        assertThat(second.clock.get(2)).isEqualTo(thirdsStep);
    }

    @Test
    void twoThreadsTakingTurnsCopyNoClockAndAThirdStillLearnsBoth() {
        Monitor monitor = new Monitor();
        MonitorClocks.acquire(third, monitor); // a third thread's step is known to both
        MonitorClocks.release(third, monitor);
        int[] copy = null;
        int[] expected = null;
        for (int turn = 0; turn < 6; turn++) {
            ThreadState owner = turn % 2 == 0 ? first : second;
            MonitorClocks.acquire(owner, monitor);
            expected = entries(owner.clock); // the last owner's clock at its release
            MonitorClocks.release(owner, monitor);
            if (turn == 3) {
                copy = monitor.weft$shadows().monitorClock;
            }
        }
        assertThat(monitor.weft$shadows().monitorClock).as("the second's copy, kept from turn to turn").isSameAs(copy);
        assertThat(monitor.weft$shadows().monitorExtra).as("the first's time, beside it").isNotEqualTo(Epochs.NONE);
        int[] joined = joined(third.clock, expected);

        MonitorClocks.acquire(third, monitor);

        assertThat(entries(third.clock)).isEqualTo(joined);
    }

    /**
     * Random schedules of three threads taking four monitors and publishing on two hashed slots:
     * after each acquire, a thread's clock is exactly its clock before joined with the releaser's
     * whole clock at the release, as a plain copy would have kept it.
     */
    @Test
    void everyAcquireTakesInExactlyTheReleasersClock() {
        Random random = new Random(42);
        for (int run = 0; run < 200; run++) {
            ThreadState[] threads = {
                new ThreadState(Thread.currentThread(), 0, null),
                new ThreadState(Thread.currentThread(), 1, null),
                new ThreadState(Thread.currentThread(), 2, null),
            };
            Monitor[] monitors = {new Monitor(), new Monitor(), new Monitor(), new Monitor()};
            int[][] copies = new int[monitors.length][];
            int[] owners = {-1, -1, -1, -1};
            int slot = 3000 + run * 2;
            for (int step = 0; step < 300; step++) {
                int t = random.nextInt(threads.length);
                ThreadState thread = threads[t];
                int action = random.nextInt(10);
                if (action == 0) {
                    SyncClocks.release(slot + random.nextInt(2), thread);
                    thread.tick();
                    continue;
                }
                if (action == 1) {
                    SyncClocks.acquire(slot + random.nextInt(2), thread);
                    continue;
                }
                int m = random.nextInt(monitors.length);
                if (owners[m] == -1) {
                    int[] expected = joined(thread.clock, copies[m]);
                    MonitorClocks.acquire(thread, monitors[m]);
                    assertThat(entries(thread.clock)).as("run %d step %d", run, step).isEqualTo(expected);
                    owners[m] = t;
                } else if (owners[m] == t) {
                    copies[m] = entries(thread.clock);
                    MonitorClocks.release(thread, monitors[m]);
                    owners[m] = -1;
                }
            }
        }
    }

    private static int[] entries(VectorClock clock) {
        return ClockEntries.of(clock, 3);
    }

    private static int[] joined(VectorClock clock, int[] copy) {
        int[] entries = entries(clock);
        if (copy != null) {
            ClockEntries.joinInto(entries, copy);
        }
        return entries;
    }
}
