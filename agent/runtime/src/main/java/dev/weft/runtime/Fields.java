package dev.weft.runtime;

/**
 * The fields weft checks, numbered as the agent rewrites the classes that access them; static
 * fields carry their one shadow here (instance fields keep theirs in each object's
 * {@link ShadowMap}). Lookups are lock-free: chunks never move once published.
 */
public final class Fields {
    private static final int CHUNK = 1024;
    private static volatile String[][] names = new String[][] {new String[CHUNK]};
    private static volatile Shadow[][] statics = new Shadow[][] {new Shadow[CHUNK]};
    private static int count;

    private Fields() {
    }

    /** Numbers a field, {@code pkg.Class.field}; {@code isStatic} gives it its static shadow. */
    public static synchronized int register(String qualifiedName, boolean isStatic) {
        int id = count;
        String[][] currentNames = names;
        Shadow[][] currentStatics = statics;
        if (id / CHUNK == currentNames.length) {
            currentNames = java.util.Arrays.copyOf(currentNames, currentNames.length + 1);
            currentNames[currentNames.length - 1] = new String[CHUNK];
            currentStatics = java.util.Arrays.copyOf(currentStatics, currentStatics.length + 1);
            currentStatics[currentStatics.length - 1] = new Shadow[CHUNK];
        }
        currentNames[id / CHUNK][id % CHUNK] = qualifiedName;
        if (isStatic) {
            currentStatics[id / CHUNK][id % CHUNK] = new Shadow();
        }
        count = id + 1;
        statics = currentStatics;
        names = currentNames; // volatile write last: publishes the new entries
        return id;
    }

    /** {@code pkg.Class.field} of field {@code id}. */
    public static String name(int id) {
        return names[id / CHUNK][id % CHUNK];
    }

    static Shadow staticShadow(int id) {
        return statics[id / CHUNK][id % CHUNK];
    }

    public static synchronized int size() {
        return count;
    }
}
