package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.isBridge;
import static net.bytebuddy.matcher.ElementMatchers.isConstructor;
import static net.bytebuddy.matcher.ElementMatchers.isPublic;
import static net.bytebuddy.matcher.ElementMatchers.isStatic;
import static net.bytebuddy.matcher.ElementMatchers.named;
import static net.bytebuddy.matcher.ElementMatchers.namedOneOf;
import static net.bytebuddy.matcher.ElementMatchers.not;
import static net.bytebuddy.matcher.ElementMatchers.takesArguments;

import java.util.ArrayList;
import java.util.List;
import net.bytebuddy.description.method.MethodDescription;
import net.bytebuddy.matcher.ElementMatcher;

/**
 * Models of the JDK's other ways of handing memory from one thread to another, besides its
 * synchronizers and collections ({@link JdkSynchronizers}): atomic field updaters, the
 * application's own synchronizers on {@code AbstractQueuedSynchronizer}, interrupts and
 * {@code isAlive()}, {@code java.util.Timer}, {@code java.lang.ref.Cleaner}, {@code SubmissionPublisher},
 * and the weakly consistent traversals of the concurrent collections, which may reach elements
 * added after they began. Each was a false report on a correct program before it was modelled;
 * the idioms that show it are in {@code RaceIdioms}.
 */
final class JdkHandOffs {
    private static final String REFERENCE_FIELD_UPDATER = "java.util.concurrent.atomic.AtomicReferenceFieldUpdater";
    private static final String INTEGER_FIELD_UPDATER = "java.util.concurrent.atomic.AtomicIntegerFieldUpdater";
    private static final String LONG_FIELD_UPDATER = "java.util.concurrent.atomic.AtomicLongFieldUpdater";
    /** The updaters' implementations, whose public instance methods are the operations. */
    private static final String[] FIELD_UPDATER_IMPLEMENTATIONS = {
        REFERENCE_FIELD_UPDATER + "$AtomicReferenceFieldUpdaterImpl",
        INTEGER_FIELD_UPDATER + "$AtomicIntegerFieldUpdaterImpl",
        LONG_FIELD_UPDATER + "$CASUpdater", LONG_FIELD_UPDATER + "$LockedUpdater",
    };
    /** The bases of the application's own synchronizers (see {@link ApplicationSynchronizerAdvice}). */
    private static final String[] QUEUED_SYNCHRONIZERS = {
        "java.util.concurrent.locks.AbstractQueuedSynchronizer",
        "java.util.concurrent.locks.AbstractQueuedLongSynchronizer",
    };
    /** {@code ConcurrentHashMap}'s views, whose traversals may reach elements put after they began. */
    private static final String[] MAP_VIEWS = {
        "java.util.concurrent.ConcurrentHashMap$KeySetView", "java.util.concurrent.ConcurrentHashMap$ValuesView",
        "java.util.concurrent.ConcurrentHashMap$EntrySetView",
    };
    private static final String MAP = "java.util.concurrent.ConcurrentHashMap";
    /** What walks a map's table, each with its own {@code tab}: iterators and spliterators, and the parallel bulk operations' tasks. */
    private static final String[] MAP_TRAVERSERS = {
        "java.util.concurrent.ConcurrentHashMap$Traverser", "java.util.concurrent.ConcurrentHashMap$BulkTask",
    };
    /** The map's methods that make a table, besides a resize's {@code transfer}: its first, a pre-sized one, one read back. */
    private static final String[] MAP_TABLE_MAKERS = {"initTable", "tryPresize", "readObject"};
    private static final String MAP_FORWARDING_NODE = "java.util.concurrent.ConcurrentHashMap$ForwardingNode";
    /** The other weakly consistent iterators of the modelled collections (see {@link IteratorAdvice}). */
    private static final String[] ITERATORS = {
        "java.util.concurrent.ConcurrentLinkedQueue$Itr", "java.util.concurrent.ConcurrentLinkedDeque$AbstractItr",
        "java.util.concurrent.LinkedBlockingQueue$Itr", "java.util.concurrent.LinkedBlockingDeque$AbstractItr",
        "java.util.concurrent.ArrayBlockingQueue$Itr", "java.util.concurrent.LinkedTransferQueue$Itr",
        "java.util.concurrent.ConcurrentSkipListMap$ValueIterator", "java.util.concurrent.ConcurrentSkipListMap$KeyIterator",
        "java.util.concurrent.ConcurrentSkipListMap$EntryIterator",
    };
    /** The spliterators of those collections (inner classes too), whose splits and actions may run on other threads. */
    private static final String[] SPLITERATORS = {
        "java.util.concurrent.ConcurrentLinkedQueue$CLQSpliterator",
        "java.util.concurrent.ConcurrentLinkedDeque$CLDSpliterator",
        "java.util.concurrent.LinkedBlockingQueue$LBQSpliterator",
        "java.util.concurrent.LinkedBlockingDeque$LBDSpliterator",
        "java.util.concurrent.LinkedTransferQueue$LTQSpliterator",
    };
    /** The buffer between a {@code SubmissionPublisher} and one subscriber (see {@link SubscriberCallAdvice}). */
    private static final String SUBSCRIPTION = "java.util.concurrent.SubmissionPublisher$BufferedSubscription";
    /** Its hand-offs to the subscriber: an item offered (submit, offer), a signal (subscribe, close, error, request). */
    private static final String[] SUBSCRIPTION_HAND_OFFS = {
        "offer", "retryOffer", "onSubscribe", "onComplete", "onError", "request",
    };
    /** Its calls of the subscriber, on a task of the publisher's executor. */
    private static final String[] SUBSCRIBER_CALLS = {"consumeNext", "consumeSubscribe", "consumeComplete", "consumeError"};
    private static final String SKIP_LIST = "java.util.concurrent.ConcurrentSkipListMap";
    /** The skip list's spliterators (static classes: they do not name their map; see {@link SkipListTraversalAdvice}). */
    private static final String[] SKIP_LIST_SPLITERATORS = {
        SKIP_LIST + "$KeySpliterator", SKIP_LIST + "$ValueSpliterator", SKIP_LIST + "$EntrySpliterator",
    };
    private static final String SKIP_LIST_SUB_MAP = SKIP_LIST + "$SubMap";
    /** A sub-map's iterators, which are also its views' spliterators. */
    private static final String[] SKIP_LIST_SUB_MAP_ITERATORS = {
        SKIP_LIST_SUB_MAP + "$SubMapKeyIterator", SKIP_LIST_SUB_MAP + "$SubMapValueIterator",
        SKIP_LIST_SUB_MAP + "$SubMapEntryIterator",
    };
    private static final String CLEANER = "java.lang.ref.Cleaner";
    private static final String CLEANABLE = "jdk.internal.ref.PhantomCleanable";
    private static final String TIMER = "java.util.Timer";
    private static final String TIMER_QUEUE = "java.util.TaskQueue";
    private static final String INTERRUPTED_EXCEPTION = "java.lang.InterruptedException";

    private JdkHandOffs() {
    }

    /** Adds the models to {@code builder}; {@code instanceMethods}: the modelled classes' own methods. */
    static JdkModels modelled(JdkModels builder, ElementMatcher.Junction<MethodDescription> instanceMethods) {
        return interrupts(fieldUpdaters(builder, instanceMethods))
            .type(namedOneOf(QUEUED_SYNCHRONIZERS))
            .transform(new PreparedAdvice()
                .advice(named("setState"), ApplicationSynchronizerAdvice.Release.class)
                .advice(named("getState"), ApplicationSynchronizerAdvice.Acquire.class)
                .advice(named("compareAndSetState"), ApplicationSynchronizerAdvice.Both.class))
            .type(namedOneOf(MAP_VIEWS))
            .transform(new PreparedAdvice()
                .advice(instanceMethods, MapTraversalAdvice.ViewUsed.class))
            .type(namedOneOf(ITERATORS))
            .transform(new PreparedAdvice()
                .advice(named("next").and(takesArguments(0)).and(not(isBridge())), IteratorAdvice.class))
            .type(namedOneOf(SPLITERATORS))
            .transform(new PreparedAdvice()
                .advice(named("trySplit"), IteratorAdvice.class) // its batch goes to another thread's task
                .rewrite(namedOneOf("tryAdvance", "forEachRemaining"), CallbackFences.BEFORE_CALLBACKS_OF_OUTER))
            .type(named(MAP))
            .transform(new PreparedAdvice()
                .advice(namedOneOf(MAP_TABLE_MAKERS), MapTraversalAdvice.TableMade.class)
                .advice(named("transfer"), MapTraversalAdvice.Resizing.class))
            .type(named(MAP_FORWARDING_NODE))
            .transform(new PreparedAdvice()
                .advice(isConstructor(), MapTraversalAdvice.ForwardingMade.class))
            .type(namedOneOf(MAP_TRAVERSERS))
            .transform(new PreparedAdvice()
                .advice(named("advance").and(takesArguments(0)), MapTraversalAdvice.Advanced.class))
            .type(named(SKIP_LIST))
            .transform(new PreparedAdvice()
                .advice(namedOneOf("keySpliterator", "valueSpliterator", "entrySpliterator").and(takesArguments(0)),
                    SkipListTraversalAdvice.SpliteratorMade.class))
            .type(namedOneOf(SKIP_LIST_SPLITERATORS))
            .transform(new PreparedAdvice()
                .advice(named("trySplit").and(not(isBridge())), SkipListTraversalAdvice.Split.class)
                .rewrite(namedOneOf("trySplit", "tryAdvance", "forEachRemaining").and(not(isBridge())),
                    CallbackFences.BEFORE_CALLS_OF_TRAVERSAL))
            .type(named(SKIP_LIST_SUB_MAP))
            .transform(new PreparedAdvice()
                .advice(isConstructor(), SkipListTraversalAdvice.SubMapMade.class))
            .type(namedOneOf(SKIP_LIST_SUB_MAP_ITERATORS))
            .transform(new PreparedAdvice()
                .advice(named("next").and(takesArguments(0)).and(not(isBridge())),
                    SkipListTraversalAdvice.SubMapAdvanced.class))
            .type(named(SUBSCRIPTION))
            .transform(new PreparedAdvice()
                .advice(instanceMethods.and(namedOneOf(SUBSCRIPTION_HAND_OFFS)), SyncObjectAdvice.Release.class)
                .advice(instanceMethods.and(namedOneOf(SUBSCRIBER_CALLS)), SubscriberCallAdvice.class))
            .type(named(CLEANER))
            .transform(new PreparedAdvice()
                .advice(named("register"), CleanerAdvice.Registered.class))
            .type(named(CLEANABLE))
            .transform(new PreparedAdvice()
                .advice(named("clean").and(takesArguments(0)), CleanerAdvice.Cleaning.class))
            .type(named(TIMER))
            .transform(new PreparedAdvice()
                .advice(named("sched"), TimerAdvice.Scheduled.class))
            .type(named(TIMER_QUEUE))
            .transform(new PreparedAdvice()
                .advice(named("getMin"), TimerAdvice.Taken.class));
    }

    /** A thread's interrupt and where it is found (see {@link InterruptAdvice}); its end found by {@code isAlive()}. */
    private static JdkModels interrupts(JdkModels builder) {
        return builder
            .type(namedOneOf(Thread.class.getName(), Instrumenter.VIRTUAL_THREAD))
            .transform(new PreparedAdvice()
                .advice(named("interrupt").and(takesArguments(0)), InterruptAdvice.Interrupt.class)
                .advice(named("isInterrupted").and(takesArguments(0)), InterruptAdvice.IsInterrupted.class)
                .advice(named("interrupted").and(isStatic()), InterruptAdvice.Interrupted.class)
                .advice(named("isAlive").and(takesArguments(0)), ThreadAliveAdvice.class))
            .type(named(INTERRUPTED_EXCEPTION))
            .transform(new PreparedAdvice()
                .advice(isConstructor(), InterruptAdvice.Thrown.class));
    }

    /**
     * Atomic field updaters: the factories note which field an updater updates; the
     * implementations' operations use that field's clock (see {@link FieldUpdaterAdvice}).
     */
    private static JdkModels fieldUpdaters(JdkModels builder, ElementMatcher.Junction<MethodDescription> instanceMethods) {
        ElementMatcher.Junction<MethodDescription> factory = isStatic().and(named("newUpdater"));
        return builder
            .type(named(REFERENCE_FIELD_UPDATER))
            .transform(new PreparedAdvice()
                .advice(factory.and(takesArguments(3)), FieldUpdaterAdvice.MadeWithValueType.class))
            .type(namedOneOf(INTEGER_FIELD_UPDATER, LONG_FIELD_UPDATER))
            .transform(new PreparedAdvice()
                .advice(factory.and(takesArguments(2)), FieldUpdaterAdvice.Made.class))
            .type(namedOneOf(FIELD_UPDATER_IMPLEMENTATIONS))
            .transform(new PreparedAdvice()
                .advice(instanceMethods.and(namedOneOf("set", "lazySet")), FieldUpdaterAdvice.Release.class)
                .advice(instanceMethods.and(named("get")), FieldUpdaterAdvice.Acquire.class)
                .advice(instanceMethods.and(isPublic()).and(not(namedOneOf("set", "lazySet", "get"))),
                    FieldUpdaterAdvice.Both.class));
    }

    /** Every class these models name (some are not in every JDK). */
    static List<String> namedClasses() {
        List<String> names = new ArrayList<>(List.of(REFERENCE_FIELD_UPDATER, INTEGER_FIELD_UPDATER, LONG_FIELD_UPDATER));
        names.addAll(List.of(FIELD_UPDATER_IMPLEMENTATIONS));
        names.addAll(List.of(QUEUED_SYNCHRONIZERS));
        names.addAll(List.of(TIMER, TIMER_QUEUE, INTERRUPTED_EXCEPTION, MAP, MAP_FORWARDING_NODE, CLEANER, CLEANABLE,
            SUBSCRIPTION, SKIP_LIST_SUB_MAP));
        names.addAll(List.of(SKIP_LIST_SPLITERATORS));
        names.addAll(List.of(SKIP_LIST_SUB_MAP_ITERATORS));
        names.addAll(List.of(MAP_VIEWS));
        names.addAll(List.of(MAP_TRAVERSERS));
        names.addAll(List.of(ITERATORS));
        names.addAll(List.of(SPLITERATORS));
        return names;
    }
}
