package dev.weft.runtime;

/**
 * Shadow maps for objects of checked classes that have no shadow field of their own: classes
 * rewritten after they were loaded (a {@code weft attach}, which may not add members) and classes
 * that could not take one (a {@code serialVersionUID} that must not change). Kept by identity and
 * weakly in a {@link WeakIdentityTable}: slower than an object's own field, but only these objects
 * pay for it. Past the table's cap, further objects are not checked.
 */
final class UnshadowedObjects {
    private static final WeakIdentityTable MAPS = new WeakIdentityTable(new WeakIdentityTable.Factory() {
        @Override
        public Object create(Object key) {
            return ShadowMap.create();
        }
    });

    private UnshadowedObjects() {
    }

    /** The shadow map of {@code object}, or null when the table is full. */
    static ShadowMap of(Object object) {
        return (ShadowMap) MAPS.get(object);
    }
}
