package dev.weft.agent.instrument;

import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.matcher.ElementMatchers;
import net.bytebuddy.pool.TypePool;

/**
 * The type pools the JDK's classes are described with: one cache of the boot loader's class files
 * for every class transformed, where ByteBuddy's agents make a fresh pool per class.
 *
 * <p>The types in a transformed class's signatures are described too: ByteBuddy checks each
 * method's parameter and return types for visibility. With a pool per class, {@code String},
 * {@code Object}, the collections... were read from the runtime image and parsed again for every
 * class. A boot class's structure never changes (retransformation changes no signature, and weft
 * changes no class format); the class being transformed is described from the bytes given to the
 * transformer, kept for that transformation only, as ByteBuddy's own {@code WithTypePoolCache}
 * does. The cache is held softly.
 */
final class BootTypePool {
    private final TypePool.CacheProvider boot = new TypePool.CacheProvider.Simple.UsingSoftReference();

    /** A pool for transforming the boot class {@code className}, whose class file {@code classFiles} has. */
    TypePool typePool(ClassFileLocator classFiles, String className) {
        TypePool.CacheProvider cache = new TypePool.CacheProvider.Discriminating(ElementMatchers.is(className),
            new TypePool.CacheProvider.Simple(), boot);
        return new TypePool.Default.WithLazyResolution(cache, classFiles, TypePool.Default.ReaderMode.FAST);
    }
}
