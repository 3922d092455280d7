package dev.weft.agent.race;

import java.util.Map;
import java.util.WeakHashMap;
import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import net.bytebuddy.dynamic.ClassFileLocator;
import net.bytebuddy.pool.TypePool;

/**
 * Finds the field an instruction names ({@code owner.name} may be declared in a superclass) and
 * its modifiers, from class files rather than loaded classes, so that resolving never loads or
 * initializes a class while another is being transformed. One cached type pool per class loader.
 */
final class FieldResolver {
    private final Map<ClassLoader, TypePool> pools = new WeakHashMap<>();

    /** The resolved field: where it is declared and how it is modified; null if unknown. */
    record Resolved(String declaringClass, boolean isFinal, boolean isVolatile) {
    }

    Resolved resolve(ClassLoader loader, String ownerInternalName, String name) {
        try {
            TypePool.Resolution resolution = pool(loader).describe(ownerInternalName.replace('/', '.'));
            if (!resolution.isResolved()) {
                return null;
            }
            for (TypeDefinition type = resolution.resolve(); type != null; type = type.getSuperClass()) {
                TypeDescription erasure = type.asErasure();
                for (FieldDescription.InDefinedShape field : erasure.getDeclaredFields()) {
                    if (field.getName().equals(name)) {
                        return new Resolved(erasure.getName(), field.isFinal(), field.isVolatile());
                    }
                }
            }
            return null;
        } catch (RuntimeException | LinkageError e) {
            return null; // an unresolvable field is simply not checked
        }
    }

    private synchronized TypePool pool(ClassLoader loader) {
        return pools.computeIfAbsent(loader, l -> TypePool.Default.of(ClassFileLocator.ForClassLoader.of(l)));
    }
}
