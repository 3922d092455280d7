package dev.weft.agent.jfr;

import dev.weft.schema.WeftEvents.Deadlock;
import jdk.jfr.Category;
import jdk.jfr.Description;
import jdk.jfr.Event;
import jdk.jfr.Label;
import jdk.jfr.Name;
import jdk.jfr.StackTrace;

@Name(Deadlock.NAME)
@Label("Deadlock (weft)")
@Category({"weft", "Locks"})
@Description("One thread of a live deadlock: what it waits for, who holds it, what it holds, its stack")
@StackTrace(false)
final class DeadlockEvent extends Event {
    @Name(Deadlock.DEADLOCK_ID)
    @Label("Deadlock Number")
    long deadlockId;

    @Name(Deadlock.THREADS_IN_CYCLE)
    @Label("Threads In Cycle")
    int threadsInCycle;

    @Name(Deadlock.THREAD_NAME)
    @Label("Thread Name")
    String threadName;

    @Name(Deadlock.THREAD_ID)
    @Label("Thread Id")
    long threadId;

    @Name(Deadlock.WAITING_FOR)
    @Label("Waiting For")
    String waitingFor;

    @Name(Deadlock.LOCK_OWNER_NAME)
    @Label("Lock Owner Name")
    String lockOwnerName;

    @Name(Deadlock.LOCK_OWNER_ID)
    @Label("Lock Owner Id")
    long lockOwnerId;

    @Name(Deadlock.HELD_LOCKS)
    @Label("Held Locks")
    String heldLocks;

    @Name(Deadlock.STACK)
    @Label("Stack")
    String stack;
}
