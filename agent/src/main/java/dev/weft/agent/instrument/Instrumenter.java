package dev.weft.agent.instrument;

import static net.bytebuddy.matcher.ElementMatchers.named;

import dev.weft.agent.origin.CodeSources;
import dev.weft.agent.race.RaceInstrumentation;
import dev.weft.runtime.Hooks;
import dev.weft.runtime.InternalErrors;
import java.lang.instrument.IllegalClassFormatException;
import java.lang.instrument.Instrumentation;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.agent.builder.ResettableClassFileTransformer;
import net.bytebuddy.asm.AsmVisitorWrapper;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.Nexus;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.jar.asm.MethodVisitor;
import net.bytebuddy.utility.JavaModule;

/**
 * Installs weft's transformations with ByteBuddy.
 *
 * <p>Two families: the JDK's {@code Thread.start} (already loaded, so retransformed with ByteBuddy
 * advice), and the application's classes (every class outside the JDK and weft, narrowed by
 * {@code include=}/{@code exclude=}), rewritten by {@link ApplicationTransformer}. Class
 * formats are never changed (no fields or methods added), so retransforming loaded classes is
 * always legal, and no class is injected (nothing that prints warnings on recent JDKs).
 */
public final class Instrumenter {
    private static final String VIRTUAL_THREAD = "java.lang.VirtualThread";
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
     */
    public void install(Instrumentation inst, ClassFilter filter, boolean releases, boolean races) {
        // weft never needs ByteBuddy's Nexus (no loaded-type initializers); left on, it would inject
        // a class into the application's system class loader and, on JDK 24+, make the JVM print
        // sun.misc.Unsafe deprecation warnings.
        System.setProperty(Nexus.PROPERTY, Boolean.TRUE.toString());
        PreparedAdvice threadAdvice = new PreparedAdvice()
            .advice(named("start"), ThreadStartAdvice.class)
            .advice(named("join"), ThreadJoinAdvice.class);
        // advice on declared methods is all weft does to the JDK's classes: ByteBuddy need not compute
        // each class's full method graph (inherited methods, bridges) nor validate the type it writes
        // back, which was a third of the garbage of race detection's start-up
        ByteBuddy byteBuddy = new ByteBuddy()
            .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
            .with(TypeValidation.DISABLED);
        AgentBuilder builder = new AgentBuilder.Default(byteBuddy)
            .disableClassFormatChanges()
            .with(AgentBuilder.TypeStrategy.Default.DECORATE)
            .with(AgentBuilder.RedefinitionStrategy.RETRANSFORMATION)
            // asked once the transformer is registered: what loads later is the transformer's
            .with((AgentBuilder.RedefinitionStrategy.DiscoveryStrategy) instrumentation ->
                List.of(ModelCoverage.modelled(instrumentation.getAllLoadedClasses(), races)))
            // from the class file, never by reflection: describing a loaded class reflectively loads
            // the classes its methods and nest name (a ConcurrentHashMap's bulk tasks, the fork/join
            // pool's adapters), on this thread and inside the transformer, where nothing transforms them
            .with(AgentBuilder.DescriptionStrategy.Default.POOL_ONLY)
            .with(new BootTypePool())
            .with(AgentBuilder.InitializationStrategy.NoOp.INSTANCE)
            .with(new CountingListener())
            .with(transformer -> new JdkClassesOnly(transformer, races))
            // replaces ByteBuddy's default, which hides the JDK; only the candidates among the boot
            // classes (the same check as JdkClassesOnly's, for the classes retransformed here)
            .ignore((type, loader, module, redefined, domain) -> loader != null || !jdkCandidate(type.getName(), races))
            .type(named(Thread.class.getName()).or(named(VIRTUAL_THREAD)))
            .transform(threadAdvice);
        if (races) {
            builder = JdkSynchronizers.modelled(builder);
        }
        builder.installOn(inst);
        if (races) {
            loadModelledClassesTheTransformersUse();
        }
        modelCoverage.installed(inst, races);
        applyMissedModels(inst);
        inst.addTransformer(new ApplicationTransformer(inst, filter, releases || races,
            races ? new RaceInstrumentation(filter) : null, transformedClasses, codeSources), true);
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
            try {
                inst.retransformClasses(missed.toArray(new Class<?>[0]));
            } catch (Throwable t) {
                InternalErrors.transformFailed(missed.get(0).getName(), t);
                return;
            }
        }
    }

    /**
     * Loads, now that the models' transformer is registered, the modelled JDK classes that weft's
     * application transformer uses on its first classes: loaded inside a transformer, no
     * transformer of weft's would see them, and they would stay unmodelled for the application too
     * (see {@link #applyMissedModels}). {@code RaceIdiomsIT} fails if one is left out here.
     */
    private static void loadModelledClassesTheTransformersUse() {
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
     * Rewrites the application classes loaded before weft was attached, in one batch; if the
     * batch fails, one at a time, so that a class that cannot be retransformed (it is counted as a
     * transform error) does not keep the others unchanged. Methods running now finish in their
     * old code.
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
        try {
            inst.retransformClasses(candidates.toArray(new Class<?>[0])); // one VM operation for all
        } catch (Throwable batchFailed) {
            for (Class<?> type : candidates) {
                try {
                    inst.retransformClasses(type);
                } catch (Throwable t) {
                    InternalErrors.transformFailed(type.getName(), t);
                }
            }
        }
        applyMissedModels(inst); // JDK classes the retransformation loaded, if any
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

    /**
     * ByteBuddy's transformer behind a check of the class's loader and name ({@link #jdkCandidate}):
     * every other class that loads, the application's and most of the JDK's, is left at once,
     * before ByteBuddy describes it and runs the models' matchers on it (with race detection that
     * cost a fifth of a millisecond per JDK class, the matchers on super types parsing their class
     * files). The candidates are transformed as machinery: ByteBuddy's caches are concurrent maps,
     * which the race models would otherwise take for synchronization between the threads that load
     * classes. A plain subclass: ByteBuddy's {@code WithDelegation.of} generates one at start-up.
     */
    private static final class JdkClassesOnly extends ResettableClassFileTransformer.WithDelegation {
        private final boolean races;

        JdkClassesOnly(ResettableClassFileTransformer transformer, boolean races) {
            super(transformer);
            this.races = races;
        }

        private boolean candidate(ClassLoader loader, String internalName) {
            return loader == null && internalName != null && jdkCandidate(internalName.replace('/', '.'), races);
        }

        @Override
        public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                                ProtectionDomain domain, byte[] bytes) throws IllegalClassFormatException {
            if (!candidate(loader, internalName)) {
                return null;
            }
            Hooks.enterMachinery();
            try {
                return classFileTransformer.transform(module, loader, internalName, redefined, domain, bytes);
            } finally {
                Hooks.leaveMachinery();
            }
        }

        @Override
        public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                                byte[] bytes) throws IllegalClassFormatException {
            if (!candidate(loader, internalName)) {
                return null;
            }
            Hooks.enterMachinery();
            try {
                return classFileTransformer.transform(loader, internalName, redefined, domain, bytes);
            } finally {
                Hooks.leaveMachinery();
            }
        }
    }

    /** Counts transformed classes and records failures; the application never sees them. */
    private final class CountingListener extends AgentBuilder.Listener.Adapter {
        @Override
        public void onTransformation(TypeDescription type, ClassLoader loader, JavaModule module, boolean loaded,
                                     DynamicType dynamicType) {
            transformedClasses.incrementAndGet();
            if (loader == null) {
                modelCoverage.transformed(type.getName());
            }
        }

        @Override
        public void onError(String typeName, ClassLoader loader, JavaModule module, boolean loaded, Throwable error) {
            InternalErrors.transformFailed(typeName, error);
        }
    }
}
