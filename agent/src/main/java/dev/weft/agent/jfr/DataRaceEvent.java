package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.DataRace;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name(DataRace.NAME)
@Label("Data Race (weft)")
@Category({"weft", "Races"})
@Description("Two accesses to a field, or two calls on an object that is not thread-safe, from different threads,"
    + " at least one a write, not ordered by happens-before")
final class DataRaceEvent extends Event {
    @Name(DataRace.FIELD)
    @Label("Field")
    String field;

    @Name(DataRace.ACCESS)
    @Label("Access")
    String access;

    @Name(DataRace.SITE_CLASS)
    @Label("Site Class")
    String siteClass;

    @Name(DataRace.SITE_METHOD)
    @Label("Site Method")
    String siteMethod;

    @Name(DataRace.SITE_LINE)
    @Label("Site Line")
    int siteLine;

    @Name(DataRace.OTHER_THREAD)
    @Label("Other Thread")
    String otherThread;

    @Name(DataRace.OTHER_ACCESS)
    @Label("Other Access")
    String otherAccess;

    @Name(DataRace.OTHER_SITE_CLASS)
    @Label("Other Site Class")
    String otherSiteClass;

    @Name(DataRace.OTHER_SITE_METHOD)
    @Label("Other Site Method")
    String otherSiteMethod;

    @Name(DataRace.OTHER_SITE_LINE)
    @Label("Other Site Line")
    int otherSiteLine;

    @Name(DataRace.HELD_LOCKS)
    @Label("Held Locks")
    String heldLocks;

    @Name(DataRace.CALL)
    @Label("Call")
    @Description("The method called on the object, for a race between calls on an object that is not thread-safe")
    String call;

    @Name(DataRace.OTHER_CALL)
    @Label("Other Call")
    String otherCall;
}
