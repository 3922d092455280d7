package dev.weft.agent.jfr;

import dev.weft.runtime.AccessSites;
import dev.weft.runtime.LockSite;
import dev.weft.runtime.Sink;
import dev.weft.runtime.UnmodelledSyncSites;
import dev.weft.schema.WeftEvents.Accesses;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;

/** Writes what the hooks report as weft's JFR events. */
final class JfrSink implements Sink {
    private static final MethodHandle IS_VIRTUAL = isVirtualHandle();

    @Override
    public void threadStarted(Thread started) {
        ThreadStartEvent event = new ThreadStartEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.startedThreadId = started.getId();
        event.startedThreadName = started.getName();
        event.virtual = isVirtual(started);
        event.commit();
    }

    @Override
    public Object beginContended(Object lock, Thread owner) {
        LockContendedEvent event = new LockContendedEvent();
        if (!event.isEnabled()) {
            return null;
        }
        if (owner != null) {
            event.ownerThreadName = owner.getName();
            event.ownerThreadId = owner.getId();
        }
        event.begin();
        return event;
    }

    @Override
    public void endContended(Object token, Object lock, String operation, LockSite site) {
        LockContendedEvent event = (LockContendedEvent) token;
        event.end();
        if (event.shouldCommit()) {
            event.lockClass = lock.getClass().getName();
            event.lockId = System.identityHashCode(lock);
            event.operation = operation;
            event.siteClass = site.className();
            event.siteMethod = site.methodName();
            event.siteLine = site.line();
            event.commit();
        }
    }

    @Override
    public void lockOrder(Object outer, LockSite outerSite, Object inner, LockSite innerSite, String heldIds) {
        LockOrderEvent event = new LockOrderEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.firstLockId = System.identityHashCode(outer);
        event.firstLockClass = outer.getClass().getName();
        event.firstLockKind = outerSite.kind();
        event.firstSiteClass = outerSite.className();
        event.firstSiteMethod = outerSite.methodName();
        event.firstSiteLine = outerSite.line();
        event.secondLockId = System.identityHashCode(inner);
        event.secondLockClass = inner.getClass().getName();
        event.secondLockKind = innerSite.kind();
        event.secondSiteClass = innerSite.className();
        event.secondSiteMethod = innerSite.methodName();
        event.secondSiteLine = innerSite.line();
        event.heldLockIds = heldIds;
        event.commit();
    }

    @Override
    public void dataRace(String field, boolean write, int site, String otherThread, boolean otherWrite, int otherSite,
                         String heldLocks) {
        DataRaceEvent event = new DataRaceEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.field = field;
        event.access = write ? Accesses.WRITE : Accesses.READ;
        event.siteClass = AccessSites.className(site);
        event.siteMethod = AccessSites.methodName(site);
        event.siteLine = AccessSites.line(site);
        event.otherThread = otherThread;
        event.otherAccess = otherWrite ? Accesses.WRITE : Accesses.READ;
        event.otherSiteClass = AccessSites.className(otherSite);
        event.otherSiteMethod = AccessSites.methodName(otherSite);
        event.otherSiteLine = AccessSites.line(otherSite);
        event.call = AccessSites.call(site);
        event.otherCall = AccessSites.call(otherSite);
        event.heldLocks = heldLocks;
        event.commit();
    }

    @Override
    public void accessStack(String field, boolean write, int site, String heldLocks) {
        AccessStackEvent event = new AccessStackEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.field = field;
        event.access = write ? Accesses.WRITE : Accesses.READ;
        event.siteClass = AccessSites.className(site);
        event.siteMethod = AccessSites.methodName(site);
        event.siteLine = AccessSites.line(site);
        event.heldLocks = heldLocks;
        event.commit();
    }

    @Override
    public void unmodelledSync(int site) {
        UnmodelledSyncEvent event = new UnmodelledSyncEvent();
        if (!event.isEnabled()) {
            return;
        }
        event.primitive = UnmodelledSyncSites.primitive(site);
        event.siteClass = UnmodelledSyncSites.className(site);
        event.siteMethod = UnmodelledSyncSites.methodName(site);
        event.siteLine = UnmodelledSyncSites.line(site);
        event.commit();
    }

    private static boolean isVirtual(Thread thread) {
        if (IS_VIRTUAL == null) {
            return false;
        }
        try {
            return (boolean) IS_VIRTUAL.invokeExact(thread);
        } catch (Throwable t) {
            return false;
        }
    }

    /** {@code Thread.isVirtual()} exists from JDK 21 on; weft is compiled for 17. */
    private static MethodHandle isVirtualHandle() {
        try {
            return MethodHandles.publicLookup().findVirtual(Thread.class, "isVirtual", MethodType.methodType(boolean.class));
        } catch (ReflectiveOperationException e) {
            return null;
        }
    }
}
