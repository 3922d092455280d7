package dev.weft.schema;

/**
 * The names of weft's own JFR events and of their fields.
 *
 * <p>The agent declares its event classes with these constants ({@code @Name(...)} on the class
 * and on each field) and the CLI reads recordings by the same constants, so the two sides cannot
 * drift apart. Renaming a constant's value breaks old recordings: add, never rename.
 *
 * <p>Every event carries JFR's standard {@code startTime}, {@code eventThread} and (where enabled)
 * {@code stackTrace}; the fields below are what weft adds.
 */
public final class WeftEvents {
    private WeftEvents() {
    }

    /** Prefix shared by all weft event names. */
    public static final String NAMESPACE = "dev.weft.";

    /**
     * A thread was started. The event is committed by the parent thread right after
     * {@code Thread.start()} returned: {@code eventThread} is the parent and {@code stackTrace} is the
     * creation site.
     */
    public static final class ThreadStart {
        private ThreadStart() {
        }

        public static final String NAME = NAMESPACE + "ThreadStart";
        /** {@code long}: {@code Thread.getId()} of the started thread (JFR's {@code javaThreadId}). */
        public static final String STARTED_THREAD_ID = "startedThreadId";
        /** {@code String}: the started thread's name at start. */
        public static final String STARTED_THREAD_NAME = "startedThreadName";
        /** {@code boolean}: whether the started thread is a virtual thread. */
        public static final String VIRTUAL = "virtual";
    }

    /**
     * A thread waited to acquire a {@code java.util.concurrent} lock (duration event: {@code startTime}
     * is when it began to wait, {@code duration} how long). Contended monitors are covered by JFR's
     * own {@code jdk.JavaMonitorEnter}.
     */
    public static final class LockContended {
        private LockContended() {
        }

        public static final String NAME = NAMESPACE + "LockContended";
        /** {@code String}: the lock's class, e.g. {@code java.util.concurrent.locks.ReentrantLock}. */
        public static final String LOCK_CLASS = "lockClass";
        /** {@code long}: the lock's identity within the run (stable for one lock object). */
        public static final String LOCK_ID = "lockId";
        /** {@code String}: the operation that waited, e.g. {@code lock}, {@code readLock}. */
        public static final String OPERATION = "operation";
        /**
         * {@code String}: name of the thread that held the lock when the wait began, or null if
         * unknown. (A name and id rather than a JFR {@code Thread} field: JFR leaves a thread field
         * empty when that thread has ended before the chunk is written.)
         */
        public static final String OWNER_THREAD_NAME = "ownerThreadName";
        /** {@code long}: {@code Thread.getId()} of that thread, or 0 if unknown. */
        public static final String OWNER_THREAD_ID = "ownerThreadId";
        /** {@code String}, {@code String}, {@code int}: the acquisition site in application code. */
        public static final String SITE_CLASS = "siteClass";
        public static final String SITE_METHOD = "siteMethod";
        public static final String SITE_LINE = "siteLine";
    }

    /**
     * Cumulative acquisition counts of one lock acquisition site since the agent started, emitted at
     * the end of each recording chunk (and so at JVM exit). A reader keeps the last value per site.
     */
    public static final class LockStatistics {
        private LockStatistics() {
        }

        public static final String NAME = NAMESPACE + "LockStatistics";
        /** {@code int}: the site's number within this run (stable for the run only). */
        public static final String SITE_ID = "siteId";
        /** {@code String}: {@link LockKinds#MONITOR} or {@link LockKinds#JUC}. */
        public static final String LOCK_KIND = "lockKind";
        /** {@code String}: class of the first lock object seen at the site. */
        public static final String LOCK_CLASS = "lockClass";
        public static final String SITE_CLASS = "siteClass";
        public static final String SITE_METHOD = "siteMethod";
        public static final String SITE_LINE = "siteLine";
        /** {@code long}: acquisitions at the site. */
        public static final String ACQUISITIONS = "acquisitions";
        /**
         * {@code long}: acquisitions that had to wait. Counted by weft for j.u.c. locks; for monitors
         * always 0 (JFR's {@code jdk.JavaMonitorEnter} reports those).
         */
        public static final String CONTENDED = "contended";
        /** {@code long}: total nanoseconds waited by the contended acquisitions (j.u.c. locks). */
        public static final String WAIT_NANOS = "waitNanos";
    }

    /** What the agent was and did: emitted at the end of each recording chunk. */
    public static final class AgentInfo {
        private AgentInfo() {
        }

        public static final String NAME = NAMESPACE + "AgentInfo";
        public static final String VERSION = "weftVersion";
        /** {@code String}: the agent option string as given on the command line. */
        public static final String OPTIONS = "options";
        public static final String JAVA_VERSION = "javaVersion";
        /** {@code long}: classes transformed by weft. */
        public static final String INSTRUMENTED_CLASSES = "instrumentedClasses";
        /** {@code long}: lock acquisition sites instrumented. */
        public static final String LOCK_SITES = "lockSites";
        /** {@code long}: classes weft failed to transform (left unchanged). */
        public static final String TRANSFORM_ERRORS = "transformErrors";
        /** {@code long}: errors caught inside weft's hooks (the application was not affected). */
        public static final String INTERNAL_ERRORS = "internalErrors";
        /** {@code String}: the first internal or transform error, for diagnosis; empty if none. */
        public static final String FIRST_ERROR = "firstError";
    }

    /** Values of {@link LockStatistics#LOCK_KIND}. */
    public static final class LockKinds {
        private LockKinds() {
        }

        /** A {@code synchronized} block or method. */
        public static final String MONITOR = "monitor";
        /** A {@code java.util.concurrent} lock or synchronizer. */
        public static final String JUC = "juc";
    }
}
