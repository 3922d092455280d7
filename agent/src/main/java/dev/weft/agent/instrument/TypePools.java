package dev.weft.agent.instrument;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * One cached ByteBuddy type pool per class loader: type questions asked while a class is being
 * transformed are answered from class files, never by loading (and initializing) a class.
 */
public final class TypePools {
    private final Map<ClassLoader, TypePool> pools = new WeakHashMap<>();

    /** Describes {@code internalName} as {@code loader} would define it. */
    public synchronized TypePool.Resolution describe(ClassLoader loader, String internalName) {
        TypePool pool = pools.computeIfAbsent(loader, l -> TypePool.Default.of(ClassFileLocator.ForClassLoader.of(l)));
        return pool.describe(internalName.replace('/', '.'));
    }
}
