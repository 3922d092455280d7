package dev.weft.cli.testing;

import dev.weft.schema.WeftEvents;
import jdk.jfr.Event;
import jdk.jfr.Name;

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
    }
}
