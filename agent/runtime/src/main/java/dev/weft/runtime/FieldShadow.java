package dev.weft.runtime;

/**
 * The shadow of one instance field of one object, in its {@link ShadowMap}: names its field and
 * links to the map's previous shadow. Both are final, so a thread that finds the shadow through a
 * racy read of the map also sees which field it is.
 */
final class FieldShadow extends Shadow {
    /** The field's weft id ({@link Fields}). */
    final int field;
    /** The shadow created before this one while the map was a chain (null: the first, or once in the table). */
    final FieldShadow next;

    FieldShadow(int field, FieldShadow next) {
        this.field = field;
        this.next = next;
    }
}
