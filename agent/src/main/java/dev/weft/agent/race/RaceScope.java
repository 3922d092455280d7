package dev.weft.agent.race;

import dev.weft.agent.instrument.ClassFilter;

/**
 * Which field accesses of one class being transformed weft checks: those of fields declared in
 * application classes (the instrumentation filter), resolved through the class's own loader.
 */
public final class RaceScope {
    private final FieldResolver resolver;
    private final ClassFilter filter;
    private final ClassLoader loader;

    RaceScope(FieldResolver resolver, ClassFilter filter, ClassLoader loader) {
        this.resolver = resolver;
        this.filter = filter;
        this.loader = loader;
    }

    /**
     * What tells this class loader's static fields from another's: two loaders that define a
     * class of one name have two sets of statics, which must not share a shadow.
     */
    String loaderKey() {
        return loader == null ? "boot" : Integer.toHexString(System.identityHashCode(loader));
    }

    FieldResolver.Resolved resolve(String ownerInternalName, String name) {
        if (!filter.instruments(ownerInternalName.replace('/', '.'))) {
            return null;
        }
        FieldResolver.Resolved field = resolver.resolve(loader, ownerInternalName, name);
        return field != null && filter.instruments(field.declaringClass()) ? field : null;
    }
}
