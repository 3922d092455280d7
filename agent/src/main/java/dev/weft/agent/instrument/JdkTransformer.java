package dev.weft.agent.instrument;

import dev.weft.runtime.Hooks;
import dev.weft.runtime.InternalErrors;
import java.lang.instrument.ClassFileTransformer;
import java.security.ProtectionDomain;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import net.bytebuddy.ByteBuddy;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.dynamic.DynamicType;
import net.bytebuddy.dynamic.TypeResolutionStrategy;
import net.bytebuddy.dynamic.scaffold.MethodGraph;
import net.bytebuddy.dynamic.scaffold.TypeValidation;
import net.bytebuddy.implementation.Implementation;
import net.bytebuddy.pool.TypePool;

/**
 * Applies the models ({@link JdkModels}) to the JDK's classes as they load or are retransformed:
 * ByteBuddy's type descriptions and advice, without its {@code AgentBuilder}.
 *
 * <p>All that weft does to a JDK class is advice on its declared methods through ASM visitors, so
 * the class is decorated ({@code ByteBuddy.decorate}): methods without advice are copied as they
 * are, no method graph is computed, the class's format never changes (no implementation context,
 * so no field, method or class is added), and retransforming it is always legal.
 * {@code AgentBuilder} did the same with more on every class — it generates a transformer subclass
 * at start-up, calls its transformer by reflection, keeps a lock of its own per thread and describes
 * each retransformed class twice — and its classes are no longer loaded.
 *
 * <p>Every class that loads is first checked by loader and name ({@link Instrumenter#jdkCandidate}):
 * the application's and most of the JDK's are left at once. The candidates are described from their
 * class files ({@link BootTypePool}), never by reflection: describing a loaded class reflectively
 * loads the classes its methods and nest name, here, inside a transformer, where no transformer of
 * weft's sees a class load ({@code java.lang.instrument} calls an agent's transformers for a class
 * only when the loading thread is in none of them). They are transformed as machinery: the caches are concurrent maps, which the race
 * models would otherwise take for synchronization between the threads that load classes.
 */
final class JdkTransformer implements ClassFileTransformer {
    // made before the transformer is registered, with the classes they load: made lazily, inside it,
    // on the first class not in the cache, they loaded java.util.Random while it was that class
    private final ByteBuddy byteBuddy = new ByteBuddy()
        .with(MethodGraph.Compiler.ForDeclaredMethods.INSTANCE)
        .with(TypeValidation.DISABLED)
        .with(Implementation.Context.Disabled.Factory.INSTANCE);
    private final ClassFileLocator bootClassFiles = ClassFileLocator.ForClassLoader.ofBootLoader();
    private final BootTypePool typePools = new BootTypePool();
    private final List<JdkModels.Model> models;
    private final boolean races;
    private final AtomicLong transformedClasses;
    private final ModelCoverage modelCoverage;
    private final JdkClassCache cache;

    /**
     * @param races              whether the synchronization models are among {@code models}
     * @param transformedClasses counts the classes transformed
     * @param modelCoverage      notes the classes transformed
     * @param cache              the classes transformed in earlier runs ({@link JdkClassCache#OFF}: none)
     */
    JdkTransformer(List<JdkModels.Model> models, boolean races, AtomicLong transformedClasses,
                   ModelCoverage modelCoverage, JdkClassCache cache) {
        this.models = models;
        this.races = races;
        this.transformedClasses = transformedClasses;
        this.modelCoverage = modelCoverage;
        this.cache = cache;
    }

    @Override
    public byte[] transform(Module module, ClassLoader loader, String internalName, Class<?> redefined,
                            ProtectionDomain domain, byte[] bytes) {
        return transform(loader, internalName, redefined, domain, bytes);
    }

    @Override
    public byte[] transform(ClassLoader loader, String internalName, Class<?> redefined, ProtectionDomain domain,
                            byte[] bytes) {
        if (loader != null || internalName == null) {
            return null;
        }
        String className = internalName.replace('/', '.');
        if (!Instrumenter.jdkCandidate(className, races)) {
            return null;
        }
        Hooks.enterMachinery();
        try {
            return transform(className, bytes);
        } catch (Throwable t) {
            InternalErrors.transformFailed(className, t);
            return null;
        } finally {
            Hooks.leaveMachinery();
        }
    }

    private byte[] transform(String className, byte[] bytes) {
        byte[] transformed = cache.get(className, bytes);
        if (transformed == null) {
            transformed = applyModels(className, bytes);
            cache.put(className, bytes, transformed);
        }
        if (transformed.length == 0) { // kept as untouched
            return null;
        }
        transformedClasses.incrementAndGet();
        modelCoverage.transformed(className);
        return transformed;
    }

    /** The class with the models that match it applied, or {@link JdkClassCache#UNTOUCHED} if none does. */
    private byte[] applyModels(String className, byte[] bytes) {
        ClassFileLocator classFiles = new ClassFileLocator.Compound(ClassFileLocator.Simple.of(className, bytes),
            bootClassFiles);
        TypePool typePool = typePools.typePool(classFiles, className);
        TypeDescription type = typePool.describe(className).resolve();
        DynamicType.Builder<?> builder = null;
        for (JdkModels.Model model : models) {
            if (model.types().matches(type)) {
                builder = model.advice().applyTo(builder == null ? byteBuddy.decorate(type, classFiles) : builder);
            }
        }
        return builder == null ? JdkClassCache.UNTOUCHED
            : builder.make(TypeResolutionStrategy.Disabled.INSTANCE, typePool).getBytes();
    }
}
