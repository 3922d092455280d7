package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.isSubTypeOf;
import static net.bytebuddy.matcher.ElementMatchers.nameStartsWith;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * The JDK classes whose synchronization race detection models, and how (see
 * {@link SyncObjectAdvice}, {@link TaskHandoffAdvice}). Everything that orders memory through
 * one of these objects is covered whatever the object is used for: queues hand-offs, maps,
 * latches, barriers, semaphores, exchangers, phasers, futures, executors, atomics and the
 * {@code synchronized} wrappers and legacy collections.
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
        "java.util.concurrent.atomic.AtomicIntegerArray", "java.util.concurrent.atomic.AtomicLongArray",
        "java.util.concurrent.atomic.AtomicReferenceArray", "java.util.concurrent.atomic.LongAdder",
        "java.util.concurrent.atomic.DoubleAdder", "java.util.concurrent.atomic.LongAccumulator",
        "java.util.concurrent.atomic.DoubleAccumulator",
        // every acquisition (try*, optimistic read + validate, conversions) takes in, unlocks publish
        "java.util.concurrent.locks.StampedLock",
    };
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
    private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";
    /** Class loading, whose internal synchronization the models must not mistake for the application's. */
    private static final String[] MACHINERY = {"java.lang.ClassLoader", "jdk.internal.loader.BuiltinClassLoader"};
    private static final String[] CONDITIONS = {
        "java.util.concurrent.locks.AbstractQueuedSynchronizer$ConditionObject",
        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer$ConditionObject",
    };

    private JdkSynchronizers() {
    }

    /** Adds the models to {@code builder}. */
    static AgentBuilder modelled(AgentBuilder builder) {
        ClassLoader adviceLoader = JdkSynchronizers.class.getClassLoader();
        ElementMatcher.Junction<MethodDescription> instanceMethods =
            isMethod().and(not(isStatic())).and(not(isPrivate())).and(not(isAbstract())).and(not(isNative()))
                .and(not(isConstructor()));
        ElementMatcher.Junction<MethodDescription> publishing = instanceMethods.and(namedOneOf(PUBLISHING));
        ElementMatcher.Junction<MethodDescription> observing = instanceMethods.and(namedOneOf(OBSERVING));
        return builder
            .type(namedOneOf(MONITOR_LIKE))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(instanceMethods, SyncObjectAdvice.Both.class.getName()))
            .type(namedOneOf(DIRECTED))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(publishing, SyncObjectAdvice.Release.class.getName())
                .advice(observing, SyncObjectAdvice.Acquire.class.getName())
                .advice(instanceMethods.and(not(namedOneOf(PUBLISHING))).and(not(namedOneOf(OBSERVING))),
                    SyncObjectAdvice.Both.class.getName()))
            // submissions publish on the executor; the worker takes that in when getTask hands it the task;
            // a worker's exit publishes everything it ran, which awaitTermination takes in
            .type(named(THREAD_POOL).or(named(SCHEDULED_POOL)))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(namedOneOf("execute", "schedule", "scheduleAtFixedRate", "scheduleWithFixedDelay", "submit")
                    .and(instanceMethods).or(named("processWorkerExit")), SyncObjectAdvice.Release.class.getName())
                .advice(named("awaitTermination"), SyncObjectAdvice.Acquire.class.getName())
                .advice(named("getTask"), TaskHandoffAdvice.Executor.class.getName()))
            // all non-private methods: the pool's invoke joins through package-private ones
            .type(named(FORK_JOIN_POOL))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(instanceMethods, TaskHandoffAdvice.ForkJoinSubmit.class.getName()))
            .type(named(FORK_JOIN_TASK))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(instanceMethods.and(not(named("doExec"))), TaskHandoffAdvice.ForkJoinSubmit.class.getName())
                .advice(named("doExec"), TaskHandoffAdvice.ForkJoinRun.class.getName()))
            .type(isSubTypeOf(java.util.concurrent.ForkJoinTask.class).and(not(named(FORK_JOIN_TASK))))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(named("exec").and(takesArguments(0)).and(not(isAbstract())),
                    TaskHandoffAdvice.ForkJoinComplete.class.getName()))
            .type(namedOneOf(MACHINERY))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(namedOneOf("loadClass", "loadClassOrNull").and(takesArguments(String.class, boolean.class)),
                    MachineryAdvice.class.getName()))
            .type(namedOneOf(CONDITIONS))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(nameStartsWith("await"), TaskHandoffAdvice.ConditionAwait.class.getName()));
    }

    /** Those of the modelled classes that are loaded already, to be retransformed. */
    static Class<?>[] loaded() {
        List<Class<?>> classes = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(MONITOR_LIKE));
        names.addAll(List.of(DIRECTED));
        names.add(THREAD_POOL);
        names.add(SCHEDULED_POOL);
        names.add(FORK_JOIN_POOL);
        names.add(FORK_JOIN_TASK);
        names.addAll(List.of(CONDITIONS));
        names.addAll(List.of(MACHINERY));
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, null));
            } catch (ClassNotFoundException e) {
                // not in this JDK
            }
        }
        return classes.toArray(new Class<?>[0]);
    }

    /** The JDK's fork/join task classes loaded already (their {@code exec} publishes completion). */
    static List<Class<?>> loadedForkJoinTasks(Class<?>[] loaded) {
        List<Class<?>> tasks = new ArrayList<>();
        for (Class<?> type : loaded) {
            if (type.getClassLoader() == null && java.util.concurrent.ForkJoinTask.class.isAssignableFrom(type)
                && type != java.util.concurrent.ForkJoinTask.class) {
                tasks.add(type);
            }
        }
        return tasks;
    }
}
