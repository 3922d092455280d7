package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class WaitDistributionTest {
    @Test
    void percentilesAreNearestRank() {
        WaitDistribution waits = new WaitDistribution();
        for (long wait = 100; wait >= 1; wait--) {
            waits.add(wait);
        }

        assertThat(waits.count()).isEqualTo(100);
        assertThat(waits.total()).isEqualTo(5050);
        assertThat(waits.percentile(50)).isEqualTo(50);
        assertThat(waits.percentile(99)).isEqualTo(99);
        assertThat(waits.percentile(100)).isEqualTo(100);
        assertThat(waits.max()).isEqualTo(100);
    }

    @Test
    void aSingleWaitIsEveryPercentile() {
        WaitDistribution waits = new WaitDistribution();
        waits.add(7);

        assertThat(waits.percentile(50)).isEqualTo(7);
        assertThat(waits.percentile(99)).isEqualTo(7);
    }

    @Test
    void manyWaitsMoveToAHistogramWithinThreePercent() {
        WaitDistribution waits = new WaitDistribution();
        int count = WaitDistribution.EXACT_LIMIT * 3;
        for (int i = 1; i <= count; i++) {
            waits.add(i * 1_000L);
        }

        assertThat(waits.count()).isEqualTo(count);
        assertThat(waits.max()).isEqualTo(count * 1_000L);
        assertThat((double) waits.percentile(50)).isCloseTo(count / 2 * 1_000.0, within(count / 2 * 1_000.0 * 0.03));
        assertThat((double) waits.percentile(99)).isCloseTo(count * 0.99 * 1_000, within(count * 0.99 * 1_000 * 0.03));
    }

    @Test
    void mergingKeepsEveryWait() {
        WaitDistribution exact = new WaitDistribution();
        exact.add(10);
        WaitDistribution large = new WaitDistribution();
        for (int i = 0; i <= WaitDistribution.EXACT_LIMIT; i++) {
            large.add(1_000);
        }

        exact.addAll(large);

        assertThat(exact.count()).isEqualTo(WaitDistribution.EXACT_LIMIT + 2L);
        assertThat(exact.total()).isEqualTo(10 + (WaitDistribution.EXACT_LIMIT + 1L) * 1_000);
        assertThat(exact.max()).isEqualTo(1_000);
        assertThat(exact.percentile(50)).isBetween(1_000L, 1_031L);
    }
}
