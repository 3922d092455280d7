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
        /**
         * {@code long}: j.u.c. locks only: how many holds at this site ended with other threads
         * queued for the lock, i.e. holds that made others wait.
         */
        public static final String BLOCKING_HOLDS = "blockingHolds";
        /** {@code long}: total nanoseconds of those holds (from acquisition to release). */
        public static final String BLOCKING_HOLD_NANOS = "blockingHoldNanos";
    }

    /**
     * A thread acquired a second lock while holding a first: one edge of the lock-order graph,
     * emitted the first time each (first lock, second lock) pair of lock instances is seen. The
     * stack trace is the acquisition stack of the second lock; the first lock's acquisition site is
     * in the fields (its frame is usually in that same stack, further down).
     */
    public static final class LockOrder {
        private LockOrder() {
        }

        public static final String NAME = NAMESPACE + "LockOrder";
        /** {@code long}: identity of the lock held (stable for one lock object within the run). */
        public static final String FIRST_LOCK_ID = "firstLockId";
        public static final String FIRST_LOCK_CLASS = "firstLockClass";
        /** {@code String}: {@link LockKinds#MONITOR} or {@link LockKinds#JUC}. */
        public static final String FIRST_LOCK_KIND = "firstLockKind";
        public static final String FIRST_SITE_CLASS = "firstSiteClass";
        public static final String FIRST_SITE_METHOD = "firstSiteMethod";
        public static final String FIRST_SITE_LINE = "firstSiteLine";
        /** {@code long}: identity of the lock acquired while the first was held. */
        public static final String SECOND_LOCK_ID = "secondLockId";
        public static final String SECOND_LOCK_CLASS = "secondLockClass";
        public static final String SECOND_LOCK_KIND = "secondLockKind";
        public static final String SECOND_SITE_CLASS = "secondSiteClass";
        public static final String SECOND_SITE_METHOD = "secondSiteMethod";
        public static final String SECOND_SITE_LINE = "secondSiteLine";
        /**
         * {@code String}: identities of every lock the thread held when it took the second lock,
         * outermost first, comma-separated (includes the first lock). A cycle whose edges all share
         * a held lock outside the cycle is guarded by that "gate" lock and cannot deadlock.
         */
        public static final String HELD_LOCK_IDS = "heldLockIds";
    }

    /**
     * A live deadlock found while the program ran (monitors and ownable synchronizers): one event
     * per thread in the cycle, all with the same {@link #DEADLOCK_ID}. Written as soon as it is found,
     * so a program that hangs and is then stopped by SIGTERM or {@code System.exit} still reports it.
     */
    public static final class Deadlock {
        private Deadlock() {
        }

        public static final String NAME = NAMESPACE + "Deadlock";
        /** {@code long}: number of the deadlock within the run (1, 2, ...). */
        public static final String DEADLOCK_ID = "deadlockId";
        /** {@code int}: how many threads the cycle has. */
        public static final String THREADS_IN_CYCLE = "threadsInCycle";
        public static final String THREAD_NAME = "threadName";
        public static final String THREAD_ID = "threadId";
        /** {@code String}: the lock this thread waits for, as {@code class@hex-identity}. */
        public static final String WAITING_FOR = "waitingFor";
        /** {@code String}: owner of that lock (another thread of the cycle). */
        public static final String LOCK_OWNER_NAME = "lockOwnerName";
        public static final String LOCK_OWNER_ID = "lockOwnerId";
        /** {@code String}: locks this thread holds, {@code class@hex-identity}, comma-separated. */
        public static final String HELD_LOCKS = "heldLocks";
        /**
         * {@code String}: this thread's stack when the deadlock was found, one frame a line, as
         * {@code pkg.Class.method(File.java:42)}. (A string: JFR's own stack trace of the event
         * would be the detector's.)
         */
        public static final String STACK = "stack";
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
        /** {@code long}: threads race detection has seen (0 without it). */
        public static final String THREADS_SEEN = "threadsSeen";
        /** {@code long}: thread numbers (vector-clock entries) handed out; fewer than threads seen when ended threads' numbers were taken over. */
        public static final String THREAD_NUMBERS = "threadNumbers";
        /**
         * {@code long}: arrays whose race-detection shadows weft dropped because its table of array
         * shadows was full; their history was lost (see docs/ARCHITECTURE.md).
         */
        public static final String ARRAY_SHADOWS_DROPPED = "arrayShadowsDropped";
        /**
         * {@code long}: JDK classes the program loaded whose synchronization weft models, but which
         * did not get the model's instrumentation (0 when every model was applied).
         */
        public static final String MODELS_NOT_APPLIED = "modelsNotApplied";
        /** {@code String}: the first few of those classes, comma-separated; empty if none. */
        public static final String MODELS_NOT_APPLIED_TO = "modelsNotAppliedTo";
    }

    /**
     * A data race: the event thread's access to a field (the event's stack trace and the site
     * fields) and an earlier access by another thread, at least one a write, with no
     * happens-before order between them in this run. Emitted up to 100 times per field and pair of
     * sites.
     */
    public static final class DataRace {
        private DataRace() {
        }

        public static final String NAME = NAMESPACE + "DataRace";
        /**
         * {@code String}: {@code pkg.Class.field}, the class that declares the field; for a race on
         * an object that is not thread-safe (calls on it, {@link #CALL}), the field it was loaded
         * from and its class, {@code pkg.Class.field (java.util.HashMap)}, or only its class,
         * {@code java.util.HashMap instance}.
         */
        public static final String FIELD = "field";
        /**
         * {@code String}: the method the access called on the object, as the code names it
         * ({@code java.util.Map.put}); absent or null for a field access.
         */
        public static final String CALL = "call";
        /** {@code String}: as {@link #CALL}, for the other access. */
        public static final String OTHER_CALL = "otherCall";
        /** {@code String}: {@link Accesses#READ} or {@link Accesses#WRITE}. */
        public static final String ACCESS = "access";
        public static final String SITE_CLASS = "siteClass";
        public static final String SITE_METHOD = "siteMethod";
        public static final String SITE_LINE = "siteLine";
        /** {@code String}: name of the thread of the earlier access. */
        public static final String OTHER_THREAD = "otherThread";
        public static final String OTHER_ACCESS = "otherAccess";
        public static final String OTHER_SITE_CLASS = "otherSiteClass";
        public static final String OTHER_SITE_METHOD = "otherSiteMethod";
        public static final String OTHER_SITE_LINE = "otherSiteLine";
        /**
         * {@code String}: the locks the event thread held at its access, outermost first, one a
         * line, each as {@code lockClass@hexIdentity siteClass.siteMethod:siteLine} (where it was
         * taken; line -1 when unknown); empty when it held none. Absent from recordings of older
         * agents: unknown. What the other thread held is in its {@link AccessStack} event, if any.
         */
        public static final String HELD_LOCKS = "heldLocks";
    }

    /**
     * The stack of an access site that was the <em>earlier</em> access of a data race, taken the next
     * time a thread executed that site (on the detector's slow path) after the race was reported:
     * the agent cannot afford a stack for every access, so it asks for one where a race needs it.
     * At most one per site and run. {@code eventThread} is the thread of that later execution and
     * {@code stackTrace} its stack; it may differ from the stack of the racing access itself.
     */
    public static final class AccessStack {
        private AccessStack() {
        }

        public static final String NAME = NAMESPACE + "AccessStack";
        /** {@code String}: {@code pkg.Class.field} accessed. */
        public static final String FIELD = "field";
        /** {@code String}: {@link Accesses#READ} or {@link Accesses#WRITE}. */
        public static final String ACCESS = "access";
        public static final String SITE_CLASS = "siteClass";
        public static final String SITE_METHOD = "siteMethod";
        public static final String SITE_LINE = "siteLine";
        /** {@code String}: the locks the thread held there, as in {@link DataRace#HELD_LOCKS}. */
        public static final String HELD_LOCKS = "heldLocks";
    }

    /**
     * Application code called a synchronization primitive that weft does not model (a memory fence,
     * {@code LockSupport.park/unpark}, an {@code Unsafe} ordered, volatile or compare-and-swap
     * operation, {@code Thread.onSpinWait}): happens-before edges it makes are unknown to the race
     * detector, so a race between threads that use it may be none. Emitted once per site and
     * thread; {@code eventThread} is the thread.
     */
    public static final class UnmodelledSync {
        private UnmodelledSync() {
        }

        public static final String NAME = NAMESPACE + "UnmodelledSync";
        /** {@code String}: the primitive, e.g. {@code VarHandle.releaseFence}, {@code LockSupport.park}. */
        public static final String PRIMITIVE = "primitive";
        /** {@code String}, {@code String}, {@code int}: the call site in application code. */
        public static final String SITE_CLASS = "siteClass";
        public static final String SITE_METHOD = "siteMethod";
        public static final String SITE_LINE = "siteLine";
    }

    /**
     * Where the application's classes came from: one event per code source (a class directory, a
     * jar) that classes were loaded from, with whose code it is and why weft thinks so. Emitted at
     * the end of each recording chunk, so that the packages are those seen until then (a reader
     * keeps one per location, the last); classes loaded before the recording started are counted
     * too. The CLI attributes a finding's locations by their class's package through these events.
     */
    public static final class CodeSource {
        private CodeSource() {
        }

        public static final String NAME = NAMESPACE + "CodeSource";
        /**
         * {@code String}: the code source's location as the class loader gave it, e.g.
         * {@code file:/srv/app/lib/h2-2.3.232.jar} or {@code file:/work/app/target/classes/}.
         */
        public static final String LOCATION = "location";
        /** {@code String}: {@link Origins#APPLICATION}, {@link Origins#DEPENDENCY} or {@link Origins#UNKNOWN}. */
        public static final String ORIGIN = "origin";
        /**
         * {@code String}: the evidence, in words a report can print after the jar's name, e.g.
         * {@code Maven com.h2database:h2:2.3.232 (META-INF/maven/com.h2database/h2/pom.properties)},
         * {@code OSGi bundle com.h2database 2.3.232}, {@code a class directory}, {@code the main jar
         * (java -jar)}.
         */
        public static final String REASON = "reason";
        /**
         * {@code String}: the packages of the classes loaded from it, sorted, comma-separated; the
         * unnamed package is {@link #UNNAMED_PACKAGE}. At most 1,000.
         */
        public static final String PACKAGES = "packages";
        /** {@code boolean}: whether more packages were seen than {@link #PACKAGES} lists. */
        public static final String PACKAGES_TRUNCATED = "packagesTruncated";
        /** {@code long}: classes loaded from it (after weft started, or found loaded when it did). */
        public static final String CLASSES = "classes";
        /** How {@link #PACKAGES} names the unnamed package. */
        public static final String UNNAMED_PACKAGE = "<unnamed>";
    }

    /** Values of {@link CodeSource#ORIGIN}: whose code a code source holds. */
    public static final class Origins {
        private Origins() {
        }

        /** The application's own code: a class directory, the main jar. */
        public static final String APPLICATION = "application";
        /** A third-party library: a jar with Maven or OSGi metadata, from a repository. */
        public static final String DEPENDENCY = "dependency";
        /** No evidence either way (a jar without metadata, a location weft cannot read). */
        public static final String UNKNOWN = "unknown";
    }

    /** Values of {@link DataRace#ACCESS} and {@link DataRace#OTHER_ACCESS}. */
    public static final class Accesses {
        private Accesses() {
        }

        public static final String READ = "read";
        public static final String WRITE = "write";
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
