package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.LockStatistics;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;
import jdk.jfr.Timespan;

@Name(LockStatistics.NAME)
@Label("Lock Statistics (weft)")
@Category({"weft", "Locks"})
@Description("Cumulative acquisitions of one lock site since the agent started")
@StackTrace(false)
final class LockStatisticsEvent extends Event {
    @Name(LockStatistics.SITE_ID)
    @Label("Site Id")
    int siteId;

    @Name(LockStatistics.LOCK_KIND)
    @Label("Lock Kind")
    String lockKind;

    @Name(LockStatistics.LOCK_CLASS)
    @Label("Lock Class")
    String lockClass;

    @Name(LockStatistics.SITE_CLASS)
    @Label("Site Class")
    String siteClass;

    @Name(LockStatistics.SITE_METHOD)
    @Label("Site Method")
    String siteMethod;

    @Name(LockStatistics.SITE_LINE)
    @Label("Site Line")
    int siteLine;

    @Name(LockStatistics.ACQUISITIONS)
    @Label("Acquisitions")
    long acquisitions;

    @Name(LockStatistics.CONTENDED)
    @Label("Contended")
    long contended;

    @Name(LockStatistics.WAIT_NANOS)
    @Label("Total Wait")
    @Timespan(Timespan.NANOSECONDS)
    long waitNanos;

    @Name(LockStatistics.BLOCKING_HOLDS)
    @Label("Blocking Holds")
    long blockingHolds;

    @Name(LockStatistics.BLOCKING_HOLD_NANOS)
    @Label("Blocking Hold Time")
    @Timespan(Timespan.NANOSECONDS)
    long blockingHoldNanos;
}
