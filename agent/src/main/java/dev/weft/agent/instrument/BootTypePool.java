package dev.weft.agent.instrument;

import net.bytebuddy.agent.builder.AgentBuilder;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * The type pools ByteBuddy describes the JDK's classes with: one cache of the boot loader's class
 * files for every class it transforms, where ByteBuddy's default makes a fresh pool per class.
 *
 * <p>Described from their class files ({@code DescriptionStrategy.Default.POOL_ONLY}), the types
 * in a transformed class's signatures are parsed too: ByteBuddy checks each method's parameter and
 * return types for visibility. With a pool per class, {@code String}, {@code Object}, the
 * collections... were read from the runtime image and parsed again for every class. A boot class's
 * structure never changes (retransformation changes no signature, and weft changes no class
 * format); the class being transformed is described from the bytes given to the transformer, kept
 * for that transformation only, as ByteBuddy's own {@code WithTypePoolCache} does. The cache is held
 * softly.
 */
final class BootTypePool implements AgentBuilder.PoolStrategy {
    private final TypePool.CacheProvider boot = new TypePool.CacheProvider.Simple.UsingSoftReference();

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader) {
        return new TypePool.Default.WithLazyResolution(cacheOf(classLoader), classFileLocator,
            TypePool.Default.ReaderMode.FAST);
    }

    @Override
    public TypePool typePool(ClassFileLocator classFileLocator, ClassLoader classLoader, String name) {
        TypePool.CacheProvider cache = new TypePool.CacheProvider.Discriminating(ElementMatchers.is(name),
            new TypePool.CacheProvider.Simple(), cacheOf(classLoader));
        return new TypePool.Default.WithLazyResolution(cache, classFileLocator, TypePool.Default.ReaderMode.FAST);
    }

    /** Only boot classes reach the JDK models (their ignore matcher); any other loader gets a pool of its own. */
    private TypePool.CacheProvider cacheOf(ClassLoader classLoader) {
        return classLoader == null ? boot : new TypePool.CacheProvider.Simple();
    }
}
