package dev.weft.runtime;

/**
 * Shadow maps for objects of checked classes that have no shadow field of their own: classes
 * rewritten after they were loaded (a {@code weft attach}, which may not add members) and classes
 * that could not take one (a {@code serialVersionUID} that must not change). Kept by identity and
 * weakly in a {@link WeakIdentityTable}: slower than an object's own field, but only these objects
 * pay for it. When the table is full, a generation of its entries is dropped and those objects
 * start afresh (their history lost: a race missed, never invented).
 */
final class UnshadowedObjects {
    private static final WeakIdentityTable MAPS = new WeakIdentityTable(new WeakIdentityTable.Factory() {
        @Override
        public WeakIdentityTable.Entry create(Object key, java.lang.ref.ReferenceQueue<Object> queue) {
            return new Kept(key, queue);
        }
    });

    /** An object's entry in the table: its shadow map. */
    private static final class Kept extends WeakIdentityTable.Entry {
        final ShadowMap shadows = ShadowMap.create();

        Kept(Object object, java.lang.ref.ReferenceQueue<Object> queue) {
            super(object, queue);
        }
    }

    private UnshadowedObjects() {
    }

    /** The shadow map of {@code object}, or null if the table has none for it. */
    static ShadowMap of(Object object) {
        Kept kept = (Kept) MAPS.get(object);
        return kept == null ? null : kept.shadows;
    }
}
