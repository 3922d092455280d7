package dev.weft.cli.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class FingerprintTest {
    private static final String FIELD = "com.acme.Counter.count";

    @Test
    void isSixteenHexDigits() {
        assertThat(Fingerprint.of("data-race", FIELD, List.of(at("com.acme.Counter", "increment", 42, "w-1"))))
                .matches("[0-9a-f]{16}");
    }

    @Test
    void ignoresLinesThreadsAndTheOrderTheAccessesWereSeenIn() {
        String before = Fingerprint.of("data-race", FIELD, List.of(
                at("com.acme.Counter", "increment", 42, "worker-1"), at("com.acme.Counter", "get", 50, "worker-2")));
        String after = Fingerprint.of("data-race", FIELD, List.of(
                at("com.acme.Counter", "get", 61, "pool-3-thread-7"), at("com.acme.Counter", "increment", 53, null)));

        assertThat(after).isEqualTo(before);
    }

    @Test
    void changesWithTheRuleTheFieldOrAnAccessSite() {
        List<Location> sites = List.of(at("com.acme.Counter", "increment", 42, "w"), at("com.acme.Counter", "get", 50, "w"));
        String original = Fingerprint.of("data-race", FIELD, sites);

        assertThat(Fingerprint.of("atomicity-violation", FIELD, sites)).isNotEqualTo(original);
        assertThat(Fingerprint.of("data-race", "com.acme.Counter.total", sites)).isNotEqualTo(original);
        assertThat(Fingerprint.of("data-race", FIELD, List.of(at("com.acme.Counter", "increment", 42, "w"),
                at("com.acme.Counter", "reset", 50, "w")))).isNotEqualTo(original);
        assertThat(Fingerprint.of("data-race", FIELD, List.of(at("com.acme.Counter", "increment", 42, "w"),
                at("com.acme.Gauge", "get", 50, "w")))).isNotEqualTo(original);
    }

    @Test
    void twoAccessesInOneMethodCountAsOneSite() {
        String once = Fingerprint.of("data-race", FIELD, List.of(at("com.acme.Counter", "increment", 42, "a")));
        String twice = Fingerprint.of("data-race", FIELD, List.of(
                at("com.acme.Counter", "increment", 42, "a"), at("com.acme.Counter", "increment", 43, "b")));

        assertThat(twice).isEqualTo(once);
    }

    @Test
    void namesThatChangeFromRunToRunAreNormalised() {
        List<Location> run1 = List.of(at("com.acme.App$$Lambda$14/0x0000000801001234", "run", -1, "a"),
                at("com.acme.App", "lambda$main$0", 12, "b"));
        List<Location> run2 = List.of(at("com.acme.App$$Lambda/0x00007f3a2c0a1c58", "run", -1, "a"),
                at("com.acme.App", "lambda$main$3", 14, "b"));

        assertThat(Fingerprint.of("shared-jdbc-connection", "org.h2.jdbc.JdbcConnection@1b6d3586", run1))
                .isEqualTo(Fingerprint.of("shared-jdbc-connection", "org.h2.jdbc.JdbcConnection@7a81197d", run2));
        assertThat(Fingerprint.sites(run2)).containsExactly("com.acme.App$$Lambda.run", "com.acme.App.lambda$main");
    }

    @Test
    void aFindingWithoutFieldOrLocationsStillHasOne() {
        assertThat(Fingerprint.of("deadlock", null, List.of())).matches("[0-9a-f]{16}")
                .isNotEqualTo(Fingerprint.of("lock-order-inversion", null, List.of()));
    }

    private static Location at(String className, String method, int line, String thread) {
        return new Location(new Frame(className, method, line), thread);
    }
}
