package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * The clocks of application objects' monitors, with threads simulated by their states: an owner
 * takes in exactly what earlier owners had when they released, whether a releaser publishes a new
 * copy of its clock or one it published before (its clock changed only in its own entry since).
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
}
