package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.ThreadStart;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;

@Name(ThreadStart.NAME)
@Label("Thread Start (weft)")
@Category({"weft", "Threads"})
@Description("A thread started by the event thread; the stack trace is the creation site")
final class ThreadStartEvent extends Event {
    @Name(ThreadStart.STARTED_THREAD_ID)
    @Label("Started Thread Id")
    long startedThreadId;

    @Name(ThreadStart.STARTED_THREAD_NAME)
    @Label("Started Thread Name")
    String startedThreadName;

    @Name(ThreadStart.VIRTUAL)
    @Label("Virtual")
    boolean virtual;
}
