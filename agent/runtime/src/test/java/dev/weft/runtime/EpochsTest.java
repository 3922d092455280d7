package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The epoch order with the thread's own epoch as a shortcut: answers exactly as the clock does
 * whenever the clock holds the thread's own time (a thread's clock always does), for no access,
 * the thread's own earlier steps and other threads' steps alike.
 */
class EpochsTest {
    @Test
    void noAccessHappensBeforeEveryThread() {
        ThreadState thread = new ThreadState(Thread.currentThread(), 2, null);

        assertThat(Epochs.happensBefore(Epochs.NONE, thread.epoch, thread.clock)).isTrue();
    }

    @Test
    void theThreadsOwnEarlierStepsHappenBeforeItsCurrentOne() {
        ThreadState thread = new ThreadState(Thread.currentThread(), 3, null);
        long first = thread.epoch;
        thread.tick();
        thread.tick();

        assertThat(Epochs.happensBefore(first, thread.epoch, thread.clock)).isTrue();
        assertThat(Epochs.happensBefore(thread.epoch, thread.epoch, thread.clock)).isTrue();
    }

    @Test
    void anotherThreadsStepNeedsTheClock() {
        ThreadState thread = new ThreadState(Thread.currentThread(), 0, null);
        long otherStep = Epochs.of(1, 5);

        assertThat(Epochs.happensBefore(otherStep, thread.epoch, thread.clock)).isFalse();
        thread.clock.set(1, 5);
        assertThat(Epochs.happensBefore(otherStep, thread.epoch, thread.clock)).isTrue();
    }

    @Test
    void answersAsTheClockOnRandomClocks() {
        Random random = new Random(42);
        for (int round = 0; round < 10_000; round++) {
            int tid = random.nextInt(6);
            ThreadState thread = new ThreadState(Thread.currentThread(), tid, null);
            for (int t = 0; t < 6; t++) {
                if (t != tid && random.nextBoolean()) {
                    thread.clock.set(t, random.nextInt(20));
                }
            }
            for (int steps = random.nextInt(10); steps > 0; steps--) {
                thread.tick();
            }
            int accessTid = random.nextInt(6);
            int bound = accessTid == tid ? thread.clock.get(tid) : 20; // the thread's own steps are never later than now
            long access = random.nextInt(8) == 0 ? Epochs.NONE : Epochs.of(accessTid, 1 + random.nextInt(bound));

            assertThat(Epochs.happensBefore(access, thread.epoch, thread.clock))
                .isEqualTo(Epochs.happensBefore(access, thread.clock));
        }
    }
}
