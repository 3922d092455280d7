package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.weft.agent.origin.CodeSources;
import dev.weft.agent.race.RaceInstrumentation;
import dev.weft.runtime.InternalErrors;
import java.io.File;
import java.lang.instrument.Instrumentation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Installs weft's transformations.
 *
 * <p>Two families: the JDK's classes ({@link JdkTransformer}) — the thread classes, for every
 * thread start and join, and with race detection the classes whose synchronization the models
 * describe ({@link JdkSynchronizers}) — given ByteBuddy advice, retransformed if they are loaded
 * already; and the application's classes (every class outside the JDK and weft, narrowed by
 * {@code include=}/{@code exclude=}), rewritten by {@link ApplicationTransformer}. Class
 * formats are never changed (no fields or methods added), so retransforming loaded classes is
 * always legal, and no class is injected (nothing that prints warnings on recent JDKs).
 */
public final class Instrumenter {
    static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
    private final AtomicLong transformedClasses = new AtomicLong();
    private final ModelCoverage modelCoverage = new ModelCoverage();
    private final CodeSources codeSources;

    /** @param codeSources where the classes that load from now on are noted, instrumented or not */
    public Instrumenter(CodeSources codeSources) {
        this.codeSources = codeSources;
    }

    public CodeSources codeSources() {
        return codeSources;
    }

    /** Which of the JDK classes weft models got their instrumentation. */
    public ModelCoverage modelCoverage() {
        return modelCoverage;
    }

    /** Number of classes transformed so far. */
    public long transformedClasses() {
        return transformedClasses.get();
    }

    /**
     * Installs the transformations. Of the classes loaded already, only those weft models are
     * retransformed: the thread classes, and with race detection those of the models' classes that
     * the JVM, JFR and weft loaded before the transformer was registered (about twenty on JDK 17);
     * the others are transformed if and when they load. Scanning every loaded class instead costs
     * half a second of start-up for nothing; loading the modelled classes to retransform them all
     * at once cost 0.6 s of CPU (and the JIT's recompilations) for classes most programs never use.
     *
     * @param cache where the JDK classes transformed in earlier runs are kept ({@link JdkClassCache}), or null: nowhere
     */
    public void install(Instrumentation inst, ClassFilter filter, boolean releases, boolean races, File cache) {
        List<JdkModels.Model> models = jdkModels(races);
        modelCoverage.modelsAre(models, races);
        inst.addTransformer(new JdkTransformer(models, races, transformedClasses, modelCoverage,
            JdkClassCache.open(cache, races)), true);
        // listed once the transformer is registered: what loads from now on is the transformer's
        retransform(inst, modelCoverage.modelled(inst.getAllLoadedClasses()));
        if (races) {
            loadModelledClassesTheTransformersUse();
        }
        modelCoverage.installed(inst);
        applyMissedModels(inst);
        inst.addTransformer(new ApplicationTransformer(inst, filter, releases || races,
            races ? new RaceInstrumentation(filter) : null, transformedClasses, codeSources), true);
    }

    /** The models of the JDK's classes: the thread classes', and with race detection the synchronizers'. */
    static List<JdkModels.Model> jdkModels(boolean races) {
        JdkModels models = new JdkModels()
            .type(named(Thread.class.getName()).or(named(VIRTUAL_THREAD)))
            .transform(new PreparedAdvice()
                .advice(named("start"), ThreadStartAdvice.class)
                .advice(named("join"), ThreadJoinAdvice.class));
        return (races ? JdkSynchronizers.modelled(models) : models).list();
    }

    /**
     * Retransforms the classes the models match that were loaded but not transformed: classes that
     * loaded on a thread while it was inside one of weft's transformers, which are not given to any
     * of them (ByteBuddy's, described by reflection, loaded the classes its methods and nest named
     * that way). None is expected at premain now; a round may load more of them; a few rounds
     * settle it.
     */
    private void applyMissedModels(Instrumentation inst) {
        for (int round = 0; round < 4; round++) {
            List<Class<?>> missed = modelCoverage.missed(inst.getAllLoadedClasses());
            if (missed.isEmpty()) {
                return;
            }
            retransform(inst, missed);
        }
    }

    /**
     * Loads, now that the models' transformer is registered, the modelled JDK classes that weft's
     * application transformer uses on its first classes, and the machinery classes, which run
     * wherever the JDK needs them: loaded inside a transformer, no transformer of weft's would see
     * them, and they would stay unmodelled for the application too (see {@link #applyMissedModels}).
     * {@code RaceIdiomsIT} fails if one is left out here.
     */
    private static void loadModelledClassesTheTransformersUse() {
        // JFR's count of exceptions, for one, loads with the first Throwable, which may be made
        // inside a transformer (late, once the JDK classes come from the cache)
        for (String machinery : JdkSynchronizers.machineryClasses()) {
            try {
                Class.forName(machinery, false, null);
            } catch (ClassNotFoundException e) {
                // not in this JDK
            }
        }
        try {
            // CodeSources' counters, and the VarHandles Striped64 makes when it initializes
            Class.forName("java.util.concurrent.atomic.LongAdder", true, null);
            // SerialVersionUid's digest: SHA reads the bytes through byte-array VarHandles
            MessageDigest.getInstance("SHA").digest(new byte[1]);
        } catch (ClassNotFoundException | NoSuchAlgorithmException e) {
            // then the transformers do not use them either
        }
    }

    /**
     * Rewrites the application classes loaded before weft was attached ({@link #retransform});
     * methods running now finish in their old code.
     */
    public void retransformLoaded(Instrumentation inst, ClassFilter filter, Class<?>[] loaded) {
        List<Class<?>> candidates = new java.util.ArrayList<>();
        for (Class<?> type : loaded) {
            ClassLoader loader = type.getClassLoader();
            if (loader != null && loader != ClassLoader.getPlatformClassLoader() && !type.isArray()
                && !type.isPrimitive() && inst.isModifiableClass(type) && filter.instruments(type.getName())) {
                candidates.add(type);
            }
        }
        retransform(inst, candidates);
        applyMissedModels(inst); // JDK classes the retransformation loaded, if any
    }

    /**
     * Retransforms {@code classes} in one batch (one VM operation); if the batch fails, one at a
     * time, so that a class that cannot be retransformed (it is counted as a transform error) does
     * not keep the others unchanged.
     */
    private static void retransform(Instrumentation inst, List<Class<?>> classes) {
        if (classes.isEmpty()) {
            return;
        }
        try {
            inst.retransformClasses(classes.toArray(new Class<?>[0]));
        } catch (Throwable batchFailed) {
            for (Class<?> type : classes) {
                try {
                    inst.retransformClasses(type);
                } catch (Throwable t) {
                    InternalErrors.transformFailed(type.getName(), t);
                }
            }
        }
    }

    /** Whether {@code className} is one of the JDK's thread classes, {@code Thread} and {@code VirtualThread} (JDK 21+). */
    static boolean isThreadClass(String className) {
        return className.equals(Thread.class.getName()) || className.equals(VIRTUAL_THREAD);
    }

    /**
     * Whether the boot class {@code className} (binary name) may be one that weft instruments: the
     * thread classes, and with race detection the classes the models may match
     * ({@link JdkSynchronizers#mayModel}).
     */
    static boolean jdkCandidate(String className, boolean races) {
        return isThreadClass(className) || races && JdkSynchronizers.mayModel(className);
    }
}
