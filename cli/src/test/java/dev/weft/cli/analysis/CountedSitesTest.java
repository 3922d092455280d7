package dev.weft.cli.analysis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.weft.cli.report.Frame;
import dev.weft.cli.report.LockKind;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CountedSitesTest {
    private static final String LOCK = "com.acme.Ledger";
    private static final SiteKey OUTER = monitor("post", 10);
    private static final SiteKey INNER = monitor("post", 14);
    private static final SiteKey ELSEWHERE = monitor("audit", 30);
    private final CountedSites sites = new CountedSites(Set.of(OUTER, INNER, ELSEWHERE));

    @Test
    void theSameSiteIsItself() {
        assertThat(sites.siteFor(INNER)).isSameAs(INNER);
    }

    @Test
    void jfrsFrameInsideTheBlockJoinsTheBlockThatStartsAboveIt() {
        // JFR's stack is taken once the monitor is entered: its line is inside the block
        assertThat(sites.siteFor(monitor("post", 11))).isEqualTo(OUTER);
        assertThat(sites.siteFor(monitor("post", 13))).isEqualTo(OUTER);
        assertThat(sites.siteFor(monitor("post", 15))).as("the innermost block above").isEqualTo(INNER);
        assertThat(sites.siteFor(monitor("audit", 33))).isEqualTo(ELSEWHERE);
    }

    @Test
    void aFrameAboveEverySiteOfItsMethodJoinsTheOnlyOne() {
        assertThat(sites.siteFor(monitor("audit", 12))).isEqualTo(ELSEWHERE);
        assertThat(sites.siteFor(monitor("audit", Frame.UNKNOWN_LINE))).isEqualTo(ELSEWHERE);
    }

    @Test
    void aFrameAboveSeveralSitesOfItsMethodKeepsItsOwnSite() {
        SiteKey above = monitor("post", 5);

        assertThat(sites.siteFor(above)).isSameAs(above);
    }

    @Test
    void anotherMethodOrKindIsNeverJoined() {
        SiteKey otherMethod = monitor("close", 12);
        SiteKey otherKind = new SiteKey(LockKind.JUC, LOCK, new Frame("com.acme.Books", "post", 11));

        assertThat(sites.siteFor(otherMethod)).isSameAs(otherMethod);
        assertThat(sites.siteFor(otherKind)).isSameAs(otherKind);
    }

    @Test
    void twoSitesOnOneLineAreToldApartByTheLockClass() {
        SiteKey ledger = monitor("swap", 20);
        SiteKey journal = new SiteKey(LockKind.MONITOR, "com.acme.Journal", new Frame("com.acme.Books", "swap", 20));
        CountedSites oneLine = new CountedSites(Set.of(ledger, journal));

        assertThat(oneLine.siteFor(new SiteKey(LockKind.MONITOR, "com.acme.Journal",
                new Frame("com.acme.Books", "swap", 21)))).isEqualTo(journal);
        SiteKey unknownClass = new SiteKey(LockKind.MONITOR, "com.acme.Other", new Frame("com.acme.Books", "swap", 21));
        assertThat(oneLine.siteFor(unknownClass)).as("ambiguous: kept apart").isSameAs(unknownClass);
    }

    private static SiteKey monitor(String method, int line) {
        return new SiteKey(LockKind.MONITOR, LOCK, new Frame("com.acme.Books", method, line));
    }
}
