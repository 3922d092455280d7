package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.AccessStack;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name(AccessStack.NAME)
@Label("Access Stack (weft)")
@Category({"weft", "Races"})
@Description("The stack and held locks at a field access site that was the earlier access of a data race, taken"
    + " at the site's next checked execution")
final class AccessStackEvent extends Event {
    @Name(AccessStack.FIELD)
    @Label("Field")
    String field;

    @Name(AccessStack.ACCESS)
    @Label("Access")
    String access;

    @Name(AccessStack.SITE_CLASS)
    @Label("Site Class")
    String siteClass;

    @Name(AccessStack.SITE_METHOD)
    @Label("Site Method")
    String siteMethod;

    @Name(AccessStack.SITE_LINE)
    @Label("Site Line")
    int siteLine;

    @Name(AccessStack.HELD_LOCKS)
    @Label("Held Locks")
    String heldLocks;
}
