package dev.weft.cli.testing;

import dev.weft.schema.JdkEvents;
import dev.weft.schema.WeftEvents;
import jdk.jfr.Event;
import jdk.jfr.Name;
import jdk.jfr.Registered;

/**
 * Stand-ins for the agent's events, declared by the schema's names exactly as the agent declares
 * them, so recordings made in tests look to the CLI like recordings made with the agent.
 */
public final class WeftTestEvents {
    private WeftTestEvents() {
    }

    @Name(WeftEvents.LockStatistics.NAME)
    public static final class LockStatistics extends Event {
        @Name(WeftEvents.LockStatistics.SITE_ID)
        public int siteId;
        @Name(WeftEvents.LockStatistics.LOCK_KIND)
        public String lockKind;
        @Name(WeftEvents.LockStatistics.LOCK_CLASS)
        public String lockClass;
        @Name(WeftEvents.LockStatistics.SITE_CLASS)
        public String siteClass;
        @Name(WeftEvents.LockStatistics.SITE_METHOD)
        public String siteMethod;
        @Name(WeftEvents.LockStatistics.SITE_LINE)
        public int siteLine;
        @Name(WeftEvents.LockStatistics.ACQUISITIONS)
        public long acquisitions;
        @Name(WeftEvents.LockStatistics.CONTENDED)
        public long contended;
        @Name(WeftEvents.LockStatistics.WAIT_NANOS)
        public long waitNanos;
        @Name(WeftEvents.LockStatistics.BLOCKING_HOLDS)
        public long blockingHolds;
        @Name(WeftEvents.LockStatistics.BLOCKING_HOLD_NANOS)
        public long blockingHoldNanos;
    }

    @Name(WeftEvents.LockContended.NAME)
    public static final class LockContended extends Event {
        @Name(WeftEvents.LockContended.LOCK_CLASS)
        public String lockClass;
        @Name(WeftEvents.LockContended.LOCK_ID)
        public long lockId;
        @Name(WeftEvents.LockContended.OPERATION)
        public String operation;
        @Name(WeftEvents.LockContended.OWNER_THREAD_NAME)
        public String ownerThreadName;
        @Name(WeftEvents.LockContended.OWNER_THREAD_ID)
        public long ownerThreadId;
        @Name(WeftEvents.LockContended.SITE_CLASS)
        public String siteClass;
        @Name(WeftEvents.LockContended.SITE_METHOD)
        public String siteMethod;
        @Name(WeftEvents.LockContended.SITE_LINE)
        public int siteLine;
    }

    @Name(WeftEvents.ThreadStart.NAME)
    public static final class ThreadStart extends Event {
        @Name(WeftEvents.ThreadStart.STARTED_THREAD_ID)
        public long startedThreadId;
        @Name(WeftEvents.ThreadStart.STARTED_THREAD_NAME)
        public String startedThreadName;
        @Name(WeftEvents.ThreadStart.VIRTUAL)
        public boolean virtual;
    }

    @Name(WeftEvents.LockOrder.NAME)
    public static final class LockOrder extends Event {
        @Name(WeftEvents.LockOrder.FIRST_LOCK_ID)
        public long firstLockId;
        @Name(WeftEvents.LockOrder.FIRST_LOCK_CLASS)
        public String firstLockClass;
        @Name(WeftEvents.LockOrder.FIRST_LOCK_KIND)
        public String firstLockKind;
        @Name(WeftEvents.LockOrder.FIRST_SITE_CLASS)
        public String firstSiteClass;
        @Name(WeftEvents.LockOrder.FIRST_SITE_METHOD)
        public String firstSiteMethod;
        @Name(WeftEvents.LockOrder.FIRST_SITE_LINE)
        public int firstSiteLine;
        @Name(WeftEvents.LockOrder.SECOND_LOCK_ID)
        public long secondLockId;
        @Name(WeftEvents.LockOrder.SECOND_LOCK_CLASS)
        public String secondLockClass;
        @Name(WeftEvents.LockOrder.SECOND_LOCK_KIND)
        public String secondLockKind;
        @Name(WeftEvents.LockOrder.SECOND_SITE_CLASS)
        public String secondSiteClass;
        @Name(WeftEvents.LockOrder.SECOND_SITE_METHOD)
        public String secondSiteMethod;
        @Name(WeftEvents.LockOrder.SECOND_SITE_LINE)
        public int secondSiteLine;
        @Name(WeftEvents.LockOrder.HELD_LOCK_IDS)
        public String heldLockIds;
    }

    @Name(WeftEvents.Deadlock.NAME)
    public static final class Deadlock extends Event {
        @Name(WeftEvents.Deadlock.DEADLOCK_ID)
        public long deadlockId;
        @Name(WeftEvents.Deadlock.THREADS_IN_CYCLE)
        public int threadsInCycle;
        @Name(WeftEvents.Deadlock.THREAD_NAME)
        public String threadName;
        @Name(WeftEvents.Deadlock.THREAD_ID)
        public long threadId;
        @Name(WeftEvents.Deadlock.WAITING_FOR)
        public String waitingFor;
        @Name(WeftEvents.Deadlock.LOCK_OWNER_NAME)
        public String lockOwnerName;
        @Name(WeftEvents.Deadlock.LOCK_OWNER_ID)
        public long lockOwnerId;
        @Name(WeftEvents.Deadlock.HELD_LOCKS)
        public String heldLocks;
        @Name(WeftEvents.Deadlock.STACK)
        public String stack;
    }

    /**
     * JFR's own {@code jdk.VirtualThreadPinned} by name, for tests on a JDK that has no virtual
     * threads: a duration event whose thread and stack are the pinned thread's, as JFR's is.
     */
    @Name(JdkEvents.VIRTUAL_THREAD_PINNED)
    public static final class VirtualThreadPinned extends Event {
    }

    /**
     * Registered only while a test records with race detection ({@link TestRecording#withRaceDetection}),
     * as the agent registers its event only with {@code races=on}: other recordings must not declare it.
     */
    @Name(WeftEvents.DataRace.NAME)
    @Registered(false)
    public static final class DataRace extends Event {
        @Name(WeftEvents.DataRace.FIELD)
        public String field;
        @Name(WeftEvents.DataRace.ACCESS)
        public String access;
        @Name(WeftEvents.DataRace.SITE_CLASS)
        public String siteClass;
        @Name(WeftEvents.DataRace.SITE_METHOD)
        public String siteMethod;
        @Name(WeftEvents.DataRace.SITE_LINE)
        public int siteLine;
        @Name(WeftEvents.DataRace.OTHER_THREAD)
        public String otherThread;
        @Name(WeftEvents.DataRace.OTHER_ACCESS)
        public String otherAccess;
        @Name(WeftEvents.DataRace.OTHER_SITE_CLASS)
        public String otherSiteClass;
        @Name(WeftEvents.DataRace.OTHER_SITE_METHOD)
        public String otherSiteMethod;
        @Name(WeftEvents.DataRace.OTHER_SITE_LINE)
        public int otherSiteLine;
        @Name(WeftEvents.DataRace.CALL)
        public String call;
        @Name(WeftEvents.DataRace.OTHER_CALL)
        public String otherCall;
        @Name(WeftEvents.DataRace.HELD_LOCKS)
        public String heldLocks;
    }

    @Name(WeftEvents.AccessStack.NAME)
    public static final class AccessStack extends Event {
        @Name(WeftEvents.AccessStack.FIELD)
        public String field;
        @Name(WeftEvents.AccessStack.ACCESS)
        public String access;
        @Name(WeftEvents.AccessStack.SITE_CLASS)
        public String siteClass;
        @Name(WeftEvents.AccessStack.SITE_METHOD)
        public String siteMethod;
        @Name(WeftEvents.AccessStack.SITE_LINE)
        public int siteLine;
        @Name(WeftEvents.AccessStack.HELD_LOCKS)
        public String heldLocks;
    }

    @Name(WeftEvents.UnmodelledSync.NAME)
    public static final class UnmodelledSync extends Event {
        @Name(WeftEvents.UnmodelledSync.PRIMITIVE)
        public String primitive;
        @Name(WeftEvents.UnmodelledSync.SITE_CLASS)
        public String siteClass;
        @Name(WeftEvents.UnmodelledSync.SITE_METHOD)
        public String siteMethod;
        @Name(WeftEvents.UnmodelledSync.SITE_LINE)
        public int siteLine;
    }

    @Name(WeftEvents.CodeSource.NAME)
    public static final class CodeSource extends Event {
        @Name(WeftEvents.CodeSource.LOCATION)
        public String location;
        @Name(WeftEvents.CodeSource.ORIGIN)
        public String origin;
        @Name(WeftEvents.CodeSource.REASON)
        public String reason;
        @Name(WeftEvents.CodeSource.PACKAGES)
        public String packages;
        @Name(WeftEvents.CodeSource.PACKAGES_TRUNCATED)
        public boolean packagesTruncated;
        @Name(WeftEvents.CodeSource.CLASSES)
        public long classes;

        /** Writes one code source as the agent does at the end of a chunk. */
        public static void commit(String location, String origin, String reason, String... packages) {
            CodeSource event = new CodeSource();
            event.location = location;
            event.origin = origin;
            event.reason = reason;
            event.packages = String.join(",", packages);
            event.classes = packages.length;
            event.commit();
        }
    }

    @Name(WeftEvents.AgentInfo.NAME)
    public static final class AgentInfo extends Event {
        @Name(WeftEvents.AgentInfo.VERSION)
        public String weftVersion;
        @Name(WeftEvents.AgentInfo.OPTIONS)
        public String options;
        @Name(WeftEvents.AgentInfo.JAVA_VERSION)
        public String javaVersion;
        @Name(WeftEvents.AgentInfo.INSTRUMENTED_CLASSES)
        public long instrumentedClasses;
        @Name(WeftEvents.AgentInfo.LOCK_SITES)
        public long lockSites;
        @Name(WeftEvents.AgentInfo.TRANSFORM_ERRORS)
        public long transformErrors;
        @Name(WeftEvents.AgentInfo.INTERNAL_ERRORS)
        public long internalErrors;
        @Name(WeftEvents.AgentInfo.FIRST_ERROR)
        public String firstError;
        @Name(WeftEvents.AgentInfo.MODELS_NOT_APPLIED)
        public long modelsNotApplied;
        @Name(WeftEvents.AgentInfo.MODELS_NOT_APPLIED_TO)
        public String modelsNotAppliedTo;
    }
}
