package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.LockOrder;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name(LockOrder.NAME)
@Label("Lock Order (weft)")
@Category({"weft", "Locks"})
@Description("A lock taken while another was held: an edge of the lock-order graph, first time per pair of locks")
final class LockOrderEvent extends Event {
    @Name(LockOrder.FIRST_LOCK_ID)
    @Label("First Lock Identity")
    long firstLockId;

    @Name(LockOrder.FIRST_LOCK_CLASS)
    @Label("First Lock Class")
    String firstLockClass;

    @Name(LockOrder.FIRST_LOCK_KIND)
    @Label("First Lock Kind")
    String firstLockKind;

    @Name(LockOrder.FIRST_SITE_CLASS)
    @Label("First Site Class")
    String firstSiteClass;

    @Name(LockOrder.FIRST_SITE_METHOD)
    @Label("First Site Method")
    String firstSiteMethod;

    @Name(LockOrder.FIRST_SITE_LINE)
    @Label("First Site Line")
    int firstSiteLine;

    @Name(LockOrder.SECOND_LOCK_ID)
    @Label("Second Lock Identity")
    long secondLockId;

    @Name(LockOrder.SECOND_LOCK_CLASS)
    @Label("Second Lock Class")
    String secondLockClass;

    @Name(LockOrder.SECOND_LOCK_KIND)
    @Label("Second Lock Kind")
    String secondLockKind;

    @Name(LockOrder.SECOND_SITE_CLASS)
    @Label("Second Site Class")
    String secondSiteClass;

    @Name(LockOrder.SECOND_SITE_METHOD)
    @Label("Second Site Method")
    String secondSiteMethod;

    @Name(LockOrder.SECOND_SITE_LINE)
    @Label("Second Site Line")
    int secondSiteLine;

    @Name(LockOrder.HELD_LOCK_IDS)
    @Label("Held Lock Identities")
    String heldLockIds;
}
