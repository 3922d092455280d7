package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.LockContended;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name(LockContended.NAME)
@Label("Lock Contended (weft)")
@Category({"weft", "Locks"})
@Description("A thread waited to acquire a java.util.concurrent lock held by another thread")
final class LockContendedEvent extends Event {
    @Name(LockContended.LOCK_CLASS)
    @Label("Lock Class")
    String lockClass;

    @Name(LockContended.LOCK_ID)
    @Label("Lock Identity")
    long lockId;

    @Name(LockContended.OPERATION)
    @Label("Operation")
    String operation;

    @Name(LockContended.OWNER_THREAD_NAME)
    @Label("Owner Thread")
    String ownerThreadName;

    @Name(LockContended.OWNER_THREAD_ID)
    @Label("Owner Thread Id")
    long ownerThreadId;

    @Name(LockContended.SITE_CLASS)
    @Label("Site Class")
    String siteClass;

    @Name(LockContended.SITE_METHOD)
    @Label("Site Method")
    String siteMethod;

    @Name(LockContended.SITE_LINE)
    @Label("Site Line")
    int siteLine;
}
