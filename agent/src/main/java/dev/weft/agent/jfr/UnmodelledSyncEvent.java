package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.UnmodelledSync;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(UnmodelledSync.NAME)
@Label("Unmodelled Synchronization (weft)")
@Category({"weft", "Races"})
@Description("Application code used a synchronization primitive that the race detector does not model; once per"
    + " site and thread")
@StackTrace(false)
final class UnmodelledSyncEvent extends Event {
    @Name(UnmodelledSync.PRIMITIVE)
    @Label("Primitive")
    String primitive;

    @Name(UnmodelledSync.SITE_CLASS)
    @Label("Site Class")
    String siteClass;

    @Name(UnmodelledSync.SITE_METHOD)
    @Label("Site Method")
    String siteMethod;

    @Name(UnmodelledSync.SITE_LINE)
    @Label("Site Line")
    int siteLine;
}
