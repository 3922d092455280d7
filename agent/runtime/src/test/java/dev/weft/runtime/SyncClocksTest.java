package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The hashed synchronization clocks, with threads simulated by their states: an acquire takes in
 * everything released into the slot before it, whichever shortcut it takes (the thread's count of
 * the slot, or a step of the last releaser that covers the slot), and a shortcut is never taken
 * for a clock the thread does not have; random schedules are checked against plain vector clocks.
 */
class SyncClocksTest {
    private static int nextSlot = 1000;

    private final ThreadState first = new ThreadState(Thread.currentThread(), 0, null);
    private final ThreadState second = new ThreadState(Thread.currentThread(), 1, null);
    private final ThreadState third = new ThreadState(Thread.currentThread(), 2, null);
    /** A fresh slot per test: the table is shared across the JVM. */
    private final int slot = nextSlot++;
    private final int otherSlot = nextSlot++;

    @Test
    void anAcquireTakesInWhatTheLastHolderReleased() {
        int firstStep = time(first);
        publish(first, slot);
        SyncClocks.acquire(slot, second);

        assertThat(second.clock.get(0)).isEqualTo(firstStep);
    }

    @Test
    void aThreadThatKnowsTheReleasersStepSkipsTheJoinAndStillHasTheSlotsClock() {
        // the third thread's step reaches the slot through the first, which took it in before releasing
        int thirdStep = time(third);
        publish(third, slot);
        SyncClocks.acquire(slot, first);
        int firstStep = time(first);
        publish(first, slot); // the first covered the slot: the slot is now a copy of its clock
        // the second learns of that step of the first elsewhere
        publish(first, otherSlot);
        SyncClocks.acquire(otherSlot, second);
        assertThat(second.clock.get(0)).isGreaterThan(firstStep);

        SyncClocks.acquire(slot, second);

        assertThat(second.clock.get(2)).isEqualTo(thirdStep);
    }

    @Test
    void releasesOfThreadsThatDidNotTakeInTheSlotAreAllAcquired() {
        int firstStep = time(first);
        publish(first, slot);
        int thirdStep = time(third);
        publish(third, slot); // the third never took in the first's release: the slot is a join
        // the second knows the third's step, but not the first's
        publish(third, otherSlot);
        SyncClocks.acquire(otherSlot, second);
        assertThat(second.clock.get(0)).isLessThan(firstStep);

        SyncClocks.acquire(slot, second);

        assertThat(second.clock.get(0)).isEqualTo(firstStep);
        assertThat(second.clock.get(2)).isGreaterThanOrEqualTo(thirdStep);
    }

    @Test
    void aReleaseAfterNewsFromElsewhereIsAcquiredInFull() {
        publish(first, slot);
        SyncClocks.acquire(slot, second);
        // the second takes in a newer step of the third, then releases into the slot it had covered
        int thirdStep = time(third);
        publish(third, otherSlot);
        SyncClocks.acquire(otherSlot, second);
        publish(second, slot);

        SyncClocks.acquire(slot, first);

        assertThat(first.clock.get(2)).isEqualTo(thirdStep);
        assertThat(first.clock.get(1)).isGreaterThan(0);
    }

    @Test
    void aSlotIsMadeAtItsFirstReleaseAndAnEarlierAcquireTakesInNothing() throws Exception {
        int before = second.clock.get(0);
        SyncClocks.acquire(slot, second);
        assertThat(made(slot)).as("an acquire makes no clock").isFalse();
        assertThat(second.clock.get(0)).isEqualTo(before);

        int firstStep = time(first);
        publish(first, slot);
        SyncClocks.acquire(slot, second);

        assertThat(made(slot)).isTrue();
        assertThat(second.clock.get(0)).isEqualTo(firstStep);
    }

    @Test
    void anExchangeTakesInWhatOthersReleasedAndPublishesItAll() {
        int firstStep = time(first);
        publish(first, slot);
        int thirdStep = time(third);
        SyncClocks.exchange(slot, third);
        third.tick();

        assertThat(third.clock.get(0)).isEqualTo(firstStep);
        SyncClocks.acquire(slot, second);
        assertThat(second.clock.get(0)).isEqualTo(firstStep);
        assertThat(second.clock.get(2)).isEqualTo(thirdStep);
    }

    @Test
    void concurrentProducersAreAllSeenByALaterConsumer() {
        int firstStep = time(first);
        int thirdStep = time(third);
        publish(first, slot);
        publish(third, slot); // the third never took in the first's release
        publish(first, slot); // nor the first the third's

        SyncClocks.acquire(slot, second);

        assertThat(second.clock.get(0)).isGreaterThan(firstStep);
        assertThat(second.clock.get(2)).isEqualTo(thirdStep);
    }

    @Test
    void joinCoveredTellsWhetherTheClockWasWithinTheOther() {
        VectorClock mine = new VectorClock();
        mine.set(0, 3);
        mine.set(1, 2);
        VectorClock larger = new VectorClock();
        larger.set(0, 4);
        larger.set(1, 2);
        larger.set(5, 1);
        VectorClock other = new VectorClock();
        other.set(0, 9);

        assertThat(mine.joinCovered(larger)).isTrue();
        assertThat(mine.get(5)).isEqualTo(1);
        assertThat(mine.joinCovered(other)).isFalse();
        assertThat(mine.get(0)).isEqualTo(9);
        assertThat(mine.get(1)).isEqualTo(2);
    }

    /**
     * Random schedules of four threads releasing into, acquiring from and exchanging with three
     * slots, against plain vector clocks (a slot's clock the join of every release into it, an
     * acquire a join of that): after every step each thread's clock is exactly the reference's,
     * whichever shortcut the slots took (the thread's count of the slot, a step of the last
     * releaser that covers the slot, an exchange's copy) — none takes in less, none more. A release may be
     * skipped (and the thread's step not ended) only where the slot already has everything the
     * thread has but its current step, in which it recorded no access.
     */
    @Test
    void slotsAgreeWithPlainVectorClocksOnRandomSchedules() {
        Random random = new Random(7);
        int threadCount = 4;
        int skipped = 0;
        for (int run = 0; run < 300; run++) {
            int[][] reference = new int[threadCount][threadCount];
            ThreadState[] threads = ClockEntries.threads(reference);
            int base = nextSlot;
            nextSlot += 3;
            int[][] slots = new int[3][threadCount];
            for (int step = 0; step < 400; step++) {
                int t = random.nextInt(threadCount);
                ThreadState thread = threads[t];
                int s = random.nextInt(3);
                int action = random.nextInt(5);
                if (action == 0 || action == 1) {
                    boolean accessed = random.nextInt(3) != 0;
                    thread.accessedThisStep |= accessed;
                    boolean nothingNew = !thread.accessedThisStep && coversButOwnStep(slots[s], reference[t], t);
                    int before = thread.clock.get(t);
                    if (action == 0) {
                        SyncClocks.publish(base + s, thread);
                    } else {
                        SyncClocks.publishExchange(base + s, thread);
                    }
                    if (thread.clock.get(t) == before) {
                        // skipped: only where a release would have published nothing an acquirer can use
                        assertThat(nothingNew).as("run %d step %d: a release skipped", run, step).isTrue();
                        skipped++;
                    } else {
                        ClockEntries.joinInto(slots[s], reference[t]);
                        if (action == 1) {
                            ClockEntries.joinInto(reference[t], slots[s]);
                        }
                        reference[t][t]++;
                    }
                } else if (action == 2) {
                    SyncClocks.release(base + s, thread);
                    thread.tick();
                    ClockEntries.joinInto(slots[s], reference[t]);
                    reference[t][t]++;
                } else {
                    SyncClocks.acquire(base + s, thread);
                    ClockEntries.joinInto(reference[t], slots[s]);
                }
                for (int u = 0; u < threadCount; u++) {
                    assertThat(ClockEntries.of(threads[u].clock, threadCount)).as("run %d step %d thread %d", run, step, u)
                        .isEqualTo(reference[u]);
                }
            }
        }
        assertThat(skipped).as("releases that published nothing new were skipped").isGreaterThan(100);
    }

    /** Whether the slot's clock has all of the thread's but the step it is in (which has the step before). */
    private static boolean coversButOwnStep(int[] slot, int[] thread, int tid) {
        for (int i = 0; i < slot.length; i++) {
            if (slot[i] < (i == tid ? thread[i] - 1 : thread[i])) {
                return false;
            }
        }
        return true;
    }



    private static boolean made(int slot) throws Exception {
        java.lang.reflect.Field clocks = SyncClocks.class.getDeclaredField("CLOCKS");
        clocks.setAccessible(true);
        return ((Object[]) clocks.get(null))[slot] != null;
    }

    private static int time(ThreadState thread) {
        return thread.clock.get(thread.tid);
    }

    private static void publish(ThreadState thread, int slot) {
        SyncClocks.release(slot, thread);
        thread.tick();
    }
}
