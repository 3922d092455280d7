package com.acme.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RecentSignupsTest {

    @Test
    void keepsDistinctNamesNewestFirst() {
        RecentSignups recent = new RecentSignups();
        recent.record("a");
        recent.record("b");
        recent.record("c");
        recent.record("a");

        assertThat(recent.newestFirst()).containsExactly("a", "c", "b");
    }

    @Test
    void dropsTheOldestNameWhenFull() {
        RecentSignups recent = new RecentSignups();
        for (int i = 0; i <= RecentSignups.CAPACITY; i++) {
            recent.record("user-" + i);
        }

        assertThat(recent.newestFirst())
                .hasSize(RecentSignups.CAPACITY)
                .startsWith("user-" + RecentSignups.CAPACITY)
                .doesNotContain("user-0");
    }
}
