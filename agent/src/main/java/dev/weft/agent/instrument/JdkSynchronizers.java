package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isAbstract;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isMethod;
import static net.bytebuddy.matcher.ElementMatchers.isNative;
import static net.bytebuddy.matcher.ElementMatchers.isPrivate;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
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
    private static final String[] SYNC_OBJECTS = {
        "java.util.concurrent.ArrayBlockingQueue", "java.util.concurrent.LinkedBlockingQueue",
        "java.util.concurrent.LinkedBlockingDeque", "java.util.concurrent.SynchronousQueue",
        "java.util.concurrent.LinkedTransferQueue", "java.util.concurrent.PriorityBlockingQueue",
        "java.util.concurrent.DelayQueue", "java.util.concurrent.ConcurrentLinkedQueue",
        "java.util.concurrent.ConcurrentLinkedDeque", "java.util.concurrent.ConcurrentHashMap",
        "java.util.concurrent.ConcurrentSkipListMap", "java.util.concurrent.ConcurrentSkipListSet",
        "java.util.concurrent.CopyOnWriteArrayList", "java.util.concurrent.CopyOnWriteArraySet",
        "java.util.concurrent.FutureTask", "java.util.concurrent.CompletableFuture",
        "java.util.concurrent.CountDownLatch", "java.util.concurrent.CyclicBarrier", "java.util.concurrent.Semaphore",
        "java.util.concurrent.Exchanger", "java.util.concurrent.Phaser", "java.util.concurrent.ThreadPoolExecutor",
        "java.util.concurrent.ScheduledThreadPoolExecutor", "java.util.concurrent.ExecutorCompletionService",
        "java.util.concurrent.atomic.AtomicBoolean", "java.util.concurrent.atomic.AtomicInteger",
        "java.util.concurrent.atomic.AtomicLong", "java.util.concurrent.atomic.AtomicReference",
        "java.util.concurrent.atomic.AtomicIntegerArray", "java.util.concurrent.atomic.AtomicLongArray",
        "java.util.concurrent.atomic.AtomicReferenceArray", "java.util.concurrent.atomic.LongAdder",
        "java.util.concurrent.atomic.DoubleAdder", "java.util.concurrent.atomic.LongAccumulator",
        "java.util.concurrent.atomic.DoubleAccumulator",
        "java.util.Collections$SynchronizedCollection", "java.util.Collections$SynchronizedList",
        "java.util.Collections$SynchronizedRandomAccessList", "java.util.Collections$SynchronizedSet",
        "java.util.Collections$SynchronizedSortedSet", "java.util.Collections$SynchronizedNavigableSet",
        "java.util.Collections$SynchronizedMap", "java.util.Collections$SynchronizedSortedMap",
        "java.util.Collections$SynchronizedNavigableMap", "java.util.Vector", "java.util.Hashtable",
        "java.lang.StringBuffer",
    };
    private static final String THREAD_POOL = "java.util.concurrent.ThreadPoolExecutor";
    private static final String FORK_JOIN_POOL = "java.util.concurrent.ForkJoinPool";
    private static final String FORK_JOIN_TASK = "java.util.concurrent.ForkJoinTask";

    private JdkSynchronizers() {
    }

    /** Adds the models to {@code builder}. */
    static AgentBuilder modelled(AgentBuilder builder) {
        ClassLoader adviceLoader = JdkSynchronizers.class.getClassLoader();
        ElementMatcher.Junction<MethodDescription> instanceMethods =
            isMethod().and(not(isStatic())).and(not(isPrivate())).and(not(isAbstract())).and(not(isNative()))
                .and(not(isConstructor()));
        return builder
            .type(namedOneOf(SYNC_OBJECTS).and(not(named(THREAD_POOL))))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(instanceMethods, SyncObjectAdvice.class.getName()))
            .type(named(THREAD_POOL))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(instanceMethods, SyncObjectAdvice.class.getName())
                .advice(named("getTask"), TaskHandoffAdvice.Executor.class.getName()))
            .type(named(FORK_JOIN_POOL))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(instanceMethods.and(isPublic()), TaskHandoffAdvice.ForkJoinSubmit.class.getName()))
            .type(named(FORK_JOIN_TASK))
            .transform(new AgentBuilder.Transformer.ForAdvice().include(adviceLoader)
                .advice(instanceMethods.and(isPublic()), TaskHandoffAdvice.ForkJoinSubmit.class.getName())
                .advice(named("doExec"), TaskHandoffAdvice.ForkJoinRun.class.getName()));
    }

    /** Those of the modelled classes that are loaded already, to be retransformed. */
    static Class<?>[] loaded() {
        List<Class<?>> classes = new ArrayList<>();
        List<String> names = new ArrayList<>(List.of(SYNC_OBJECTS));
        names.add(FORK_JOIN_POOL);
        names.add(FORK_JOIN_TASK);
        for (String name : names) {
            try {
                classes.add(Class.forName(name, false, null));
            } catch (ClassNotFoundException e) {
                // not in this JDK
            }
        }
        return classes.toArray(new Class<?>[0]);
    }
}
