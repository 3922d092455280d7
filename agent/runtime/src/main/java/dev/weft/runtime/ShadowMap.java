package dev.weft.runtime;

/**
 * The shadows of one object's fields, by weft field id: a small open-addressed table (objects
 * have few fields and most are never shared). Each instrumented application class gets a
 * private field holding its objects' map (see {@code weft$shadows()}); concurrent first uses may
 * briefly create two maps, which can only lose history, never invent a race.
 */
public final class ShadowMap {
    private int[] ids = new int[4];
    private Shadow[] shadows = new Shadow[4];
    private int size;

    /** The map a fresh object starts with; called by injected code. */
    public static ShadowMap create() {
        return new ShadowMap();
    }

    Shadow get(int fieldId) {
        int[] keys = ids;
        Shadow[] values = shadows;
        int mask = keys.length - 1;
        int key = fieldId + 1;
        for (int i = key & mask; ; i = (i + 1) & mask) {
            int k = keys[i];
            if (k == key) {
                Shadow found = values[i];
                if (found != null) {
                    return found;
                }
            }
            if (k == 0) {
                return insert(fieldId);
            }
        }
    }

    private synchronized Shadow insert(int fieldId) {
        int key = fieldId + 1;
        int mask = ids.length - 1;
        for (int i = key & mask; ; i = (i + 1) & mask) {
            if (ids[i] == key && shadows[i] != null) {
                return shadows[i];
            }
            if (ids[i] == 0) {
                if ((size + 1) * 2 > ids.length) {
                    grow();
                    return insert(fieldId);
                }
                Shadow shadow = new Shadow();
                shadows[i] = shadow;
                ids[i] = key;
                size++;
                return shadow;
            }
        }
    }

    private void grow() {
        int[] oldIds = ids;
        Shadow[] oldShadows = shadows;
        int[] newIds = new int[oldIds.length * 2];
        Shadow[] newShadows = new Shadow[oldIds.length * 2];
        int mask = newIds.length - 1;
        for (int j = 0; j < oldIds.length; j++) {
            if (oldIds[j] != 0) {
                int i = oldIds[j] & mask;
                while (newIds[i] != 0) {
                    i = (i + 1) & mask;
                }
                newIds[i] = oldIds[j];
                newShadows[i] = oldShadows[j];
            }
        }
        shadows = newShadows; // values first: a reader that sees the new keys finds their values
        ids = newIds;
    }
}
