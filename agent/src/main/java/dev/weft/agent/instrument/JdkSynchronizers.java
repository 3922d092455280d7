package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.hasParameters;
import static net.bytebuddy.matcher.ElementMatchers.hasSuperType;
import static net.bytebuddy.matcher.ElementMatchers.hasType;
import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isDeclaredBy;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.whereAny;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK classes whose synchronization race detection models, and how (see
 * {@link SyncObjectAdvice}, {@link ComparisonFences}, {@link CompletionAdvice}, {@link TaskHandoffAdvice},
 * {@link ExecutorAdvice}, {@link CountedCompleterAdvice}, {@link VarHandleAdvice}). Everything that orders memory through
 * one of these objects is covered whatever the object is used for: queues hand-offs, maps,
 * latches, barriers, semaphores, exchangers, phasers, futures, executors, fork/join, atomics,
 * VarHandles and the {@code synchronized} wrappers and legacy collections.
 *
 * <p>Only what the JDK promises the application orders anything: the JDK's own bookkeeping on
 * application threads — class loading, call-site linkage, an executor's internals — is
 * <em>machinery</em> ({@link MachineryAdvice}), whose synchronization the models ignore. Modelled
 * as it is, it ordered threads that merely loaded classes or linked lambdas around the same time,
 * and hid their races now and then.
 */
final class JdkSynchronizers {
    /** Classes whose every method is a synchronized one (monitor semantics: release and acquire). */
    private static final String[] MONITOR_LIKE = {
        "java.util.Collections$SynchronizedCollection", "java.util.Collections$SynchronizedList",
        "java.util.Collections$SynchronizedRandomAccessList", "java.util.Collections$SynchronizedSet",
        "java.util.Collections$SynchronizedSortedSet", "java.util.Collections$SynchronizedNavigableSet",
        "java.util.Collections$SynchronizedMap", "java.util.Collections$SynchronizedSortedMap",
        "java.util.Collections$SynchronizedNavigableMap", "java.util.Vector", "java.util.Hashtable",
        "java.lang.StringBuffer", "java.util.concurrent.CyclicBarrier", "java.util.concurrent.Exchanger",
    };
    /** Classes modelled by direction: publishing methods release, observing ones acquire, the rest both. */
    private static final String[] DIRECTED = {
        "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.LinkedBlockingQueue",
        "java.util.concurrent.LinkedBlockingDeque", "java.util.concurrent.SynchronousQueue",
        "java.util.concurrent.LinkedTransferQueue", "java.util.concurrent.PriorityBlockingQueue",
        "java.util.concurrent.DelayQueue", "java.util.concurrent.ConcurrentLinkedQueue",
        "java.util.concurrent.ConcurrentLinkedDeque", "java.util.concurrent.ConcurrentHashMap",
        "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
        "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
        "java.util.concurrent.FutureTask", "java.util.concurrent.CompletableFuture",
        "java.util.concurrent.CountDownLatch", "java.util.concurrent.Semaphore", "java.util.concurrent.Phaser",
        "java.util.concurrent.ExecutorCompletionService",
        "java.util.concurrent.atomic.AtomicBoolean", "java.util.concurrent.atomic.AtomicInteger",
        "java.util.concurrent.atomic.AtomicLong", "java.util.concurrent.atomic.AtomicReference",
        "java.util.concurrent.atomic.AtomicStampedReference", "java.util.concurrent.atomic.AtomicMarkableReference",
        "java.util.concurrent.atomic.AtomicIntegerArray", "java.util.concurrent.atomic.AtomicLongArray",
        "java.util.concurrent.atomic.AtomicReferenceArray", "java.util.concurrent.atomic.LongAdder",
        "java.util.concurrent.atomic.DoubleAdder", "java.util.concurrent.atomic.LongAccumulator",
        "java.util.concurrent.atomic.DoubleAccumulator",
        // every acquisition (try*, optimistic read + validate, conversions) takes in, unlocks publish
        "java.util.concurrent.locks.StampedLock",
    };
    /**
     * The concurrent maps' methods that store only what their callback returns, which
     * {@link CallbackFences} publishes: they publish nothing at entry ({@link SyncObjectAdvice.CallingBack}); not
     * {@code merge}, which stores the caller's value without calling back when the key is absent.
     * Only the maps among {@link #DIRECTED} have methods of these names.
     */
    private static final String[] STORING_CALLBACK_RESULTS = {"compute", "computeIfAbsent", "computeIfPresent"};
    /** Its action runs inside the last party's {@code await}, in {@code dowait}. */
    private static final String CYCLIC_BARRIER = "java.util.concurrent.CyclicBarrier";
    /** Methods that only publish: plain writes, insertions, completions, count-downs, permits released. */
    private static final String[] PUBLISHING = {
        "set", "lazySet", "setPlain", "setOpaque", "setRelease", "put", "putAll", "offer", "offerFirst", "offerLast",
        "add", "addAll", "addFirst", "addLast", "push", "transfer", "tryTransfer", "complete", "completeExceptionally",
        "completeValue", "completeThrowable", "completeNull", "completeRelay", "obtrudeValue", "obtrudeException",
        "setException", "countDown", "release", "arrive", "arriveAndDeregister", "increment", "decrement",
        "accumulate", "reset", "cancel", "unlockWrite", "unlockRead", "unlock", "tryUnlockWrite", "tryUnlockRead",
    };
    /** Methods that only observe: plain reads, removals, waits, joins, permits acquired. */
    private static final String[] OBSERVING = {
        "get", "getPlain", "getOpaque", "getAcquire", "intValue", "longValue", "doubleValue", "floatValue", "sum",
        "sumThenReset", "take", "poll", "pollFirst", "pollLast", "peek", "peekFirst", "peekLast", "element", "remove",
        "removeFirst", "removeLast", "pop", "drainTo", "getOrDefault", "containsKey", "containsValue", "contains",
        "isEmpty", "size", "iterator", "forEach", "keySet", "values", "entrySet", "join", "getNow", "resultNow",
        "isDone", "isCancelled", "isCompletedExceptionally", "await", "acquire", "acquireUninterruptibly",
        "tryAcquire", "awaitAdvance", "awaitAdvanceInterruptibly", "getCount", "toArray", "firstKey", "lastKey",
        "first", "last", "getFirst", "getLast", "indexOf", "lastIndexOf", "subList", "stream", "getPhase",
    };
    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final String SCHEDULED_POOL = "java.util.concurrent.ScheduledThreadPoolExecutor";
    /** An executor's publishing hand-offs: submissions, a periodic task queued again, a worker's exit. */
    private static final String[] EXECUTOR_PUBLISHING = {
        "execute", "submit", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay", "reExecutePeriodic",
        "processWorkerExit",
    };
    /** An executor's taking hand-offs: a worker handed its next task, awaitTermination. */
    private static final String[] EXECUTOR_TAKING = {"getTask", "awaitTermination"};
    /** Methods of an executor that run the application's code: not machinery. */
    private static final String[] EXECUTOR_RUNNING = {
        "runWorker", "beforeExecute", "afterExecute", "terminated", "reject",
    };
    private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
    /**
     * Fork/join methods that only hand a task over and return at once: they publish, and take in
     * nothing — taking in the pool's clock there would order the submitter after every task the
     * pool completed meanwhile (a task finished before {@code submit} returned hid its races with
     * the submitter's next writes).
     */
    private static final String[] FORK_JOIN_SUBMITTING = {"execute", "submit", "lazySubmit", "externalSubmit", "fork"};
    /** Package-private methods of {@code ForkJoinTask} through which a pool's {@code invoke*} joins. */
    private static final String[] POOL_JOINS = {
        "awaitPoolInvoke", "joinForPoolInvoke", "getForPoolInvoke", "quietlyJoinPoolInvokeAllTask",
    };
    private static final String COUNTED_COMPLETER = "java.util.concurrent.CountedCompleter";
    /** The completions of {@code CompletableFuture} stages with one source, and with two ({@link CompletionAdvice}). */
    private static final String UNI_COMPLETION = "java.util.concurrent.CompletableFuture$UniCompletion";
    private static final String BI_COMPLETION = "java.util.concurrent.CompletableFuture$BiCompletion";
    /** The methods of a counted completer that count down, complete or read its tree's pending counts. */
    private static final String[] COMPLETION = {
        "tryComplete", "propagateCompletion", "complete", "firstComplete", "nextComplete", "quietlyCompleteRoot",
        "helpComplete", "decrementPendingCountUnlessZero", "compareAndSetPendingCount", "addToPendingCount",
        "getPendingCount",
    };
    /** Class loading, whose internal synchronization the models must not mistake for the application's. */
    private static final String[] CLASS_LOADING = {"java.lang.ClassLoader", "jdk.internal.loader.BuiltinClassLoader"};
    /**
     * Other JDK machinery that application threads run and that uses modelled classes for its own
     * bookkeeping, by class and methods: linking call sites and method types (lambdas, string
     * concatenation, a VarHandle's first use; their caches are concurrent maps), JFR's count of
     * thrown exceptions (an atomic every {@code Throwable} constructor bumps), {@code ThreadLocal}'s
     * hash codes (an atomic every new thread-local bumps). Modelled as they are, they ordered any
     * two threads that did these, and hid their races.
     */
    private static final String[][] MACHINERY = {
        {"java.lang.invoke.MethodHandleNatives", "linkCallSite", "linkDynamicConstant", "linkMethod",
            "linkMethodHandleConstant", "findMethodHandleType"},
        {"java.lang.invoke.MethodType", "makeImpl"},
        {"jdk.jfr.internal.instrument.ThrowableTracer", "traceThrowable", "traceError"},
        {"jdk.internal.event.ThrowableTracer", "traceThrowable", "traceError"},
        {"java.lang.ThreadLocal", "nextHashCode"},
    };
    /** The element types of the JDK's VarHandle implementations ({@code VarHandleInts} ...). */
    private static final String[] VAR_HANDLE_TYPES = {
        "Booleans", "Bytes", "Shorts", "Chars", "Ints", "Longs", "Floats", "Doubles", "References",
    };
    private static final String[] BYTE_VIEW_TYPES = {"Chars", "Shorts", "Ints", "Longs", "Floats", "Doubles"};
    private static final String[] VAR_HANDLE_RELEASING = {
        "setVolatile", "setRelease", "compareAndExchangeRelease", "weakCompareAndSetRelease", "getAndSetRelease",
        "getAndAddRelease", "getAndBitwiseOrRelease", "getAndBitwiseAndRelease", "getAndBitwiseXorRelease",
    };
    private static final String[] VAR_HANDLE_ACQUIRING = {
        "getVolatile", "getAcquire", "compareAndExchangeAcquire", "weakCompareAndSetAcquire", "getAndSetAcquire",
        "getAndAddAcquire", "getAndBitwiseOrAcquire", "getAndBitwiseAndAcquire", "getAndBitwiseXorAcquire",
    };
    private static final String[] VAR_HANDLE_BOTH = {
        "compareAndSet", "compareAndExchange", "weakCompareAndSet", "getAndSet", "getAndAdd", "getAndBitwiseOr",
        "getAndBitwiseAnd", "getAndBitwiseXor",
    };
    private static final String[] CONDITIONS = {
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject",
    };

    /** The classes the models name. */
    private static final Set<String> NAMED = namedClasses();
    /**
     * The packages of the boot classes the models match by their super class rather than by name:
     * the JDK's fork/join tasks (bulk tasks of {@code ConcurrentHashMap}, parallel sorts and prefix
     * computations, streams' tasks, {@code BigInteger}'s parallel multiplication on JDK 19+) and
     * {@code CompletableFuture}'s completions. {@code JdkSynchronizersTest} checks that no boot class
     * the models match lies elsewhere.
     */
    private static final Set<String> TASK_PACKAGES = Set.of("java.util", "java.util.concurrent", "java.util.stream",
        "java.math");

    private JdkSynchronizers() {
    }

    /** Adds the models to {@code builder}. */
    static JdkModels modelled(JdkModels builder) {
        ElementMatcher.Junction<MethodDescription> instanceMethods =
            isMethod().and(not(isStatic())).and(not(isPrivate())).and(not(isAbstract())).and(not(isNative()))
                .and(not(isConstructor()));
        ElementMatcher.Junction<MethodDescription> callingBack = instanceMethods
            .and(hasParameters(whereAny(hasType(CallbackFences.callbackTypes()))));
        ElementMatcher.Junction<MethodDescription> plain = instanceMethods.and(not(callingBack));
        ElementMatcher.Junction<MethodDescription> publishing = plain.and(namedOneOf(PUBLISHING));
        ElementMatcher.Junction<MethodDescription> observing = plain.and(namedOneOf(OBSERVING));
        builder = builder
            .type(namedOneOf(MONITOR_LIKE))
            .transform(new PreparedAdvice()
                .advice(callingBack, SyncObjectAdvice.Release.class)
                .advice(callingBack, SyncObjectAdvice.CallingBack.class)
                .rewrite(callingBack.or(isDeclaredBy(named(CYCLIC_BARRIER)).and(named("dowait"))),
                    CallbackFences.AROUND_MONITORS)
                .advice(plain, SyncObjectAdvice.Both.class))
            .type(namedOneOf(DIRECTED))
            .transform(new PreparedAdvice()
                .advice(callingBack.and(not(namedOneOf(STORING_CALLBACK_RESULTS))), SyncObjectAdvice.Release.class)
                .advice(callingBack, SyncObjectAdvice.CallingBack.class)
                .rewrite(callingBack, CallbackFences.AROUND_CALLBACKS)
                .rewrite(isMethod().and(not(isStatic())).and(not(isAbstract())).and(not(isNative())),
                    ComparisonFences.BEFORE_COMPARISONS)
                .advice(publishing, SyncObjectAdvice.Release.class)
                .advice(observing, SyncObjectAdvice.Acquire.class)
                .advice(plain.and(not(namedOneOf(PUBLISHING))).and(not(namedOneOf(OBSERVING))),
                    SyncObjectAdvice.Both.class))
            // submissions publish on the executor; the worker takes that in when getTask hands it the task;
            // a worker's exit publishes everything it ran, which awaitTermination takes in; the rest of
            // what the pool does is machinery (ExecutorAdvice)
            .type(named(THREAD_POOL).or(named(SCHEDULED_POOL)))
            .transform(new PreparedAdvice()
                .advice(namedOneOf(EXECUTOR_PUBLISHING).and(isMethod()).and(not(isStatic())),
                    ExecutorAdvice.Publish.class)
                .advice(namedOneOf(EXECUTOR_TAKING).and(isMethod()).and(not(isStatic())),
                    ExecutorAdvice.Take.class)
                .advice(named("reject").and(isMethod()).and(not(isStatic())), ExecutorAdvice.Reject.class)
                .advice(instanceMethods.and(not(namedOneOf(EXECUTOR_PUBLISHING))).and(not(namedOneOf(EXECUTOR_TAKING)))
                    .and(not(namedOneOf(EXECUTOR_RUNNING))), MachineryAdvice.class))
            // the API only (and the package-private joins the pool's invoke uses): the pool's and the
            // tasks' internal methods, which workers call between tasks, would order workers and
            // submitters far beyond what fork/join promises
            .type(named(FORK_JOIN_POOL))
            .transform(new PreparedAdvice()
                .advice(instanceMethods.and(isPublic()), TaskHandoffAdvice.ForkJoinHandOver.class)
                .advice(instanceMethods.and(isPublic()).and(not(namedOneOf(FORK_JOIN_SUBMITTING))),
                    TaskHandoffAdvice.ForkJoinTakeIn.class))
            .type(named(FORK_JOIN_TASK))
            .transform(new PreparedAdvice()
                .advice(instanceMethods.and(isPublic().or(namedOneOf(POOL_JOINS))),
                    TaskHandoffAdvice.ForkJoinHandOver.class)
                .advice(instanceMethods.and(isPublic().or(namedOneOf(POOL_JOINS)))
                        .and(not(namedOneOf(FORK_JOIN_SUBMITTING))),
                    TaskHandoffAdvice.ForkJoinTakeIn.class)
                .advice(named("doExec"), TaskHandoffAdvice.ForkJoinRun.class))
            // completions are fork/join tasks too: every model whose types match applies, in this order,
            // and their exec, declared in Completion, gets the next one's advice
            .type(SuperClasses.extending(UNI_COMPLETION).and(not(isAbstract())))
            .transform(new PreparedAdvice()
                .advice(named("tryFire").and(isDeclaredBy(hasSuperType(named(BI_COMPLETION)))),
                    CompletionAdvice.TwoSources.class)
                .advice(named("tryFire").and(not(isDeclaredBy(hasSuperType(named(BI_COMPLETION))))),
                    CompletionAdvice.OneSource.class))
            .type(SuperClasses.extending(FORK_JOIN_TASK).and(not(named(FORK_JOIN_TASK))))
            .transform(new PreparedAdvice()
                .advice(named("exec").and(takesArguments(0)).and(not(isAbstract())),
                    TaskHandoffAdvice.ForkJoinComplete.class))
            .type(named(COUNTED_COMPLETER))
            .transform(new PreparedAdvice()
                .advice(instanceMethods.and(namedOneOf(COMPLETION)), CountedCompleterAdvice.Completion.class))
            .type(SuperClasses.extending(COUNTED_COMPLETER).and(not(named(COUNTED_COMPLETER))))
            .transform(new PreparedAdvice()
                .advice(named("onCompletion").and(takesArguments(1)).and(not(isAbstract())),
                    CountedCompleterAdvice.OnCompletion.class))
            .type(namedOneOf(CLASS_LOADING))
            .transform(new PreparedAdvice()
                .advice(namedOneOf("loadClass", "loadClassOrNull").and(takesArguments(String.class, boolean.class)),
                    MachineryAdvice.class))
            .type(namedOneOf(CONDITIONS))
            .transform(new PreparedAdvice()
                .advice(nameStartsWith("await"), TaskHandoffAdvice.ConditionAwait.class));
        for (String[] machinery : MACHINERY) {
            String[] methods = List.of(machinery).subList(1, machinery.length).toArray(new String[0]);
            builder = builder.type(named(machinery[0]))
                .transform(new PreparedAdvice()
                    .advice(isMethod().and(namedOneOf(methods)), MachineryAdvice.class));
        }
        return JdkHandOffs.modelled(varHandles(builder), instanceMethods);
    }

    /**
     * VarHandle accesses, in the JDK's implementations' static access methods: handles on an
     * object's field, on array elements and byte views take the object as argument 1, handles on
     * a static field only the handle.
     */
    private static JdkModels varHandles(JdkModels builder) {
        ElementMatcher.Junction<MethodDescription> access = isMethod().and(isStatic());
        return builder
            .type(namedOneOf(varHandleClasses(false)))
            .transform(new PreparedAdvice()
                .advice(access.and(namedOneOf(VAR_HANDLE_RELEASING)), VarHandleAdvice.OnObjectRelease.class)
                .advice(access.and(namedOneOf(VAR_HANDLE_ACQUIRING)), VarHandleAdvice.OnObjectAcquire.class)
                .advice(access.and(namedOneOf(VAR_HANDLE_BOTH)), VarHandleAdvice.OnObjectBoth.class))
            .type(namedOneOf(varHandleClasses(true)))
            .transform(new PreparedAdvice()
                .advice(access.and(namedOneOf(VAR_HANDLE_RELEASING)), VarHandleAdvice.OnStaticRelease.class)
                .advice(access.and(namedOneOf(VAR_HANDLE_ACQUIRING)), VarHandleAdvice.OnStaticAcquire.class)
                .advice(access.and(namedOneOf(VAR_HANDLE_BOTH)), VarHandleAdvice.OnStaticBoth.class));
    }

    /** The JDK's VarHandle implementation classes: on static fields, or on objects, arrays and byte views. */
    private static String[] varHandleClasses(boolean onStatics) {
        List<String> names = new ArrayList<>();
        for (String type : VAR_HANDLE_TYPES) {
            String outer = "java.lang.invoke.VarHandle" + type;
            if (onStatics) {
                names.add(outer + "$FieldStaticReadOnly");
                names.add(outer + "$FieldStaticReadWrite");
            } else {
                names.add(outer + "$FieldInstanceReadOnly");
                names.add(outer + "$FieldInstanceReadWrite");
                names.add(outer + "$Array");
            }
        }
        if (!onStatics) {
            for (String type : BYTE_VIEW_TYPES) {
                names.add("java.lang.invoke.VarHandleByteArrayAs" + type + "$ArrayHandle");
                names.add("java.lang.invoke.VarHandleByteArrayAs" + type + "$ByteBufferHandle");
            }
        }
        return names.toArray(new String[0]);
    }

    /**
     * Whether the boot class {@code className} may be one the models match: named by them, or in a
     * package where the JDK declares its fork/join tasks. Their own matchers decide; this spares
     * every other class that loads the matchers' work.
     */
    static boolean mayModel(String className) {
        if (NAMED.contains(className)) {
            return true;
        }
        int dot = className.lastIndexOf('.');
        return dot > 0 && TASK_PACKAGES.contains(className.substring(0, dot));
    }

    /**
     * The machinery classes (see {@code MACHINERY}): JDK code that any thread may run anywhere —
     * inside a transformer too, where a class that loads is given to no transformer of weft's.
     */
    static List<String> machineryClasses() {
        List<String> names = new ArrayList<>();
        for (String[] machinery : MACHINERY) {
            names.add(machinery[0]);
        }
        return names;
    }

    /** Every class the models name (some are not in every JDK). */
    private static Set<String> namedClasses() {
        List<String> names = new ArrayList<>(List.of(MONITOR_LIKE));
        names.addAll(List.of(DIRECTED));
        names.add(THREAD_POOL);
        names.add(SCHEDULED_POOL);
        names.add(FORK_JOIN_POOL);
        names.add(FORK_JOIN_TASK);
        names.add(COUNTED_COMPLETER);
        names.addAll(List.of(CONDITIONS));
        names.addAll(List.of(CLASS_LOADING));
        names.addAll(machineryClasses());
        names.addAll(JdkHandOffs.namedClasses());
        names.addAll(List.of(varHandleClasses(false)));
        names.addAll(List.of(varHandleClasses(true)));
        return new LinkedHashSet<>(names);
    }
}
