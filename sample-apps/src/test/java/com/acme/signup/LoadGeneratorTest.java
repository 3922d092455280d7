package com.acme.signup;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoadGeneratorTest {

    @Test
    void signsUpOneNamePerRoundUpToFifty() {
        assertThat(LoadGenerator.expectedUsers(8, 400)).isEqualTo(50);
        assertThat(LoadGenerator.expectedUsers(8, 100)).isEqualTo(13);
        assertThat(LoadGenerator.expectedUsers(4, 10_000)).isEqualTo(LoadGenerator.DISTINCT_USERS);
        assertThat(LoadGenerator.expectedUsers(3, 0)).isZero();
    }

    @Test
    void sendsEveryRequestToARunningServer() throws Exception {
        try (SignupServer server = SignupServer.start(Variant.FIXED, 0, 2)) {
            LoadResult result = new LoadGenerator(server.port(), 3, 30).run();

            assertThat(result).isEqualTo(new LoadResult(30, 0));
            assertThat(server.stats().users()).isEqualTo(LoadGenerator.expectedUsers(3, 30));
            assertThat(server.stats().requestsServed()).isEqualTo(30);
        }
    }
}
