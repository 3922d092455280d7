package dev.weft.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A lock site's counters: none until it first counts, then every count. */
class LockSiteTest {
    @Test
    void aSiteThatNeverRanCountsNothingAndHoldsNoStripes() throws Exception {
        LockSite site = new LockSite("juc", "com.acme.Service", "run", 12);

        assertThat(site.acquisitions()).isZero();
        assertThat(site.waitNanos()).isZero();
        assertThat(stripes(site)).isNull();
    }

    @Test
    void everyCountIsKept() {
        LockSite site = new LockSite("monitor", "com.acme.Service", "run", 12);

        site.acquired(new Object());
        site.acquired(new Object());
        site.waited(5);
        site.blockingHold(7);

        assertThat(site.acquisitions()).isEqualTo(2);
        assertThat(site.contended()).isEqualTo(1);
        assertThat(site.waitNanos()).isEqualTo(5);
        assertThat(site.blockingHolds()).isEqualTo(1);
        assertThat(site.blockingHoldNanos()).isEqualTo(7);
        assertThat(site.lockClass()).isEqualTo("java.lang.Object");
    }

    private static Object stripes(LockSite site) throws Exception {
        java.lang.reflect.Field counters = LockSite.class.getDeclaredField("counters");
        counters.setAccessible(true);
        return counters.get(site);
    }
}
