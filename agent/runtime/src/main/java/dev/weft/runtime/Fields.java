package dev.weft.runtime;

/**
 * The fields weft checks, numbered as the agent rewrites the classes that access them; a static
 * field carries its one shadow here (instance fields keep theirs in each object's
 * {@link ShadowMap}).
 */
public final class Fields {
    private static final Registry<Fields.Field> FIELDS = new Registry<Fields.Field>();

    private Fields() {
    }

    private static final class Field {
        final String qualifiedName;
        final Shadow staticShadow;
        /** Which clock the field has when it is volatile, with its object (see {@link SyncClocks#slotOfField}). */
        final int syncKey;

        Field(String qualifiedName, Shadow staticShadow) {
            this.qualifiedName = qualifiedName;
            this.staticShadow = staticShadow;
            this.syncKey = staticShadow != null ? syncKeyOfStaticField(qualifiedName)
                : syncKeyOfInstanceField(qualifiedName.substring(qualifiedName.lastIndexOf('.') + 1));
        }
    }

    /** Numbers a field, {@code pkg.Class.field}; {@code isStatic} gives it its static shadow. */
    public static int register(String qualifiedName, boolean isStatic) {
        return FIELDS.add(new Field(qualifiedName, isStatic ? new Shadow() : null));
    }

    /** {@code pkg.Class.field} of field {@code id}. */
    public static String name(int id) {
        return FIELDS.get(id).qualifiedName;
    }

    static Shadow staticShadow(int id) {
        return FIELDS.get(id).staticShadow;
    }

    /**
     * The synchronization key of volatile field {@code id}: derived from its name, not its number,
     * so that a {@code VarHandle}, which knows the field by name only, finds the same clock.
     */
    static int syncKey(int id) {
        return FIELDS.get(id).syncKey;
    }

    /** An instance field's key: its simple name (the object tells fields of different classes apart). */
    static int syncKeyOfInstanceField(String simpleName) {
        return simpleName.hashCode();
    }

    /** A static field's key: {@code pkg.Class.field}. */
    static int syncKeyOfStaticField(String qualifiedName) {
        return qualifiedName.hashCode();
    }

    public static int size() {
        return FIELDS.size();
    }
}
