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

        Field(String qualifiedName, Shadow staticShadow) {
            this.qualifiedName = qualifiedName;
            this.staticShadow = staticShadow;
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

    public static int size() {
        return FIELDS.size();
    }
}
