package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The clocks of read/write locks, with threads simulated by their states: readers publish into
 * entries of their own, and a writer takes in exactly what a plain readers' clock (the join of
 * every read unlock) would have given it.
 */
class LockClocksTest {
    private static int nextSlot = 5000;

    @Test
    void aWriterTakesInEveryReadersLastRelease() {
        ThreadState first = new ThreadState(Thread.currentThread(), 0, null);
        ThreadState second = new ThreadState(Thread.currentThread(), 1, null);
        ThreadState writer = new ThreadState(Thread.currentThread(), 2, null);
        int readers = nextSlot++;
        int firstStep = first.clock.get(0);
        LockClocks.releaseRead(first, readers);
        int secondStep = second.clock.get(1);
        LockClocks.releaseRead(second, readers);

        LockClocks.acquireReaders(writer, readers);

        assertThat(writer.clock.get(0)).isEqualTo(firstStep);
        assertThat(writer.clock.get(1)).isEqualTo(secondStep);
    }

    @Test
    void readersDoNotOrderOneAnother() {
        ThreadState first = new ThreadState(Thread.currentThread(), 0, null);
        ThreadState second = new ThreadState(Thread.currentThread(), 1, null);
        int readers = nextSlot++;
        LockClocks.releaseRead(first, readers);
        LockClocks.releaseRead(second, readers);

        assertThat(second.clock.get(0)).isZero();
        assertThat(first.clock.get(1)).isZero();
    }

    /**
     * Random schedules of four threads read-locking, read-unlocking, write-locking and
     * write-unlocking two read/write locks (no mutual exclusion is simulated: the clocks do not
     * depend on it), against plain vector clocks — a writers' clock every holder joins, a readers'
     * clock that every read unlock joins into and every writer joins: after each step each
     * thread's clock is exactly the reference's.
     */
    @Test
    void writersAgreeWithAPlainReadersClockOnRandomSchedules() {
        Random random = new Random(11);
        int threadCount = 4;
        for (int run = 0; run < 300; run++) {
            int[][] reference = new int[threadCount][threadCount];
            ThreadState[] threads = ClockEntries.threads(reference);
            int[] writersSlots = {nextSlot++, nextSlot++};
            int[] readersSlots = {nextSlot++, nextSlot++};
            int[][] writersClocks = new int[2][threadCount];
            int[][] readersClocks = new int[2][threadCount];
            for (int step = 0; step < 300; step++) {
                int t = random.nextInt(threadCount);
                ThreadState thread = threads[t];
                int lock = random.nextInt(2);
                thread.accessedThisStep = true;
                switch (random.nextInt(4)) {
                    case 0: // read lock
                        SyncClocks.acquire(writersSlots[lock], thread);
                        ClockEntries.joinInto(reference[t], writersClocks[lock]);
                        break;
                    case 1: // read unlock
                        LockClocks.releaseRead(thread, readersSlots[lock]);
                        ClockEntries.joinInto(readersClocks[lock], reference[t]);
                        reference[t][t]++;
                        break;
                    case 2: // write lock
                        SyncClocks.acquire(writersSlots[lock], thread);
                        LockClocks.acquireReaders(thread, readersSlots[lock]);
                        ClockEntries.joinInto(reference[t], writersClocks[lock]);
                        ClockEntries.joinInto(reference[t], readersClocks[lock]);
                        break;
                    default: // write unlock
                        SyncClocks.publish(writersSlots[lock], thread);
                        ClockEntries.joinInto(writersClocks[lock], reference[t]);
                        reference[t][t]++;
                        break;
                }
                for (int u = 0; u < threadCount; u++) {
                    assertThat(ClockEntries.of(threads[u].clock, threadCount)).as("run %d step %d thread %d", run, step, u)
                        .isEqualTo(reference[u]);
                }
            }
        }
    }


}
