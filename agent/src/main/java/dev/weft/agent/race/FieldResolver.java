package dev.weft.agent.race;

import net.bytebuddy.description.field.FieldDescription;
import net.bytebuddy.description.type.TypeDefinition;
import net.bytebuddy.description.type.TypeDescription;
import dev.weft.agent.instrument.TypePools;
import net.bytebuddy.pool.TypePool;

/**
 * Finds the field an instruction names ({@code owner.name} may be declared in a superclass) and
 * its modifiers, from class files rather than loaded classes, so that resolving never loads or
 * initializes a class while another is being transformed ({@link TypePools}).
 */
final class FieldResolver {
    private final TypePools pools = new TypePools();

    /** The resolved field: where it is declared and how it is modified; null if unknown. */
    record Resolved(String declaringClass, boolean isFinal, boolean isVolatile) {
    }

    Resolved resolve(ClassLoader loader, String ownerInternalName, String name) {
        try {
            TypePool.Resolution resolution = pools.describe(loader, ownerInternalName);
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
}
