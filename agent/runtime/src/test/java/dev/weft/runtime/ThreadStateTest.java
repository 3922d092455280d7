package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** A thread's published clock: its copy and the one entry beside it are the clock, but for its own entry. */
class ThreadStateTest {
    private static final int THREADS = 5;

    @Test
    void theCopyAndItsExtraEntryAreTheClockWhateverChangedIt() {
        Random random = new Random(42);
        for (int schedule = 0; schedule < 200; schedule++) {
            ThreadState thread = new ThreadState(Thread.currentThread(), 2, null);
            int copies = 0;
            int[] lastCopy = null;
            for (int step = 0; step < 40; step++) {
                changeAtRandom(thread, random);
                int[] copy = thread.publishedBase();
                if (copy != lastCopy) {
                    copies++;
                    lastCopy = copy;
                }
                assertThat(published(thread, copy)).as("schedule %d, step %d", schedule, step)
                    .isEqualTo(withoutOwnEntry(ClockEntries.of(thread.clock, THREADS), thread.tid));
            }
            assertThat(copies).as("copies taken in schedule %d", schedule).isLessThan(40);
        }
    }

    @Test
    void aJoinThatRaisesOneOtherEntryKeepsTheCopy() {
        ThreadState thread = new ThreadState(Thread.currentThread(), 0, null);
        VectorClock other = new VectorClock();
        other.set(1, 5);
        int[] copy = thread.publishedBase();

        thread.clock.join(other);

        assertThat(thread.publishedBase()).isSameAs(copy);
        assertThat(thread.publishedExtra()).isEqualTo(Epochs.of(1, 5));
        other.set(3, 2);
        thread.clock.join(other);
        assertThat(thread.publishedBase()).as("two entries beyond it: a new copy").isNotSameAs(copy);
        assertThat(thread.publishedExtra()).isEqualTo(Epochs.NONE);
    }

    /** A join of a random clock, a raise of one entry, or a step of the thread's own time. */
    private static void changeAtRandom(ThreadState thread, Random random) {
        switch (random.nextInt(3)) {
            case 0: {
                VectorClock other = new VectorClock();
                for (int i = 0; i < THREADS; i++) {
                    if (random.nextInt(3) == 0) {
                        other.set(i, thread.clock.get(i) + random.nextInt(3));
                    }
                }
                thread.clock.join(other);
                break;
            }
            case 1: {
                int tid = (thread.tid + 1 + random.nextInt(THREADS - 1)) % THREADS;
                thread.raise(tid, thread.clock.get(tid) + 1);
                break;
            }
            default:
                thread.clock.advance(thread.tid, thread.clock.get(thread.tid) + 1);
        }
    }

    private static int[] published(ThreadState thread, int[] copy) {
        int[] entries = new int[THREADS];
        for (int i = 0; i < THREADS; i++) {
            entries[i] = i < copy.length ? copy[i] : 0;
        }
        long extra = thread.publishedExtra();
        if (extra != Epochs.NONE) {
            entries[Epochs.tid(extra)] = Math.max(entries[Epochs.tid(extra)], Epochs.time(extra));
        }
        return withoutOwnEntry(entries, thread.tid);
    }

    private static int[] withoutOwnEntry(int[] entries, int own) {
        entries[own] = 0;
        return entries;
    }
}
