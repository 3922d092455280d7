package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The hashed synchronization clocks, with threads simulated by their states: an acquire takes in
 * everything released into the slot before it, whichever shortcut it takes (the thread's count of
 * the slot, or a step of the last releaser that covers the slot), and a shortcut is never taken
 * for a clock the thread does not have.
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
